// A page the user's role may not open. The refusal is already recorded in the audit trail.
import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requireSignedIn } from "@/lib/auth/guards";
import { PERMISSIONS, refusalMessage, type Permission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Not allowed" };
export const dynamic = "force-dynamic";

export default async function ForbiddenPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireSignedIn();
  const { permission } = await searchParams;
  const known = permission && permission in PERMISSIONS ? (permission as Permission) : null;
  return (
    <div className="mx-auto max-w-xl space-y-5 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Not allowed</h1>
      <Notice tone="warning">{known ? refusalMessage(user, known) : "Your role may not open that page."}</Notice>
      <ButtonLink href="/checks">Back to checks</ButtonLink>
    </div>
  );
}
