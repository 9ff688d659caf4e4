import type { QueryExecution } from "@aws-sdk/client-athena";
import type { ParameterSource } from "@/lib/checks/execution-contract";
import { athenaQueryCost, formatBytes, formatDurationMs, formatUsd } from "@/lib/executions/athena-cost";
import { QueryStateBadge } from "./badges";
import { formatUtc } from "./time";

export interface IndexedQuery {
  queryExecutionId: string | null;
  queryState: string | null;
  queryStateReason: string | null;
  dataScannedBytes: bigint | null;
  engineTimeMs: number | null;
  queueTimeMs: number | null;
  statistics: Record<string, number> | null;
  /** From the execution input, for when Athena has forgotten the query. */
  sql: string | null;
  parameters: string[];
  /** Where each parameter came from (ExecutionInput.query.parameterSources), when the input says. */
  sources: ParameterSource[];
}

/** The Athena query as it ran: SQL, parameters, state and reason, data scanned, cost, engine and queue time. */
export function QueryPanel({
  live,
  indexed,
  unavailable,
}: {
  live: QueryExecution | null;
  indexed: IndexedQuery;
  unavailable: string | null;
}) {
  const state = live?.Status?.State ?? indexed.queryState;
  const stats = live?.Statistics;
  const scanned =
    stats?.DataScannedInBytes ?? (indexed.dataScannedBytes === null ? null : Number(indexed.dataScannedBytes));
  const cost =
    scanned === null || scanned === undefined
      ? null
      : athenaQueryCost({ state, statementType: live?.StatementType, dataScannedBytes: scanned });
  const error = live?.Status?.AthenaError;
  const reason = live?.Status?.StateChangeReason ?? indexed.queryStateReason;
  const sql = live?.Query ?? indexed.sql;
  // As run (Athena) when known; else what the input would send: literals as they are, event values as extracted.
  const parameters =
    live?.ExecutionParameters ??
    (indexed.sources.length
      ? indexed.sources.map((s) =>
          s.kind === "literal"
            ? String(s.value)
            : s.value === null || s.value === undefined
              ? "(missing from the event)"
              : JSON.stringify(s.value),
        )
      : indexed.parameters);
  const engine = stats?.EngineExecutionTimeInMillis ?? indexed.engineTimeMs;
  const queue = stats?.QueryQueueTimeInMillis ?? indexed.queueTimeMs;
  const total = stats?.TotalExecutionTimeInMillis ?? indexed.statistics?.TotalExecutionTimeInMillis ?? null;

  return (
    <div className="space-y-3" data-testid="query-panel">
      {unavailable ? <p className="text-sm text-amber-800">{unavailable}</p> : null}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
        <Item label="State">{state ? <QueryStateBadge state={state} /> : "—"}</Item>
        <Item label="Data scanned">
          <span className="tabular-nums">{formatBytes(scanned)}</span>
          {scanned !== null && scanned !== undefined ? (
            <span className="ml-1 text-xs text-zinc-500">({Number(scanned).toLocaleString("en-US")} bytes)</span>
          ) : null}
        </Item>
        <Item label="Cost">
          {cost ? (
            <span title="$5 per TB scanned, rounded up per MB, 10 MB minimum; failed queries and DDL are free">
              <span className="tabular-nums">{formatUsd(cost.usd)}</span>
              <span className="ml-1 text-xs text-zinc-500">
                {cost.freeBecause === "failed"
                  ? "failed queries are free"
                  : cost.freeBecause === "ddl"
                    ? "DDL is free"
                    : cost.minimumApplied
                      ? "10 MB minimum"
                      : `${cost.billedMb.toLocaleString("en-US")} MB billed`}
              </span>
            </span>
          ) : (
            "—"
          )}
        </Item>
        <Item label="Query id">
          <span className="break-all font-mono text-xs" data-testid="query-id">
            {live?.QueryExecutionId ?? indexed.queryExecutionId ?? "—"}
          </span>
        </Item>
        <Item label="Engine time">{formatDurationMs(engine)}</Item>
        <Item label="Queue time">{formatDurationMs(queue)}</Item>
        <Item label="Total time">{formatDurationMs(total)}</Item>
        <Item label="Statement">
          {live?.StatementType ?? "—"}
          {live?.QueryExecutionContext?.Database ? (
            <span className="ml-1 text-xs text-zinc-500">
              on {live.QueryExecutionContext.Catalog ?? "AwsDataCatalog"}.{live.QueryExecutionContext.Database}
            </span>
          ) : null}
        </Item>
        {live?.WorkGroup ? <Item label="Workgroup">{live.WorkGroup}</Item> : null}
        {live?.Status?.SubmissionDateTime ? (
          <Item label="Submitted">{formatUtc(live.Status.SubmissionDateTime)}</Item>
        ) : null}
        {live?.ResultConfiguration?.OutputLocation ? (
          <Item label="Output" wide>
            <span className="break-all font-mono text-xs">{live.ResultConfiguration.OutputLocation}</span>
          </Item>
        ) : null}
      </dl>
      {error || (reason && state !== "SUCCEEDED") ? (
        <div
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
          role="alert"
          data-testid="athena-error"
        >
          <p className="font-medium">
            Athena: {error?.ErrorType !== undefined ? `error type ${error.ErrorType}` : state}
            {error?.ErrorCategory !== undefined
              ? ` · ${["", "system", "user", "other"][error.ErrorCategory] ?? error.ErrorCategory} error`
              : ""}
            {error?.Retryable ? " · retryable" : ""}
          </p>
          <p className="mt-1 whitespace-pre-wrap wrap-anywhere font-mono text-xs">{error?.ErrorMessage ?? reason}</p>
        </div>
      ) : null}
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">SQL as run</h3>
        <pre
          className="mt-1 max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-5 whitespace-pre-wrap wrap-anywhere"
          data-testid="query-sql"
        >
          {sql ?? "—"}
        </pre>
      </div>
      <div>
        <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Parameters</h3>
        {parameters.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-500">None.</p>
        ) : (
          <ol className="mt-1 space-y-1 text-sm">
            {parameters.map((p, i) => (
              <li key={i} className="flex items-baseline gap-2">
                <span className="w-8 shrink-0 text-right font-mono text-xs text-zinc-400">?{i + 1}</span>
                <code className="break-all rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs">{p}</code>
                <SourceNote source={indexed.sources[i]} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

function Item({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "col-span-2" : ""}>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-zinc-900">{children}</dd>
    </div>
  );
}

function SourceNote({ source }: { source: ParameterSource | undefined }) {
  if (source?.kind === "eventPath") {
    return (
      <span className="text-xs text-zinc-500">
        from the event at <code className="font-mono">{source.path}</code>
      </span>
    );
  }
  return source?.kind === "literal" ? <span className="text-xs text-zinc-500">literal</span> : null;
}
