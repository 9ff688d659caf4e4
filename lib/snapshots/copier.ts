// Copies a succeeded run's result set from Athena into result_snapshot_rows, one GetQueryResults page (1,000 rows)
// at a time: memory holds one page whatever the result's size, every call waits for a token of a bucket paced under
// Athena's GetQueryResults quota, and each page is stored with the NextToken after it, so a copy killed anywhere
// resumes at the page it was on (rows are keyed by number: a page stored twice adds nothing).
//
// Ends: COMPLETE (last page read), TRUNCATED (the check's row or byte cap reached; the reason is kept),
// UNAVAILABLE (Athena no longer has the query or its output: recorded with Athena's words, never retried). Anything
// transient (throttling, 5xx, no answer) keeps the resume point and waits, with backoff, up to MAX_ATTEMPTS.
// No "server-only": the integration tests and the benchmark drive it directly.

import { GetQueryExecutionCommand, GetQueryResultsCommand, type GetQueryResultsOutput } from "@aws-sdk/client-athena";
import { describeAwsError } from "@/lib/aws/errors";
import {
  deferSnapshot,
  markSnapshotUnavailable,
  nextSnapshotToCopy,
  startSnapshotCopy,
  writeSnapshotPage,
  type SnapshotRecord,
} from "@/lib/db/result-snapshots";
import { tokenBucket, type TokenBucket } from "@/lib/executions/rate-limit";
import { toResultPage, type RawRow } from "@/lib/executions/result-page";

type Send = { send(command: unknown): Promise<unknown> };

/** GetQueryResults refills 100/s (burst 200) per account; the copier takes a fifth so pages and the CSV keep theirs. */
export const defaultCopyLimiter = (): TokenBucket => tokenBucket(20, 20);

/** Transient failures tolerated per snapshot before it is given up as unavailable. */
export const MAX_ATTEMPTS = 8;

export interface CopierDeps {
  athena: Send;
  limiter?: TokenBucket;
  /** GetQueryResults MaxResults (≤ 1000). */
  pageSize?: number;
  /** For tests: stop (as if killed) after this many pages of one snapshot, leaving it COPYING. */
  stopAfterPages?: number;
  now?: () => Date;
}

export type CopyOutcome =
  | { state: "COMPLETE" | "TRUNCATED"; rows: number; pages: number }
  | { state: "UNAVAILABLE"; reason: string; pages: number }
  | { state: "DEFERRED"; error: string; pages: number }
  | { state: "STOPPED"; rows: number; pages: number };

/** UTF-8 bytes of a row's values (what the byte cap counts; NULL counts nothing). */
export function rowBytes(row: RawRow): number {
  let n = 0;
  for (const v of row) if (v !== null) n += Buffer.byteLength(v, "utf8");
  return n;
}

/** Whether an Athena error means the result is gone for good (query forgotten, output deleted, query not succeeded). */
export function isGone(error: unknown): boolean {
  const info = describeAwsError(error);
  if (info.retryable) return false;
  return (
    info.code === "InvalidRequestException" ||
    info.code === "ResourceNotFoundException" ||
    /QUERY_NOT_FOUND|not found|no longer|does not exist|deleted|expired|NoSuchKey/i.test(info.message)
  );
}

const backoffMs = (attempt: number) => Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));

/** Copies (or resumes) one snapshot until it ends, defers, or `stopAfterPages` is reached. */
export async function copySnapshot(deps: CopierDeps, queued: SnapshotRecord): Promise<CopyOutcome> {
  const limiter = deps.limiter ?? defaultCopyLimiter();
  const pageSize = Math.min(1000, deps.pageSize ?? 1000);
  const now = deps.now ?? (() => new Date());
  const s = await startSnapshotCopy(queued.id);
  let pages = 0;
  try {
    // The statement type decides whether the first row of the first page is a header; asked once per snapshot.
    let statementType = s.statementType;
    if (!s.startedPaging) {
      await limiter.take();
      const q = (
        (await deps.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: s.queryExecutionId }))) as {
          QueryExecution?: { StatementType?: string; Status?: { State?: string; StateChangeReason?: string } };
        }
      ).QueryExecution;
      const state = q?.Status?.State;
      if (state !== "SUCCEEDED") {
        const reason = `Athena has the query ${s.queryExecutionId} as ${state ?? "unknown"}${q?.Status?.StateChangeReason ? `: ${q.Status.StateChangeReason}` : ""}; there is no result to copy.`;
        await markSnapshotUnavailable(s.id, reason);
        return { state: "UNAVAILABLE", reason, pages };
      }
      statementType = q?.StatementType ?? null;
    }
    let rowCount = s.rowCount;
    let bytes = s.bytes;
    let token = s.nextToken;
    let first = !s.startedPaging;
    for (;;) {
      await limiter.take();
      const out = (await deps.athena.send(
        new GetQueryResultsCommand({
          QueryExecutionId: s.queryExecutionId,
          MaxResults: pageSize,
          NextToken: token ?? undefined,
        }),
      )) as GetQueryResultsOutput;
      const page = toResultPage(out, { firstPage: first, statementType });
      pages++;
      // Take rows while both caps allow; the row that would cross the byte cap is not stored.
      const take: RawRow[] = [];
      let pageBytes = 0;
      let cut: "rows" | "bytes" | undefined;
      for (const row of page.rows) {
        if (rowCount + take.length >= s.maxRows) {
          cut = "rows";
          break;
        }
        const b = rowBytes(row);
        if (bytes + pageBytes + b > s.maxBytes) {
          cut = "bytes";
          break;
        }
        take.push(row);
        pageBytes += b;
      }
      // A full row cap with more pages to come is a cut too (those pages hold rows the snapshot does not).
      if (!cut && page.nextToken && rowCount + take.length >= s.maxRows) cut = "rows";
      const finish = cut
        ? { state: "TRUNCATED" as const, cutReason: cut }
        : page.nextToken
          ? undefined
          : { state: "COMPLETE" as const };
      const wrote = await writeSnapshotPage({
        snapshotId: s.id,
        fromRowCount: rowCount,
        rows: take,
        bytes: pageBytes,
        columns: first ? page.columns : undefined,
        statementType: first ? statementType : undefined,
        nextToken: page.nextToken,
        finish,
      });
      if (!wrote) throw new Error(`Snapshot ${s.id} was changed by another copier; leaving it to that one.`);
      rowCount += take.length;
      bytes += pageBytes;
      token = page.nextToken;
      first = false;
      if (finish) return { state: finish.state, rows: rowCount, pages };
      if (deps.stopAfterPages !== undefined && pages >= deps.stopAfterPages) {
        return { state: "STOPPED", rows: rowCount, pages };
      }
    }
  } catch (error) {
    const info = describeAwsError(error);
    if (isGone(error)) {
      const reason = `Athena no longer has the result of query ${s.queryExecutionId} (${info.code}: ${info.message}).`;
      await markSnapshotUnavailable(s.id, reason);
      return { state: "UNAVAILABLE", reason, pages };
    }
    const message = `${info.code}: ${info.message}`;
    if (s.attempts >= MAX_ATTEMPTS) {
      const reason = `Gave up after ${s.attempts} attempts; the last error was ${message}`;
      await markSnapshotUnavailable(s.id, reason);
      return { state: "UNAVAILABLE", reason, pages };
    }
    await deferSnapshot(s.id, message, new Date(now().getTime() + backoffMs(s.attempts)));
    return { state: "DEFERRED", error: message, pages };
  }
}

export interface CopyPassReport {
  copied: number;
  truncated: number;
  unavailable: number;
  deferred: number;
  rows: number;
  pages: number;
}

/**
 * Copies due snapshots one after another until none is due or `budgetMs` has passed (a pass never holds the loop
 * for hours; the next pass resumes where this one stopped).
 */
export async function copyDueSnapshots(deps: CopierDeps, options: { budgetMs?: number } = {}): Promise<CopyPassReport> {
  const report: CopyPassReport = { copied: 0, truncated: 0, unavailable: 0, deferred: 0, rows: 0, pages: 0 };
  const limiter = deps.limiter ?? defaultCopyLimiter();
  const started = Date.now();
  const budget = options.budgetMs ?? 50_000;
  const skipped = new Set<string>();
  while (Date.now() - started < budget) {
    const next = await nextSnapshotToCopy(deps.now?.());
    if (!next || skipped.has(next.id)) break;
    const outcome = await copySnapshot({ ...deps, limiter }, next);
    report.pages += outcome.pages;
    if (outcome.state === "COMPLETE") report.copied++;
    if (outcome.state === "TRUNCATED") report.truncated++;
    if (outcome.state === "UNAVAILABLE") report.unavailable++;
    if (outcome.state === "DEFERRED") report.deferred++;
    if (outcome.state === "COMPLETE" || outcome.state === "TRUNCATED") report.rows += outcome.rows;
    if (outcome.state === "STOPPED") {
      skipped.add(next.id);
      break;
    }
  }
  return report;
}
