// The header's right side: who is signed in, with which role, and sign-out. Nothing when nobody is.
import Link from "next/link";
import { currentUser } from "@/lib/auth/current-user";
import { roleLabel } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

export async function UserMenu() {
  const user = await currentUser();
  if (!user) return null;
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <Link href="/account" className="text-zinc-700 hover:text-zinc-900" title="Your account">
        <span className="font-medium">{user.name}</span>{" "}
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">{roleLabel(user.role)}</span>
      </Link>
      {user.kind === "user" ? <SignOutButton /> : null}
    </div>
  );
}
