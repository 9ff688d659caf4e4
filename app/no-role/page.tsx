// A signed-in user in no group mapped to a role: say so, and who to ask. Not an error.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireSignedIn } from "@/lib/auth/guards";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "No access yet" };
export const dynamic = "force-dynamic";

export default async function NoRolePage() {
  const user = await requireSignedIn();
  if (user.role) redirect("/checks");
  const groups = [...env.ROLE_VIEWER_GROUPS, ...env.ROLE_OPERATOR_GROUPS, ...env.ROLE_ADMIN_GROUPS];
  return (
    <div className="mx-auto max-w-xl space-y-5 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">You have no access to this console yet</h1>
      <p className="text-sm text-zinc-700">
        You are signed in as <strong>{user.name}</strong>
        {user.email ? ` (${user.email})` : ""}, but none of your groups gives a role here.
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 rounded-md border border-zinc-200 bg-white p-4 text-sm">
        <dt className="text-zinc-500">Your groups</dt>
        <dd className="text-zinc-900">
          {user.groups.length ? user.groups.join(", ") : "none sent by the identity provider"}
        </dd>
        <dt className="text-zinc-500">Groups with access</dt>
        <dd className="text-zinc-900">{groups.join(", ")}</dd>
      </dl>
      <p className="text-sm text-zinc-700">
        Ask {env.ACC_ACCESS_CONTACT} to add you to one of the groups with access, then sign in again.
      </p>
      <SignOutButton variant="secondary" />
    </div>
  );
}
