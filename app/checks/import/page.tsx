// Import checks as code: paste or upload YAML, see the plan, apply (operator; deleting needs admin).
import type { Metadata } from "next";
import { ImportForm } from "@/components/checks/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import { canDeleteCheck } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Import checks" };
export const dynamic = "force-dynamic";

export default async function ImportChecksPage() {
  const user = await requirePage("createCheck");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title="Import checks"
        back={{ href: "/checks", label: "Checks" }}
        narrow
        description="The same plan and apply as npm run checks: checks created here are managed from code and show their source path; a check made in the browser is never overwritten unless you take it over."
      />
      <ImportForm canPrune={canDeleteCheck(user)} />
    </div>
  );
}
