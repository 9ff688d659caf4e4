// The signed-in user as the console sees them: name, email, groups, role, and the session's limits.
import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireSignedIn } from "@/lib/auth/guards";
import { roleLabel } from "@/lib/auth/roles";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireSignedIn();
  const rows: [string, string][] = [
    ["Name", user.name],
    ["Email", user.email ?? "—"],
    ["Groups", user.groups.length ? user.groups.join(", ") : "—"],
    ["Role", roleLabel(user.role)],
    ["Signed in as", user.kind === "token" ? "service token" : user.id],
  ];
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Your account</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 rounded-md border border-zinc-200 bg-white p-5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-zinc-500">{label}</dt>
            <dd className="break-words text-zinc-900" data-field={label}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-zinc-600">
        Sessions end after {env.SESSION_IDLE_MINUTES} minutes without activity and {env.SESSION_MAX_HOURS} hours after
        sign-in.
      </p>
      {user.kind === "user" ? <SignOutButton variant="secondary" /> : null}
    </div>
  );
}
