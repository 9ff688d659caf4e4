// What the index keeps about one execution, built from DescribeExecution (and Athena when the output lacks it).

import type { DescribeExecutionCommandOutput } from "@aws-sdk/client-sfn";
import type { QueryExecution } from "@aws-sdk/client-athena";
import type { ExecutionTrigger, Verdict } from "@/lib/checks/execution-contract";
import { isUuid } from "@/lib/uuid";
import { looseCheckRef, parseExecutionInput, parseExecutionOutput } from "./execution-io";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

export interface ExecutionRecord {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate: Date | null;
  checkId: string | null;
  checkSlug: string | null;
  checkGeneration: number | null;
  triggerKind: ExecutionTrigger | null;
  rerunOf: string | null;
  /** Display name of whoever started it from the console (trigger.actor); null for rules and schedules. */
  actorName: string | null;
  input: unknown;
  output: unknown;
  verdict: Verdict | null;
  firstValue: string | null;
  previewRowCount: number | null;
  queryExecutionId: string | null;
  queryState: string | null;
  queryStateReason: string | null;
  statistics: Record<string, number> | null;
  dataScannedBytes: bigint | null;
  engineTimeMs: number | null;
  queueTimeMs: number | null;
  error: string | null;
  cause: string | null;
}

const STATUSES = new Set<ExecutionStatus>([
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "ABORTED",
  "PENDING_REDRIVE",
]);

export const isClosed = (status: string | undefined | null): boolean =>
  status !== "RUNNING" && status !== "PENDING_REDRIVE";

function jsonOrText(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const int = (n: unknown): number | null => (typeof n === "number" && Number.isFinite(n) ? Math.round(n) : null);

/** Athena's statistics as plain numbers (the SDK's shape and the state machine's output agree on the names). */
export function athenaStatistics(stats: Record<string, unknown> | null | undefined): Record<string, number> | null {
  if (!stats) return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(stats)) if (typeof v === "number") out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * The index row for a described execution: check and trigger from its ExecutionInput, verdict and query from its
 * ExecutionOutput, and Athena's own view of the query when it was looked up (`query`).
 * A FAILED or TIMED_OUT execution has no answer, so its verdict is ERROR; an ABORTED one (stopped) has none.
 */
export function toExecutionRecord(
  d: DescribeExecutionCommandOutput | Omit<DescribeExecutionCommandOutput, "$metadata">,
  query?: QueryExecution | null,
): ExecutionRecord {
  const input = parseExecutionInput(d.input);
  const loose = input ? null : looseCheckRef(d.input);
  const output = parseExecutionOutput(d.output);
  const status = (STATUSES.has(d.status as ExecutionStatus) ? d.status : "RUNNING") as ExecutionStatus;
  const checkId = input?.check.id ?? loose?.id ?? null;
  const stats =
    athenaStatistics(query?.Statistics as Record<string, unknown> | undefined) ?? output?.statistics ?? null;
  const verdict: Verdict | null = output?.verdict ?? (status === "FAILED" || status === "TIMED_OUT" ? "ERROR" : null);
  const scanned = stats?.DataScannedInBytes;
  return {
    executionArn: d.executionArn ?? "",
    name: d.name ?? (d.executionArn ?? "").split(":").pop() ?? "",
    stateMachineArn: d.stateMachineArn ?? "",
    status,
    startDate: d.startDate ? new Date(d.startDate) : new Date(0),
    stopDate: d.stopDate ? new Date(d.stopDate) : null,
    checkId: checkId && isUuid(checkId) ? checkId : null,
    checkSlug: input?.check.slug ?? loose?.slug ?? null,
    checkGeneration: input?.check.generation ?? loose?.generation ?? null,
    triggerKind: input?.trigger.kind ?? null,
    rerunOf: input?.trigger.rerunOf ?? null,
    actorName: input?.trigger.actor?.name ?? null,
    input: jsonOrText(d.input),
    output: jsonOrText(d.output),
    verdict,
    firstValue: output?.firstValue ?? null,
    previewRowCount: output?.previewRowCount ?? null,
    queryExecutionId:
      query?.QueryExecutionId ?? output?.queryExecutionId ?? queryIdInCause(d.cause ?? output?.error?.cause) ?? null,
    queryState: query?.Status?.State ?? null,
    queryStateReason: query?.Status?.StateChangeReason ?? query?.Status?.AthenaError?.ErrorMessage ?? null,
    statistics: stats,
    dataScannedBytes: typeof scanned === "number" ? BigInt(Math.round(scanned)) : null,
    engineTimeMs: int(stats?.EngineExecutionTimeInMillis),
    queueTimeMs: int(stats?.QueryQueueTimeInMillis),
    error: d.error ?? output?.error?.error ?? null,
    cause: d.cause ?? output?.error?.cause ?? null,
  };
}

/**
 * A failed `startQueryExecution.sync` task carries Athena's GetQueryExecution answer as its cause (JSON text), so the
 * query of an ERROR verdict can still be found even though the state machine never saw its id.
 */
export function queryIdInCause(cause: string | null | undefined): string | null {
  if (!cause) return null;
  const m = /"QueryExecutionId"\s*:\s*"([^"]+)"/.exec(cause);
  return m ? m[1]! : null;
}

/** Whether Athena should be asked about the query: the output names one but says nothing about how it went. */
export function needsQueryLookup(record: ExecutionRecord): boolean {
  return (
    record.queryExecutionId !== null &&
    (record.statistics === null || record.verdict === "ERROR") &&
    record.queryState === null
  );
}
