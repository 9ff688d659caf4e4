import type { Metadata } from "next";
import { CheckForm } from "@/components/checks/check-form";
import { PageHeader } from "@/components/ui/page-header";
import { newCheckDraft } from "@/lib/checks/form-defaults";
import { env } from "@/lib/env";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "New check" };
export const dynamic = "force-dynamic";

export default async function NewCheckPage() {
  await requirePage("createCheck");
  const initial = newCheckDraft({
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader title="New check" back={{ href: "/checks", label: "Checks" }} />
      <CheckForm mode="create" initial={initial} rulePrefix={env.RULE_PREFIX} now={new Date().toISOString()} />
    </div>
  );
}
