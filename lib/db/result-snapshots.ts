// Every query on `result_snapshots` and `result_snapshot_rows`: the copier's queue and progress, the rows as the
// execution page, the CSV and the evidence export read them (keyset on row_number, never OFFSET), and retention.
//
// A page of rows and the progress that follows it are written in one transaction, and rows are keyed by
// (snapshot_id, row_number) with ON CONFLICT DO NOTHING: a copy killed anywhere and resumed from its stored NextToken
// rewrites at most the page it was on, and that adds nothing.
import { Prisma, type ResultSnapshot as SnapshotRow } from "@/lib/generated/prisma/client";
import { SNAPSHOT_DEFAULTS } from "@/lib/checks/types";
import type { ResultColumn } from "@/lib/executions/result-columns";
import type { RawRow } from "@/lib/executions/result-page";
import { cutReasonSchema, resultColumnsSchema, type SnapshotState, type SnapshotSummary } from "@/lib/snapshots/types";
import { prisma } from "./client";

export type { SnapshotState, SnapshotSummary };

/** A snapshot as the copier sees it (resume point included). */
export interface SnapshotRecord extends SnapshotSummary {
  queryExecutionId: string;
  nextToken: string | null;
  startedPaging: boolean;
  statementType: string | null;
  attempts: number;
  notBefore: Date;
}

const DEFAULT_MAX_BYTES = SNAPSHOT_DEFAULTS.maxMegabytes * 1024 * 1024;

function toRecord(row: SnapshotRow): SnapshotRecord {
  const columns = row.columns === null ? null : resultColumnsSchema.parse(row.columns);
  return {
    id: String(row.id),
    executionId: String(row.executionId),
    checkId: row.checkId,
    queryExecutionId: row.queryExecutionId,
    state: row.state,
    columns,
    rowCount: row.rowCount,
    bytes: Number(row.bytes),
    maxRows: row.maxRows,
    maxBytes: Number(row.maxBytes),
    cutReason: row.cutReason === null ? null : cutReasonSchema.parse(row.cutReason),
    error: row.error,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    nextToken: row.nextToken,
    startedPaging: row.startedPaging,
    statementType: row.statementType,
    attempts: row.attempts,
    notBefore: row.notBefore,
  };
}

// ── The queue ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Enqueues a snapshot for every succeeded execution that has a query and none yet, with its check's caps (the
 * check's snapshot_policy, else the defaults). Set-based and idempotent: the sync calls it after each pass, so a run
 * the index learns about by any path (sync, Run now, refresh) gets one. `since` bounds it to recent runs.
 */
export async function enqueueMissingSnapshots(options: { since?: Date } = {}): Promise<number> {
  const since = options.since ? Prisma.sql`AND e.start_date >= ${options.since}` : Prisma.empty;
  return prisma().$executeRaw(Prisma.sql`
    INSERT INTO result_snapshots (execution_id, check_id, query_execution_id, max_rows, max_bytes)
    SELECT e.id, e.check_id, e.query_execution_id,
           COALESCE((c.snapshot_policy->>'maxRows')::int, ${SNAPSHOT_DEFAULTS.maxRows}),
           COALESCE(round((c.snapshot_policy->>'maxMegabytes')::numeric * 1048576)::bigint, ${DEFAULT_MAX_BYTES})
    FROM executions e
    LEFT JOIN checks c ON c.id = e.check_id
    WHERE e.status = 'SUCCEEDED' AND e.query_execution_id IS NOT NULL ${since}
      AND NOT EXISTS (SELECT 1 FROM result_snapshots s WHERE s.execution_id = e.id)
    ON CONFLICT (execution_id) DO NOTHING`);
}

/** Enqueues one execution's snapshot with explicit caps (tests, benchmarks); returns the snapshot (new or existing). */
export async function enqueueSnapshot(input: {
  executionId: string;
  checkId: string | null;
  queryExecutionId: string;
  maxRows?: number;
  maxBytes?: number;
}): Promise<SnapshotRecord> {
  const row = await prisma().resultSnapshot.upsert({
    where: { executionId: BigInt(input.executionId) },
    create: {
      executionId: BigInt(input.executionId),
      checkId: input.checkId,
      queryExecutionId: input.queryExecutionId,
      maxRows: input.maxRows ?? SNAPSHOT_DEFAULTS.maxRows,
      maxBytes: BigInt(input.maxBytes ?? DEFAULT_MAX_BYTES),
    },
    update: {},
  });
  return toRecord(row);
}

/** The next snapshot to copy (pending, or a copy interrupted mid-way), oldest first; null when none is due. */
export async function nextSnapshotToCopy(now = new Date()): Promise<SnapshotRecord | null> {
  const row = await prisma().resultSnapshot.findFirst({
    where: { state: { in: ["PENDING", "COPYING"] }, notBefore: { lte: now } },
    orderBy: [{ notBefore: "asc" }, { id: "asc" }],
  });
  return row ? toRecord(row) : null;
}

/** Marks a copy as started (another attempt); returns the snapshot as stored. */
export async function startSnapshotCopy(id: string): Promise<SnapshotRecord> {
  const row = await prisma().resultSnapshot.update({
    where: { id: BigInt(id) },
    data: { state: "COPYING", attempts: { increment: 1 } },
  });
  return toRecord(row);
}

export interface SnapshotPageWrite {
  snapshotId: string;
  /** row_count before this page: its rows are numbered from here + 1. */
  fromRowCount: number;
  rows: RawRow[];
  /** UTF-8 bytes of these rows' values. */
  bytes: number;
  /** Set on the first page (columns and statement type come with it). */
  columns?: ResultColumn[];
  statementType?: string | null;
  /** Athena's token for the page after this one; null when this was the last. */
  nextToken: string | null;
  /** When set, the copy ends with this page. */
  finish?: { state: "COMPLETE" | "TRUNCATED"; cutReason?: "rows" | "bytes" };
}

/**
 * Stores one page of rows and the resume point after it, atomically. Rows already stored (a page re-read after a
 * crash) are skipped; the progress update is guarded by the row count it started from, so a stale writer is a no-op.
 * Returns false when the guard did not match (someone else moved the snapshot on).
 */
export async function writeSnapshotPage(w: SnapshotPageWrite): Promise<boolean> {
  const id = BigInt(w.snapshotId);
  const statements: Prisma.PrismaPromise<number>[] = [];
  if (w.rows.length > 0) {
    // One parameter for the whole page: jsonb_array_elements numbers the rows in order.
    statements.push(
      prisma().$executeRaw(Prisma.sql`
        INSERT INTO result_snapshot_rows (snapshot_id, row_number, "values")
        SELECT ${id}, ${w.fromRowCount}::int + t.ord::int, t.v
        FROM jsonb_array_elements(${JSON.stringify(w.rows)}::jsonb) WITH ORDINALITY AS t(v, ord)
        ON CONFLICT (snapshot_id, row_number) DO NOTHING`),
    );
  }
  const set: Prisma.Sql[] = [
    Prisma.sql`row_count = ${w.fromRowCount + w.rows.length}`,
    Prisma.sql`bytes = bytes + ${w.bytes}`,
    Prisma.sql`next_token = ${w.finish ? null : w.nextToken}`,
    Prisma.sql`started_paging = true`,
    Prisma.sql`error = NULL`,
  ];
  if (w.columns) set.push(Prisma.sql`columns = ${JSON.stringify(w.columns)}::jsonb`);
  if (w.statementType !== undefined) set.push(Prisma.sql`statement_type = ${w.statementType}`);
  if (w.finish) {
    set.push(Prisma.sql`state = ${w.finish.state}::"SnapshotState"`);
    set.push(Prisma.sql`cut_reason = ${w.finish.cutReason ?? null}`);
    set.push(Prisma.sql`completed_at = now()`);
  }
  statements.push(
    prisma().$executeRaw(Prisma.sql`
      UPDATE result_snapshots SET ${Prisma.join(set, ", ")}
      WHERE id = ${id} AND row_count = ${w.fromRowCount} AND state IN ('PENDING', 'COPYING')`),
  );
  const results = await prisma().$transaction(statements);
  return results[results.length - 1] === 1;
}

/** Athena no longer has the result (or never will): the snapshot is closed with the reason, never retried. */
export async function markSnapshotUnavailable(id: string, reason: string): Promise<void> {
  await prisma().resultSnapshot.update({
    where: { id: BigInt(id) },
    data: { state: "UNAVAILABLE", error: reason, nextToken: null, completedAt: new Date() },
  });
}

/** A transient failure: keeps the resume point, records the error, and waits until `notBefore`. */
export async function deferSnapshot(id: string, error: string, notBefore: Date): Promise<void> {
  await prisma().resultSnapshot.update({ where: { id: BigInt(id) }, data: { error, notBefore } });
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function getSnapshot(id: string): Promise<SnapshotRecord | null> {
  const row = await prisma().resultSnapshot.findUnique({ where: { id: BigInt(id) } });
  return row ? toRecord(row) : null;
}

/** The snapshot of an indexed execution (by the index's id), if one was enqueued. */
export async function snapshotOfExecution(executionId: string): Promise<SnapshotRecord | null> {
  const row = await prisma().resultSnapshot.findUnique({ where: { executionId: BigInt(executionId) } });
  return row ? toRecord(row) : null;
}

/** The snapshot of the newest indexed execution with this name (what the execution page and the CSV read). */
export async function snapshotOfExecutionName(name: string): Promise<SnapshotRecord | null> {
  const row = await prisma().resultSnapshot.findFirst({
    where: { execution: { name } },
    orderBy: [{ execution: { startDate: "desc" } }, { id: "desc" }],
  });
  return row ? toRecord(row) : null;
}

/** Up to `limit` rows after row number `afterRow` (0 = from the start), in order. */
export async function readSnapshotRows(
  snapshotId: string,
  afterRow: number,
  limit: number,
): Promise<{ rowNumber: number; values: RawRow }[]> {
  const rows = await prisma().resultSnapshotRow.findMany({
    where: { snapshotId: BigInt(snapshotId), rowNumber: { gt: afterRow } },
    orderBy: { rowNumber: "asc" },
    take: limit,
    select: { rowNumber: true, values: true },
  });
  return rows.map((r) => ({ rowNumber: r.rowNumber, values: r.values as RawRow }));
}

/** Every row in order, `batch` rows per query: memory stays at one batch whatever the snapshot's size. */
export async function* streamSnapshotRows(snapshotId: string, batch = 1000): AsyncGenerator<RawRow> {
  let after = 0;
  for (;;) {
    const rows = await readSnapshotRows(snapshotId, after, batch);
    for (const r of rows) yield r.values;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.rowNumber;
  }
}

/**
 * Snapshots of a check's runs started in [from, to), oldest first, keyset-paged by the execution's (start_date,
 * id): the export walks a year of runs without holding them.
 */
export async function* snapshotsOfCheck(
  checkId: string,
  window: { from: Date; to: Date },
  batch = 500,
): AsyncGenerator<SnapshotRecord & { executionName: string; startDate: Date }> {
  let after: { startDate: Date; id: bigint } | null = null;
  for (;;) {
    const rows: (SnapshotRow & { execution: { name: string; startDate: Date } })[] =
      await prisma().resultSnapshot.findMany({
        where: {
          execution: {
            checkId,
            startDate: { gte: window.from, lt: window.to },
            ...(after
              ? {
                  OR: [{ startDate: { gt: after.startDate } }, { startDate: after.startDate, id: { gt: after.id } }],
                }
              : {}),
          },
        },
        include: { execution: { select: { name: true, startDate: true } } },
        orderBy: [{ execution: { startDate: "asc" } }, { executionId: "asc" }],
        take: batch,
      });
    for (const r of rows) yield { ...toRecord(r), executionName: r.execution.name, startDate: r.execution.startDate };
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    after = { startDate: last.execution.startDate, id: last.executionId };
  }
}

// ── Retention ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Deletes snapshots older than their check's retentionDays (checks without it keep theirs forever), at most
 * `limit` per call so one pass never holds a long transaction; returns how many went.
 */
export async function pruneExpiredSnapshots(now = new Date(), limit = 100): Promise<number> {
  return prisma().$executeRaw(Prisma.sql`
    DELETE FROM result_snapshots WHERE id IN (
      SELECT s.id FROM result_snapshots s
      JOIN checks c ON c.id = s.check_id
      WHERE c.snapshot_policy->>'retentionDays' IS NOT NULL
        AND s.created_at + make_interval(days => (c.snapshot_policy->>'retentionDays')::int) < ${now}
      LIMIT ${limit})`);
}

/** Counts by state (metrics, the settings page). */
export async function snapshotCounts(): Promise<Record<SnapshotState, number>> {
  const rows = await prisma().resultSnapshot.groupBy({ by: ["state"], _count: { _all: true } });
  const out: Record<SnapshotState, number> = { PENDING: 0, COPYING: 0, COMPLETE: 0, TRUNCATED: 0, UNAVAILABLE: 0 };
  for (const r of rows) out[r.state] = r._count._all;
  return out;
}

/** On-disk size of the rows table with its indexes and TOAST (the benchmark's storage figure). */
export async function snapshotRowsStorage(): Promise<{ bytes: number; rows: number }> {
  const [r] = await prisma().$queryRaw<{ bytes: bigint; rows: bigint }[]>(Prisma.sql`
    SELECT pg_total_relation_size('result_snapshot_rows') AS bytes, (SELECT count(*) FROM result_snapshot_rows) AS rows`);
  return { bytes: Number(r!.bytes), rows: Number(r!.rows) };
}
