import type { Metadata } from "next";
import { Suspense } from "react";
import { ChecksHeader } from "@/components/checks/checks-header";
import { ChecksTable } from "@/components/checks/checks-table";
import { SavedNotice } from "@/components/checks/saved-notice";
import { ButtonLink } from "@/components/ui/button";
import { filterAndSort, pageOf, parseListQuery, toCheckRow, type LastRunView } from "@/lib/checks/list-view";
import { listCheckSummaries } from "@/lib/db/checks";
import { lastRunsByCheck, type LastRun } from "@/lib/db/executions";
import { requirePage } from "@/lib/auth/guards";
import { canCreateCheck } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Checks" };
export const dynamic = "force-dynamic";

export default async function ChecksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePage("readChecks");
  const params = await searchParams;
  const query = parseListQuery(params);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const checks = await listCheckSummaries();
  // Sorting by the last run needs every check's; otherwise only the shown page's are read.
  const allRuns = query.sort === "lastRun" ? await lastRunsByCheck(checks.map((c) => c.id)) : null;
  const sorted = filterAndSort(
    checks.map((c) => toCheckRow(c, lastRunView(allRuns?.get(c.id)))),
    query,
  );
  const page = pageOf(sorted, query);
  const runs = allRuns ?? (await lastRunsByCheck(page.rows.map((r) => r.id)));
  const rows = page.rows.map((r) => ({ ...r, lastRun: lastRunView(runs.get(r.id)) }));
  return (
    <div className="space-y-6">
      <ChecksHeader
        actions={
          canCreateCheck(user) ? (
            <div className="flex gap-2">
              <ButtonLink href="/checks/import">Import YAML</ButtonLink>
              <ButtonLink href="/checks/new" variant="primary">
                New check
              </ButtonLink>
            </div>
          ) : null
        }
      />
      <SavedNotice deleted={one(params.deleted)} sync={one(params.sync)} note={one(params.note)} />
      <Suspense>
        <ChecksTable list={{ ...page, rows }} query={{ ...query, page: page.page }} total={checks.length} />
      </Suspense>
    </div>
  );
}

/** A check's latest run as the list shows it: its verdict (RUNNING while it runs) and a link to it. */
function lastRunView(run: LastRun | undefined): LastRunView | null {
  if (!run) return null;
  return {
    at: run.startDate.toISOString(),
    verdict: run.status === "RUNNING" ? "RUNNING" : (run.verdict ?? "ERROR"),
    href: `/executions/${encodeURIComponent(run.name)}`,
  };
}
