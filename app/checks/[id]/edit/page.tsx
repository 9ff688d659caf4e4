import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CheckForm } from "@/components/checks/check-form";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { sourceOverwriteWarning } from "@/components/checks/source-badge";
import { draftFromSpec } from "@/lib/checks/schema";
import { getCheck } from "@/lib/db/checks";
import { cache } from "react";
import { env } from "@/lib/env";
import { requirePage } from "@/lib/auth/guards";
import { canRunQuery } from "@/lib/auth/permissions";
import { DEFAULT_RESULT_PAGE_SIZE, RESULT_PAGE_SIZES } from "@/lib/executions/results-source";

export const dynamic = "force-dynamic";

// One read per request, shared by the title and the page.
const loadCheck = cache(getCheck);

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const check = await loadCheck((await params).id);
  return { title: check ? `Edit ${check.name}` : "Check not found" };
}

export default async function EditCheckPage({ params }: Props) {
  const user = await requirePage("updateCheck");
  const runner = canRunQuery(user) ? { pageSize: DEFAULT_RESULT_PAGE_SIZE, pageSizes: RESULT_PAGE_SIZES } : null;
  const { id } = await params;
  const check = await loadCheck(id);
  if (!check) notFound();
  return (
    <div className={`mx-auto space-y-6 ${runner ? "max-w-5xl" : "max-w-4xl"}`}>
      <PageHeader
        title="Edit check"
        back={{ href: `/checks/${check.id}`, label: check.name }}
        description={<span className="text-zinc-500 tabular-nums">Editing version {check.version}.</span>}
      />
      {check.sourcePath ? (
        <Notice tone="warning" title="Managed from code">
          {sourceOverwriteWarning(check.sourcePath)}
        </Notice>
      ) : null}
      <CheckForm
        key={`${check.id}:${check.version}`}
        mode="edit"
        checkId={check.id}
        version={check.version}
        initial={draftFromSpec(check)}
        rulePrefix={env.RULE_PREFIX}
        now={new Date().toISOString()}
        runner={runner}
      />
    </div>
  );
}
