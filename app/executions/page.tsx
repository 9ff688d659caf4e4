import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { ExecutionsFilters } from "@/components/executions/executions-filters";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { SyncNowButton } from "@/components/executions/action-buttons";
import { SyncStatusLine } from "@/components/executions/sync-status-line";
import { listCheckNames } from "@/lib/db/checks";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { PAGE_SIZES, isFiltered, parseFilters, parsePage, toSearchParams } from "@/lib/executions/filters";
import { listExecutions } from "@/lib/db/executions";
import { loadSyncState } from "@/lib/executions/runtime";
import { requirePage } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Executions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const isoMinute = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : "");

export default async function ExecutionsPage({ searchParams }: Props) {
  await requirePage("readExecutions");
  const sp = await searchParams;
  const filters = parseFilters(sp);
  const page = parsePage(sp);
  const now = new Date();
  const [list, checks, syncState] = await Promise.all([
    listExecutions(filters, page, now),
    listCheckNames(),
    loadSyncState(),
  ]);
  const running = list.rows.some((r) => r.status === "RUNNING");
  const firstPage = !page.before && !page.after;
  const link = (cursor: { before?: string; after?: string }) =>
    `/executions?${toSearchParams(filters, { size: page.size, ...cursor }).toString()}`;

  return (
    <div className="space-y-4">
      <PageHeader
        title="Executions"
        description={
          <>
            Every run of the shared state machine, kept here after AWS forgets it.{" "}
            <SyncStatusLine state={syncState} now={now} />
          </>
        }
        actions={
          <div className="flex items-center gap-3">
            {/* On the first page, new executions appear by themselves; faster while one is running. */}
            <LiveRefresh
              active={running || firstPage}
              intervalMs={running ? 3000 : 15000}
              syncUrl="/executions/live"
              label={running ? "Live" : "Auto-refresh"}
            />
            <SyncNowButton />
          </div>
        }
      />

      <ExecutionsFilters
        checks={checks}
        pageSizes={PAGE_SIZES}
        initial={{
          check: filters.checkId ?? "",
          status: filters.status.join(","),
          verdict: filters.verdict.join(","),
          trigger: filters.trigger.join(","),
          range: filters.range ?? (filters.from || filters.to ? "custom" : ""),
          from: isoMinute(filters.from),
          to: isoMinute(filters.to),
          q: filters.q,
          size: String(page.size),
        }}
      />

      {list.rows.length === 0 ? (
        <EmptyState>
          {isFiltered(filters) ? (
            <>
              <p className="text-sm font-medium text-zinc-800">No executions match these filters.</p>
              <Link href="/executions" className="mt-2 inline-block text-sm text-blue-700 hover:underline">
                Clear the filters
              </Link>
            </>
          ) : (
            <>
              <p className="text-sm font-medium text-zinc-800">No executions yet.</p>
              <p className="mt-1 text-sm text-zinc-500">
                They appear here when a check&apos;s trigger fires, or when you run a check from its page.
              </p>
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <ExecutionsTable rows={list.rows} now={now} />
          <Pager
            summary={
              <>
                {list.rows.length.toLocaleString("en-US")} shown ·{" "}
                {list.countCapped
                  ? `more than ${list.total.toLocaleString("en-US")}`
                  : list.total.toLocaleString("en-US")}{" "}
                matching
              </>
            }
            previous={{ href: list.newerCursor ? link({ after: list.newerCursor }) : null, label: "← Newer" }}
            next={{ href: list.olderCursor ? link({ before: list.olderCursor }) : null, label: "Older →" }}
          />
        </>
      )}
    </div>
  );
}
