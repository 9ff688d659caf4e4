import type { Metadata } from "next";
import { Suspense } from "react";
import { ChecksTable } from "@/components/checks/checks-table";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { loadLastRuns } from "@/lib/checks/last-runs-source";
import { filterAndSort, parseListQuery, toCheckRow } from "@/lib/checks/list-view";
import { listChecks } from "@/lib/db/checks";

export const metadata: Metadata = { title: "Checks" };
export const dynamic = "force-dynamic";

export default async function ChecksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const query = parseListQuery(params);
  const deleted = typeof params.deleted === "string" ? params.deleted : null;
  const note = typeof params.note === "string" ? params.note : null;
  const checks = await listChecks();
  const lastRuns = await loadLastRuns(checks.map((c) => c.id));
  const rows = filterAndSort(
    checks.map((c) => toCheckRow(c, lastRuns.get(c.id) ?? null)),
    query,
  );
  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Checks</h1>
          <p className="mt-1 text-sm text-zinc-600">Each check is an Athena query with a trigger and an expected result.</p>
        </div>
        <ButtonLink href="/checks/new" variant="primary">
          New check
        </ButtonLink>
      </div>
      {deleted ? (
        <div data-testid="saved-notice">
          <Notice tone={params.sync === "error" ? "warning" : "success"} title={`Deleted “${deleted}”.`}>
            {note}
          </Notice>
        </div>
      ) : null}
      <Suspense>
        <ChecksTable rows={rows} query={query} total={checks.length} />
      </Suspense>
    </div>
  );
}
