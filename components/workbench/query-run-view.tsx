"use client";

import { formatDurationMs } from "@/lib/executions/athena-cost";
import { statLines } from "@/lib/workbench/run-status";
import { ResultTable } from "@/components/executions/result-table";
import { QueryStateBadge } from "@/components/executions/badges";
import type { QueryRunState } from "./use-query-run";

/**
 * A run's live state and elapsed time, then its statistics (data scanned, cost with the 10 MB minimum, engine and
 * queue time), Athena's error in words, and the typed result table paged through Athena. `children` come between
 * the statistics and the table (the check form puts the would-be verdict there).
 */
export function QueryRunView({
  q,
  pageSize,
  pageSizes,
  children,
}: {
  q: QueryRunState;
  pageSize: number;
  pageSizes: readonly number[];
  children?: React.ReactNode;
}) {
  const { run, status, firstPage, pollError, elapsed } = q;
  if (!run) return null;
  return (
    <section aria-label="Result" className="space-y-3" data-testid="query-run">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <span className="flex items-center gap-2" aria-live="polite" data-testid="query-state">
          <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">State</span>
          <QueryStateBadge state={status?.state ?? "QUEUED"} />
        </span>
        {status?.done ? (
          statLines(status).map((l) => (
            <span key={l.label} className="flex items-baseline gap-1.5" data-stat={l.label}>
              <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">{l.label}</span>
              <span className="tabular-nums text-zinc-900">{l.value}</span>
              {l.note ? <span className="text-xs text-zinc-500">({l.note})</span> : null}
            </span>
          ))
        ) : (
          <span className="flex items-baseline gap-1.5" data-stat="Elapsed">
            <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Elapsed</span>
            <span className="tabular-nums text-zinc-900">{formatDurationMs(elapsed)}</span>
          </span>
        )}
        <span className="font-mono text-[11px] text-zinc-400" data-testid="query-id">
          {run.queryExecutionId}
        </span>
      </div>
      {pollError ? (
        <p role="alert" className="text-sm text-red-700">
          {pollError}
        </p>
      ) : null}
      {status?.error ? (
        <div
          role="alert"
          data-testid="query-error"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          <p className="font-medium">
            {status.error.title}
            {status.error.line !== null ? (
              <span className="font-normal">
                {" "}
                at line {status.error.line}, column {status.error.column}
              </span>
            ) : null}
          </p>
          <p className="mt-1 whitespace-pre-wrap wrap-anywhere font-mono text-xs">{status.error.message}</p>
        </div>
      ) : null}
      {status?.state === "CANCELLED" ? (
        <p className="text-sm text-zinc-600">The query was cancelled; it has no result.</p>
      ) : null}
      {children}
      {firstPage ? (
        <ResultTable
          key={run.queryExecutionId}
          resultsUrl={`/query/${encodeURIComponent(run.queryExecutionId)}/results`}
          initial={firstPage}
          pageSize={pageSize}
          pageSizes={pageSizes}
        />
      ) : status?.state === "SUCCEEDED" && !pollError ? (
        <p className="text-sm text-zinc-500">Loading the result…</p>
      ) : null}
    </section>
  );
}
