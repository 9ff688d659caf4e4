import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckForm } from "@/components/checks/check-form";
import { draftFromSpec } from "@/lib/checks/schema";
import { getCheck } from "@/lib/db/checks";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Edit check" };
export const dynamic = "force-dynamic";

export default async function EditCheckPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const check = await getCheck(id);
  if (!check) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <Link href={`/checks/${check.id}`} className="text-sm text-zinc-500 hover:text-zinc-900">
          ← {check.name}
        </Link>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">Edit check</h1>
        <p className="mt-1 text-sm text-zinc-500 tabular-nums">Editing version {check.version}.</p>
      </div>
      <CheckForm
        key={`${check.id}:${check.version}`}
        mode="edit"
        checkId={check.id}
        version={check.version}
        initial={draftFromSpec(check)}
        rulePrefix={env.RULE_PREFIX}
        now={new Date().toISOString()}
      />
    </div>
  );
}
