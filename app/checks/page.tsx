import type { Metadata } from "next";
import { Suspense } from "react";
import { ChecksTable } from "@/components/checks/checks-table";
import { SavedNotice } from "@/components/checks/saved-notice";
import { ButtonLink } from "@/components/ui/button";
import { loadLastRuns } from "@/lib/checks/last-runs-source";
import { filterAndSort, parseListQuery, toCheckRow } from "@/lib/checks/list-view";
import { listChecks } from "@/lib/db/checks";

export const metadata: Metadata = { title: "Checks" };
export const dynamic = "force-dynamic";

export default async function ChecksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = parseListQuery(params);
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
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
          <p className="mt-1 text-sm text-zinc-600">
            Each check is an Athena query with a trigger and an expected result.
          </p>
        </div>
        <ButtonLink href="/checks/new" variant="primary">
          New check
        </ButtonLink>
      </div>
      <SavedNotice deleted={one(params.deleted)} sync={one(params.sync)} note={one(params.note)} />
      <Suspense>
        <ChecksTable rows={rows} query={query} total={checks.length} />
      </Suspense>
    </div>
  );
}
