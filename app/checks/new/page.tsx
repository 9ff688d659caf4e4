import type { Metadata } from "next";
import { CheckForm } from "@/components/checks/check-form";
import { BackLink } from "@/components/ui/back-link";
import { newCheckDraft } from "@/lib/checks/form-defaults";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "New check" };
export const dynamic = "force-dynamic";

export default function NewCheckPage() {
  const initial = newCheckDraft({
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  });
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <BackLink href="/checks">Checks</BackLink>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">New check</h1>
      </div>
      <CheckForm mode="create" initial={initial} rulePrefix={env.RULE_PREFIX} now={new Date().toISOString()} />
    </div>
  );
}
