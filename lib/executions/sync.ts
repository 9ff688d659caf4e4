// Brings the executions index up to date with Step Functions, cheaply: ListExecutions newest first until the first
// execution the index already has as closed, DescribeExecution only for new ones and for ones the index still has
// as running, all paced below Step Functions' refill rates.
//
// Invariant that makes "stop at the first known closed execution" safe: new executions are written oldest first,
// so whatever an interrupted pass managed to store is always the oldest part of what it listed, and the next pass
// lists down to it again.

import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type ExecutionListItem,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { GetQueryExecutionCommand, type QueryExecution } from "@aws-sdk/client-athena";
import { describeAwsError } from "@/lib/aws/errors";
import {
  isClosed,
  needsQueryLookup,
  toExecutionRecord,
  type ExecutionRecord,
  type ExecutionStatus,
} from "./execution-record";
import { mapWithConcurrency, tokenBucket, type TokenBucket } from "./rate-limit";
import { queryIdInHistory } from "./timeline";

export interface ExecutionKey {
  executionArn: string;
  startDate: Date;
}

/** The index as the sync needs it (lib/executions/store.ts implements it on PostgreSQL). */
export interface ExecutionStore {
  /** Status of those of `keys` the index has. Keyed by `keyOf`. */
  statuses(keys: ExecutionKey[]): Promise<Map<string, ExecutionStatus>>;
  /** Executions of this state machine the index still has as running (or pending redrive). */
  open(stateMachineArn: string): Promise<ExecutionKey[]>;
  upsert(records: ExecutionRecord[]): Promise<void>;
}

type Send = { send(command: unknown): Promise<unknown> };

export interface SyncLimits {
  list: TokenBucket;
  describe: TokenBucket;
  /** DescribeExecution calls in flight at once. */
  concurrency: number;
}

/** Process-wide pacing: ListExecutions refills 5/s, DescribeExecution 15/s (us-east-1); we stay at or under. */
export const defaultSyncLimits: SyncLimits = {
  list: tokenBucket(5, 5),
  describe: tokenBucket(15, 15),
  concurrency: 4,
};

export interface SyncDeps {
  sfn: Send;
  /** Asked for the query's statistics when the execution's output does not carry them. */
  athena?: Send;
  store: ExecutionStore;
  stateMachineArn: string;
  limits?: SyncLimits;
  /** ListExecutions maxResults (≤ 1000). */
  pageSize?: number;
  /** Executions described and stored together, oldest first. */
  batchSize?: number;
  /**
   * At most this many DescribeExecution calls per pass (default 1,000: about a minute at 15/s). A first sync of a
   * long history thus advances pass by pass, oldest first, instead of holding the loop for hours.
   */
  maxDescribes?: number;
}

export interface SyncReport {
  listCalls: number;
  describeCalls: number;
  athenaCalls: number;
  added: number;
  updated: number;
  /** false when the listing ran out before meeting a known closed execution (first sync, or a gap). */
  reachedKnown: boolean;
  /** Executions that could not be described (left for the next pass). */
  failures: { executionArn: string; error: string }[];
  /** Executions left for later passes because of maxDescribes. */
  deferred: number;
  /** Verdicts of the finished executions this pass stored (per check: the verdicts-by-check metric). */
  verdicts: { checkSlug: string | null; verdict: NonNullable<ExecutionRecord["verdict"]> }[];
}

export const keyOf = (k: { executionArn?: string; startDate?: Date | number | string }): string =>
  `${k.executionArn}@${k.startDate ? new Date(k.startDate).getTime() : 0}`;

function emptyReport(): SyncReport {
  return {
    listCalls: 0,
    describeCalls: 0,
    athenaCalls: 0,
    added: 0,
    updated: 0,
    reachedKnown: false,
    failures: [],
    verdicts: [],
    deferred: 0,
  };
}

/** One pass of the sync; see the header for the rules it follows. */
export async function syncExecutions(deps: SyncDeps): Promise<SyncReport> {
  const limits = deps.limits ?? defaultSyncLimits;
  const report = emptyReport();

  // 1. List newest first down to the first execution the index has as closed.
  const fresh: ExecutionListItem[] = [];
  const refresh: ExecutionListItem[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  outer: do {
    await limits.list.take();
    report.listCalls++;
    const page = (await deps.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: deps.stateMachineArn, maxResults: deps.pageSize ?? 100, nextToken }),
    )) as { executions?: ExecutionListItem[]; nextToken?: string };
    const items = page.executions ?? [];
    const known = await deps.store.statuses(
      items.map((i) => ({ executionArn: i.executionArn ?? "", startDate: new Date(i.startDate ?? 0) })),
    );
    for (const item of items) {
      const key = keyOf(item);
      seen.add(key);
      const status = known.get(key);
      if (status === undefined) fresh.push(item);
      else if (isClosed(status)) {
        report.reachedKnown = true;
        break outer;
      } else if (item.status !== status) refresh.push(item); // it was running and has moved on
    }
    nextToken = page.nextToken;
  } while (nextToken);

  // 2. Executions the index still has as running that the listing did not reach (older than the stop point).
  const stale = (await deps.store.open(deps.stateMachineArn)).filter((k) => !seen.has(keyOf(k)));

  // 3. Describe and store oldest first, a batch at a time (see the invariant in the header).
  const all: ExecutionKey[] = [...fresh, ...refresh]
    .map((i) => ({ executionArn: i.executionArn ?? "", startDate: new Date(i.startDate ?? 0) }))
    .concat(stale)
    .sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  // Oldest first, so what is left for the next pass is always newer than what was stored (the invariant above).
  const work = all.slice(0, deps.maxDescribes ?? 1000);
  report.deferred = all.length - work.length;
  const freshKeys = new Set(fresh.map(keyOf));
  const batchSize = deps.batchSize ?? 20;
  for (let i = 0; i < work.length; i += batchSize) {
    const batch = work.slice(i, i + batchSize);
    const records = await mapWithConcurrency(batch, limits.concurrency, async (k) => {
      try {
        return await describeRecord(deps, limits, k.executionArn, report);
      } catch (error) {
        report.failures.push({ executionArn: k.executionArn, error: describeAwsError(error).message });
        return null;
      }
    });
    const ok = records.filter((r): r is ExecutionRecord => r !== null);
    const firstFailedFresh = batch.findIndex((k, j) => records[j] === null && freshKeys.has(keyOf(k)));
    if (firstFailedFresh >= 0) {
      // A new execution could not be described: storing newer ones would leave a gap below them. Store what is
      // older, stop, and let the next pass list down to it and retry.
      const before = records.slice(0, firstFailedFresh).filter((r): r is ExecutionRecord => r !== null);
      await deps.store.upsert(before);
      count(report, before, freshKeys);
      break;
    }
    await deps.store.upsert(ok);
    count(report, ok, freshKeys);
  }
  return report;
}

function count(report: SyncReport, records: ExecutionRecord[], freshKeys: Set<string>): void {
  for (const r of records) {
    if (freshKeys.has(keyOf(r))) report.added++;
    else report.updated++;
    if (r.verdict && r.status !== "RUNNING") report.verdicts.push({ checkSlug: r.checkSlug, verdict: r.verdict });
  }
}

async function describeRecord(
  deps: SyncDeps,
  limits: SyncLimits,
  executionArn: string,
  report: SyncReport,
): Promise<ExecutionRecord> {
  await limits.describe.take();
  report.describeCalls++;
  const d = (await deps.sfn.send(new DescribeExecutionCommand({ executionArn }))) as Parameters<
    typeof toExecutionRecord
  >[0];
  let record = toExecutionRecord(d);
  if (isClosed(record.status) && record.status !== "SUCCEEDED" && record.queryExecutionId === null) {
    // A stopped or failed execution has no output naming its query; its history does.
    const fromHistory = await queryIdFromHistory(deps.sfn, limits, executionArn);
    if (fromHistory) record = { ...record, queryExecutionId: fromHistory };
  }
  if (deps.athena && isClosed(record.status) && needsQueryLookup(record)) {
    const query = await lookupQuery(deps.athena, record.queryExecutionId!, report);
    if (query) record = toExecutionRecord(d, query);
  }
  return record;
}

/** The query an execution started, from the first page of its history; null when none or unreadable. */
async function queryIdFromHistory(sfn: Send, limits: SyncLimits, executionArn: string): Promise<string | null> {
  try {
    await limits.describe.take();
    const out = (await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: true }),
    )) as { events?: HistoryEvent[] };
    return queryIdInHistory(out.events ?? []);
  } catch {
    return null;
  }
}

/** Athena's view of a query; null once Athena has forgotten it (45 days) or cannot be reached. */
export async function lookupQuery(
  athena: Send,
  queryExecutionId: string,
  report?: SyncReport,
): Promise<QueryExecution | null> {
  try {
    if (report) report.athenaCalls++;
    const out = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }))) as {
      QueryExecution?: QueryExecution;
    };
    return out.QueryExecution ?? null;
  } catch {
    return null;
  }
}

/** Describes one execution now, as the index would keep it, without storing it (an execution page's live view). */
export async function describeExecution(
  deps: Omit<SyncDeps, "stateMachineArn" | "store">,
  executionArn: string,
): Promise<ExecutionRecord> {
  const report = emptyReport();
  return describeRecord(deps as SyncDeps, deps.limits ?? defaultSyncLimits, executionArn, report);
}

/** Describes one execution now (after Run now, Rerun, Stop) and stores it; the index row it wrote. */
export async function refreshExecution(
  deps: Omit<SyncDeps, "stateMachineArn">,
  executionArn: string,
): Promise<ExecutionRecord> {
  const record = await describeExecution(deps, executionArn);
  await deps.store.upsert([record]);
  return record;
}
