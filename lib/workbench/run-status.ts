// What the workbench shows of a query while and after it runs: state, elapsed time, data scanned, cost (with
// Athena's 10 MB minimum), engine and queue time, and the error in words. Pure, so the page and tests share it.
import type { QueryExecution } from "@aws-sdk/client-athena";
import {
  athenaQueryCost,
  formatBytes,
  formatDurationMs,
  formatUsd,
  type QueryCost,
} from "@/lib/executions/athena-cost";
import { parseQueryError, type QueryError } from "./query-error";

export const QUERY_STATES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type QueryState = (typeof QUERY_STATES)[number];

/** Athena's limit on a query string: 262,144 bytes (UTF-8). */
export const MAX_QUERY_BYTES = 256 * 1024;

export interface RunStatus {
  queryExecutionId: string;
  state: QueryState;
  /** Whether the state is final (SUCCEEDED, FAILED, CANCELLED). */
  done: boolean;
  statementType: string | null;
  /** Since submission: until completion, else until `now`. */
  elapsedMs: number | null;
  dataScannedBytes: number | null;
  engineMs: number | null;
  queueMs: number | null;
  /** Null until the query is done. */
  cost: QueryCost | null;
  error: QueryError | null;
}

export function isDone(state: QueryState): boolean {
  return state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED";
}

function toState(s: string | undefined): QueryState {
  return (QUERY_STATES as readonly string[]).includes(s ?? "") ? (s as QueryState) : "QUEUED";
}

/** The workbench's view of GetQueryExecution's answer, at `now`. */
export function runStatusFrom(q: QueryExecution, now: Date = new Date()): RunStatus {
  const state = toState(q.Status?.State);
  const done = isDone(state);
  const submitted = q.Status?.SubmissionDateTime;
  const completed = q.Status?.CompletionDateTime;
  const stats = q.Statistics;
  const scanned = stats?.DataScannedInBytes ?? null;
  const message = q.Status?.AthenaError?.ErrorMessage ?? q.Status?.StateChangeReason;
  return {
    queryExecutionId: q.QueryExecutionId ?? "",
    state,
    done,
    statementType: q.StatementType ?? null,
    elapsedMs: submitted
      ? Math.max(0, (done && completed ? completed : now).getTime() - new Date(submitted).getTime())
      : (stats?.TotalExecutionTimeInMillis ?? null),
    dataScannedBytes: scanned,
    engineMs: stats?.EngineExecutionTimeInMillis ?? null,
    queueMs: stats?.QueryQueueTimeInMillis ?? null,
    cost: done ? athenaQueryCost({ state, statementType: q.StatementType, dataScannedBytes: scanned ?? 0 }) : null,
    error: state === "FAILED" && message ? parseQueryError(message) : null,
  };
}

export interface StatLine {
  label: string;
  value: string;
  /** A short explanation beside the value (why the cost is what it is). */
  note?: string;
}

/** The statistics line under a finished query, in display order. */
export function statLines(s: RunStatus): StatLine[] {
  const lines: StatLine[] = [
    { label: "Elapsed", value: formatDurationMs(s.elapsedMs) },
    { label: "Data scanned", value: formatBytes(s.dataScannedBytes) },
  ];
  if (s.cost) lines.push({ label: "Cost", value: formatUsd(s.cost.usd), note: costNote(s.cost) });
  lines.push({ label: "Engine time", value: formatDurationMs(s.engineMs) });
  lines.push({ label: "Queue time", value: formatDurationMs(s.queueMs) });
  return lines;
}

/** Why a query costs what it does: free, the 10 MB minimum, or the megabytes billed. */
export function costNote(cost: QueryCost): string {
  if (cost.freeBecause === "failed") return "failed queries are free";
  if (cost.freeBecause === "ddl") return "DDL is free";
  if (cost.minimumApplied) return "10 MB minimum";
  return `${cost.billedMb.toLocaleString("en-US")} MB billed`;
}

/** The UTF-8 size of a query string, as Athena counts it. */
export function queryBytes(sql: string): number {
  return new TextEncoder().encode(sql).length;
}
