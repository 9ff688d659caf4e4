// The executions page's query: filters + keyset paging on (start_date DESC, id DESC), one indexed range scan
// whatever the page depth (offset paging would read every skipped row).

import { Prisma } from "@/lib/generated/prisma/client";
import type { ExecutionTrigger, Verdict } from "@/lib/checks/execution-contract";
import { prisma } from "@/lib/db/client";
import { decodeCursor, encodeCursor, timeWindow, type ExecutionFilters, type PageRequest } from "./filters";
import type { ExecutionStatus } from "./execution-record";
import { TRIGGER_FROM_DB, TRIGGER_TO_DB } from "./store";

export interface ExecutionListRow {
  id: string;
  name: string;
  executionArn: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate: Date | null;
  checkId: string | null;
  checkSlug: string | null;
  checkName: string | null;
  checkGeneration: number | null;
  triggerKind: ExecutionTrigger | null;
  verdict: Verdict | null;
  firstValue: string | null;
  dataScannedBytes: bigint | null;
  error: string | null;
  /** The start of the error's cause (Athena's message for a failed query). */
  cause: string | null;
}

export interface ExecutionListPage {
  rows: ExecutionListRow[];
  /** Cursor for the next (older) page, when there is one. */
  olderCursor: string | null;
  /** Cursor for the previous (newer) page, when there is one. */
  newerCursor: string | null;
  /** Rows matching the filters, counted up to COUNT_CAP (then `countCapped`). */
  total: number;
  countCapped: boolean;
  /** Time spent in the database for this page (ms): both queries. */
  dbMs: number;
}

export const COUNT_CAP = 10_000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause for the filters (always at least `TRUE`). The name filter is an exact match (the name index) or
 * a case-insensitive "contains" (a scan: at 100k rows it is the one filter that reads the whole table).
 */
export function filterSql(f: ExecutionFilters, now: Date, nameMode: "exact" | "contains" = "contains"): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.checkId) parts.push(Prisma.sql`e.check_id = ${f.checkId}::uuid`);
  if (f.status.length)
    parts.push(Prisma.sql`e.status IN (${Prisma.join(f.status.map((s) => Prisma.sql`${s}::"ExecutionStatus"`))})`);
  if (f.verdict.length)
    parts.push(Prisma.sql`e.verdict IN (${Prisma.join(f.verdict.map((v) => Prisma.sql`${v}::"Verdict"`))})`);
  if (f.trigger.length) {
    parts.push(
      Prisma.sql`e.trigger_kind IN (${Prisma.join(f.trigger.map((t) => Prisma.sql`${TRIGGER_TO_DB[t]}::"ExecutionTrigger"`))})`,
    );
  }
  const { from, to } = timeWindow(f, now);
  if (from) parts.push(Prisma.sql`e.start_date >= ${from}`);
  if (to) parts.push(Prisma.sql`e.start_date < ${to}`);
  if (f.q)
    parts.push(nameMode === "exact" ? Prisma.sql`e.name = ${f.q}` : Prisma.sql`e.name ILIKE ${`%${escapeLike(f.q)}%`}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

interface RawRow {
  id: bigint;
  name: string;
  execution_arn: string;
  status: ExecutionStatus;
  start_date: Date;
  stop_date: Date | null;
  check_id: string | null;
  check_slug: string | null;
  check_name: string | null;
  check_generation: number | null;
  trigger_kind: keyof typeof TRIGGER_FROM_DB | null;
  verdict: Verdict | null;
  first_value: string | null;
  data_scanned_bytes: bigint | null;
  error: string | null;
  cause: string | null;
}

/** The page query itself (exported so the benchmark can time the database alone). */
export function pageSql(
  f: ExecutionFilters,
  page: PageRequest,
  now: Date,
  nameMode: "exact" | "contains" = "contains",
): { sql: Prisma.Sql; newerFirst: boolean } {
  const after = decodeCursor(page.after);
  const before = after ? null : decodeCursor(page.before);
  const where = [filterSql(f, now, nameMode)];
  if (before) where.push(Prisma.sql`(e.start_date, e.id) < (${before.startDate}, ${before.id})`);
  if (after) where.push(Prisma.sql`(e.start_date, e.id) > (${after.startDate}, ${after.id})`);
  const order = after ? Prisma.sql`e.start_date ASC, e.id ASC` : Prisma.sql`e.start_date DESC, e.id DESC`;
  const sql = Prisma.sql`
    SELECT e.id, e.name, e.execution_arn, e.status, e.start_date, e.stop_date, e.check_id::text AS check_id,
           e.check_slug, c.name AS check_name, e.check_generation, e.trigger_kind, e.verdict, e.first_value,
           e.data_scanned_bytes, e.error, left(e.cause, 240) AS cause
    FROM (
      SELECT * FROM executions e WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${page.size + 1}
    ) e
    LEFT JOIN checks c ON c.id = e.check_id
    ORDER BY ${order}`;
  return { sql, newerFirst: !after };
}

export function countSql(f: ExecutionFilters, now: Date, nameMode: "exact" | "contains" = "contains"): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM executions e WHERE ${filterSql(f, now, nameMode)} LIMIT ${COUNT_CAP + 1}) x`;
}

/** Execution names are `[0-9A-Za-z_-]`: a search that could be a whole name is tried as one first. */
export const NAME_LIKE = /^[0-9A-Za-z_-]{1,80}$/;

/** One page of the executions list for the filters, newest first. */
export async function listExecutions(
  f: ExecutionFilters,
  page: PageRequest,
  now = new Date(),
): Promise<ExecutionListPage> {
  const t0 = performance.now();
  // Someone pasting an execution's name wants that execution: an index lookup, before any scan.
  let mode: "exact" | "contains" = f.q && NAME_LIKE.test(f.q) ? "exact" : "contains";
  let { sql, newerFirst } = pageSql(f, page, now, mode);
  let [raw, count] = await Promise.all([
    prisma().$queryRaw<RawRow[]>(sql),
    prisma().$queryRaw<{ n: number }[]>(countSql(f, now, mode)),
  ]);
  if (mode === "exact" && raw.length === 0) {
    mode = "contains";
    ({ sql, newerFirst } = pageSql(f, page, now, mode));
    [raw, count] = await Promise.all([
      prisma().$queryRaw<RawRow[]>(sql),
      prisma().$queryRaw<{ n: number }[]>(countSql(f, now, mode)),
    ]);
  }
  const dbMs = performance.now() - t0;
  const more = raw.length > page.size;
  const slice = raw.slice(0, page.size);
  const ordered = newerFirst ? slice : slice.reverse();
  const rows = ordered.map(toRow);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const paged = !!(page.before || page.after);
  return {
    rows,
    olderCursor: last && (newerFirst ? more : true) ? encodeCursor(last.startDate, last.id) : null,
    newerCursor: first && (newerFirst ? paged : more) ? encodeCursor(first.startDate, first.id) : null,
    total: Math.min(count[0]?.n ?? 0, COUNT_CAP),
    countCapped: (count[0]?.n ?? 0) > COUNT_CAP,
    dbMs,
  };
}

function toRow(r: RawRow): ExecutionListRow {
  return {
    id: String(r.id),
    name: r.name,
    executionArn: r.execution_arn,
    status: r.status,
    startDate: new Date(r.start_date),
    stopDate: r.stop_date ? new Date(r.stop_date) : null,
    checkId: r.check_id,
    checkSlug: r.check_slug,
    checkName: r.check_name,
    checkGeneration: r.check_generation,
    triggerKind: r.trigger_kind ? TRIGGER_FROM_DB[r.trigger_kind] : null,
    verdict: r.verdict,
    firstValue: r.first_value,
    dataScannedBytes: r.data_scanned_bytes === null ? null : BigInt(r.data_scanned_bytes),
    error: r.error,
    cause: r.cause,
  };
}
