// The header's right side: who is signed in, with which role, and sign-out. Nothing when nobody is.
import { Link } from "@/components/ui/link";
import { currentUser } from "@/lib/auth/current-user";
import { roleLabel } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

export async function UserMenu() {
  const user = await currentUser();
  if (!user) return null;
  return (
    <div className="ml-auto flex shrink-0 items-center gap-3 text-sm whitespace-nowrap">
      <Link href="/account" className="text-zinc-700 hover:text-zinc-900" title={`Your account: ${user.name}`}>
        {/* Narrow windows keep the role and drop the name, so the navigation stays on one line. */}
        <span className="hidden font-medium lg:inline">{user.name}</span>{" "}
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">{roleLabel(user.role)}</span>
      </Link>
      {user.kind === "user" ? <SignOutButton /> : null}
    </div>
  );
}
