import type { Metadata } from "next";
import { CheckForm } from "@/components/checks/check-form";
import { PageHeader } from "@/components/ui/page-header";
import { newCheckDraft } from "@/lib/checks/form-defaults";
import { env } from "@/lib/env";
import { requirePage } from "@/lib/auth/guards";
import { canRunQuery } from "@/lib/auth/permissions";
import { DEFAULT_RESULT_PAGE_SIZE, RESULT_PAGE_SIZES } from "@/lib/executions/results-source";

export const metadata: Metadata = { title: "New check" };
export const dynamic = "force-dynamic";

export default async function NewCheckPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  const user = await requirePage("createCheck");
  const runner = canRunQuery(user) ? { pageSize: DEFAULT_RESULT_PAGE_SIZE, pageSizes: RESULT_PAGE_SIZES } : null;
  const initial = newCheckDraft({
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  });
  return (
    <div className={`mx-auto space-y-6 ${runner ? "max-w-5xl" : "max-w-4xl"}`}>
      <PageHeader title="New check" back={{ href: "/checks", label: "Checks" }} />
      <CheckForm
        mode="create"
        initial={initial}
        rulePrefix={env.RULE_PREFIX}
        now={new Date().toISOString()}
        runner={runner}
        fromQuery={from === "query"}
      />
    </div>
  );
}
