// Every query on `executions` and `execution_sync_state`, as typed functions: what the sync writes, the executions
// list (filters + keyset paging), a check's runs, one execution by name or ARN, and the sync's own state.
import { Prisma, type PrismaClient, type Execution as ExecutionRow } from "@/lib/generated/prisma/client";
import type { ExecutionTrigger as DbExecutionTrigger, Verdict as DbVerdict } from "@/lib/generated/prisma/enums";
import type { ExecutionTrigger, Verdict } from "@/lib/checks/execution-contract";
import type { ExecutionRecord, ExecutionStatus } from "@/lib/executions/execution-record";
import {
  decodeCursor,
  encodeCursor,
  timeWindow,
  type ExecutionFilters,
  type PageRequest,
} from "@/lib/executions/filters";
import { keyOf, type ExecutionKey, type ExecutionStore } from "@/lib/executions/sync";
import { isUuid } from "@/lib/uuid";
import { prisma } from "./client";

export const TRIGGER_TO_DB: Record<ExecutionTrigger, DbExecutionTrigger> = {
  event: "EVENT",
  schedule: "SCHEDULE",
  manual: "MANUAL",
  rerun: "RERUN",
};
export const TRIGGER_FROM_DB: Record<DbExecutionTrigger, ExecutionTrigger> = {
  EVENT: "event",
  SCHEDULE: "schedule",
  MANUAL: "manual",
  RERUN: "rerun",
};

const json = (v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue);

/** The columns of an index row for a record (everything but the surrogate id and synced_at). */
export function recordColumns(r: ExecutionRecord) {
  return {
    executionArn: r.executionArn,
    name: r.name,
    stateMachineArn: r.stateMachineArn,
    status: r.status,
    startDate: r.startDate,
    stopDate: r.stopDate,
    checkId: r.checkId,
    checkSlug: r.checkSlug,
    checkGeneration: r.checkGeneration,
    triggerKind: r.triggerKind ? TRIGGER_TO_DB[r.triggerKind] : null,
    rerunOf: r.rerunOf,
    actorName: r.actorName,
    input: json(r.input),
    output: json(r.output),
    verdict: r.verdict as DbVerdict | null,
    firstValue: r.firstValue,
    previewRowCount: r.previewRowCount,
    queryExecutionId: r.queryExecutionId,
    queryState: r.queryState,
    queryStateReason: r.queryStateReason,
    statistics: json(r.statistics),
    dataScannedBytes: r.dataScannedBytes,
    engineTimeMs: r.engineTimeMs,
    queueTimeMs: r.queueTimeMs,
    error: r.error,
    cause: r.cause,
  };
}

/** The index as the sync sees it, on the given client (the process-wide one by default). */
export function prismaExecutionStore(client: () => PrismaClient = prisma): ExecutionStore {
  return {
    async statuses(keys: ExecutionKey[]) {
      const out = new Map<string, ExecutionStatus>();
      if (keys.length === 0) return out;
      const rows = await client().execution.findMany({
        where: { executionArn: { in: [...new Set(keys.map((k) => k.executionArn))] } },
        select: { executionArn: true, startDate: true, status: true },
      });
      for (const r of rows) out.set(keyOf(r), r.status);
      return out;
    },
    async open(stateMachineArn: string) {
      return client().execution.findMany({
        where: { stateMachineArn, status: { in: ["RUNNING", "PENDING_REDRIVE"] } },
        select: { executionArn: true, startDate: true },
      });
    },
    async upsert(records: ExecutionRecord[]) {
      // One statement at a time and no transaction: the embedded PGlite is a single session (lib/db/client.ts).
      for (const r of records) {
        const data = recordColumns(r);
        await client().execution.upsert({
          where: { executionArn_startDate: { executionArn: r.executionArn, startDate: r.startDate } },
          create: data,
          update: data,
        });
      }
    },
  };
}

/** An index row as the domain's ExecutionRecord. */
export function recordFromRow(row: ExecutionRow): ExecutionRecord {
  return {
    executionArn: row.executionArn,
    name: row.name,
    stateMachineArn: row.stateMachineArn,
    status: row.status,
    startDate: row.startDate,
    stopDate: row.stopDate,
    checkId: row.checkId,
    checkSlug: row.checkSlug,
    checkGeneration: row.checkGeneration,
    triggerKind: row.triggerKind ? TRIGGER_FROM_DB[row.triggerKind] : null,
    rerunOf: row.rerunOf,
    actorName: row.actorName,
    input: row.input,
    output: row.output,
    verdict: row.verdict,
    firstValue: row.firstValue,
    previewRowCount: row.previewRowCount,
    queryExecutionId: row.queryExecutionId,
    queryState: row.queryState,
    queryStateReason: row.queryStateReason,
    statistics: row.statistics as Record<string, number> | null,
    dataScannedBytes: row.dataScannedBytes,
    engineTimeMs: row.engineTimeMs,
    queueTimeMs: row.queueTimeMs,
    error: row.error,
    cause: row.cause,
  };
}

/**
 * The newest indexed execution with this name (or ARN): names repeat across state machines and a redriven
 * execution keeps its ARN, so "newest" is by start date, then id.
 */
export async function newestExecution(
  where: { name: string } | { executionArn: string },
): Promise<ExecutionRecord | null> {
  const row = await prisma().execution.findFirst({ where, orderBy: [{ startDate: "desc" }, { id: "desc" }] });
  return row ? recordFromRow(row) : null;
}

export interface SyncState {
  stateMachineArn: string;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastError: string | null;
  lastStats: unknown;
}

/** How the last sync pass of this state machine went, or null before the first. */
export async function getSyncState(stateMachineArn: string): Promise<SyncState | null> {
  return prisma().executionSyncState.findUnique({ where: { stateMachineArn } });
}

/** Records a sync pass's outcome (`lastStats` is left as it was when not given). */
export async function saveSyncState(state: {
  stateMachineArn: string;
  lastStartedAt: Date;
  lastFinishedAt: Date;
  lastError: string | null;
  lastStats?: object;
}): Promise<void> {
  const data = { ...state, lastStats: state.lastStats as Prisma.InputJsonValue | undefined };
  await prisma().executionSyncState.upsert({
    where: { stateMachineArn: state.stateMachineArn },
    create: data,
    update: data,
  });
}

// The executions list: filters + keyset paging on (start_date DESC, id DESC), one indexed range scan whatever the
// page depth (offset paging would read every skipped row).

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
  /** Who started it from the console; null for rules and schedules. */
  actorName: string | null;
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
  /** Rows matching the filters, counted up to countCap(mode) (then `countCapped`). */
  total: number;
  countCapped: boolean;
  /** Time spent in the database for this page (ms): both queries. */
  dbMs: number;
}

export const COUNT_CAP = 10_000;
/**
 * A partial name search counts far less: its matches are found by filtering (the time index walked with ILIKE, or
 * the trigram index's bitmap), so every counted row costs a pattern match. At 10M rows, counting 10,001 matches took
 * 0.65–1.9 s; 101 of them, in the page's own order (the planner then walks the time index and stops), ~8 ms.
 */
export const NAME_SEARCH_COUNT_CAP = 100;

export function countCap(nameMode: "exact" | "contains", f: ExecutionFilters): number {
  return nameMode === "contains" && f.q ? NAME_SEARCH_COUNT_CAP : COUNT_CAP;
}

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
  actor_name: string | null;
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
           e.check_slug, c.name AS check_name, e.check_generation, e.trigger_kind, e.actor_name, e.verdict,
           e.first_value,
           e.data_scanned_bytes, e.error, left(e.cause, 240) AS cause
    FROM (
      SELECT * FROM executions e WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${page.size + 1}
    ) e
    LEFT JOIN checks c ON c.id = e.check_id
    ORDER BY ${order}`;
  return { sql, newerFirst: !after };
}

export function countSql(f: ExecutionFilters, now: Date, nameMode: "exact" | "contains" = "contains"): Prisma.Sql {
  const cap = countCap(nameMode, f);
  // A name search counts in the page's order, so many matches are counted from the newest and the walk stops early.
  const order = cap === NAME_SEARCH_COUNT_CAP ? Prisma.sql`ORDER BY e.start_date DESC, e.id DESC` : Prisma.empty;
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM executions e WHERE ${filterSql(f, now, nameMode)} ${order} LIMIT ${cap + 1}) x`;
}

/**
 * Whether a page's own rows already give the exact count (a first page that is not full), so the count query is
 * skipped: for a partial name search with few matches it would repeat the page's trigram index scan.
 */
export function countFromPage(page: PageRequest, rowsFetched: number): number | null {
  return !page.before && !page.after && rowsFetched <= page.size ? rowsFetched : null;
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
  let raw: RawRow[];
  let n: number;
  const countRows = async () => (await prisma().$queryRaw<{ n: number }[]>(countSql(f, now, mode)))[0]?.n ?? 0;
  if (mode === "exact" || !f.q) {
    [raw, n] = await Promise.all([prisma().$queryRaw<RawRow[]>(sql), countRows()]);
  } else {
    raw = await prisma().$queryRaw<RawRow[]>(sql);
    n = countFromPage(page, raw.length) ?? (await countRows());
  }
  if (mode === "exact" && raw.length === 0) {
    mode = "contains";
    ({ sql, newerFirst } = pageSql(f, page, now, mode));
    raw = await prisma().$queryRaw<RawRow[]>(sql);
    n = countFromPage(page, raw.length) ?? (await countRows());
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
    total: Math.min(n, countCap(mode, f)),
    countCapped: n > countCap(mode, f),
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
    actorName: r.actor_name,
    verdict: r.verdict,
    firstValue: r.first_value,
    dataScannedBytes: r.data_scanned_bytes === null ? null : BigInt(r.data_scanned_bytes),
    error: r.error,
    cause: r.cause,
  };
}

// A check's runs: the latest per check for the checks list, the recent ones for its page.

export interface LastRun {
  checkId: string;
  name: string;
  status: ExecutionStatus;
  verdict: Verdict | null;
  startDate: Date;
  stopDate: Date | null;
}

/**
 * The latest execution per check that is running or has a verdict (a run an operator stopped says nothing about
 * the check). One index lookup per check via LATERAL on (check_id, start_date DESC, id DESC).
 */
export async function lastRunsByCheck(checkIds: string[]): Promise<Map<string, LastRun>> {
  const ids = [...new Set(checkIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await prisma().$queryRaw<
    {
      check_id: string;
      name: string;
      status: ExecutionStatus;
      verdict: Verdict | null;
      start_date: Date;
      stop_date: Date | null;
    }[]
  >(Prisma.sql`
    SELECT c.id::text AS check_id, x.name, x.status, x.verdict, x.start_date, x.stop_date
    FROM unnest(${ids}::uuid[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT e.name, e.status, e.verdict, e.start_date, e.stop_date
      FROM executions e
      WHERE e.check_id = c.id AND (e.status = 'RUNNING' OR e.verdict IS NOT NULL)
      ORDER BY e.start_date DESC, e.id DESC
      LIMIT 1
    ) x`);
  return new Map(
    rows.map((r) => [
      r.check_id,
      {
        checkId: r.check_id,
        name: r.name,
        status: r.status,
        verdict: r.verdict,
        startDate: new Date(r.start_date),
        stopDate: r.stop_date ? new Date(r.stop_date) : null,
      },
    ]),
  );
}

export interface RunPoint {
  id: string;
  name: string;
  status: ExecutionStatus;
  verdict: Verdict | null;
  startDate: Date;
  stopDate: Date | null;
  firstValue: string | null;
  triggerKind: string | null;
  error: string | null;
}

/** The check's most recent executions, newest first (its page: recent runs and the trend). */
export async function recentRuns(checkId: string, limit = 50): Promise<RunPoint[]> {
  const rows = await prisma().execution.findMany({
    where: { checkId },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      status: true,
      verdict: true,
      startDate: true,
      stopDate: true,
      firstValue: true,
      triggerKind: true,
      error: true,
    },
  });
  return rows.map((r) => ({ ...r, id: String(r.id), triggerKind: r.triggerKind?.toLowerCase() ?? null }));
}

// A check's runs in a period, oldest first, for the evidence export: keyset on (start_date, id) through the
// (check_id, start_date, id) index, `batch` rows per query, so a year of hourly runs is never held at once.

export interface EvidenceRun {
  id: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate: Date | null;
  checkGeneration: number | null;
  triggerKind: ExecutionTrigger | null;
  actorName: string | null;
  verdict: Verdict | null;
  firstValue: string | null;
  previewRowCount: number | null;
  queryExecutionId: string | null;
  queryState: string | null;
  dataScannedBytes: bigint | null;
  error: string | null;
}

export async function* runsOfCheck(
  checkId: string,
  window: { from: Date; to: Date },
  batch = 1000,
): AsyncGenerator<EvidenceRun> {
  let after: { startDate: Date; id: bigint } | null = null;
  for (;;) {
    const rows: (Omit<EvidenceRun, "id" | "triggerKind"> & {
      id: bigint;
      triggerKind: keyof typeof TRIGGER_FROM_DB | null;
    })[] = await prisma().execution.findMany({
      where: {
        checkId,
        startDate: { gte: window.from, lt: window.to },
        ...(after
          ? { OR: [{ startDate: { gt: after.startDate } }, { startDate: after.startDate, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      take: batch,
      select: {
        id: true,
        name: true,
        status: true,
        startDate: true,
        stopDate: true,
        checkGeneration: true,
        triggerKind: true,
        actorName: true,
        verdict: true,
        firstValue: true,
        previewRowCount: true,
        queryExecutionId: true,
        queryState: true,
        dataScannedBytes: true,
        error: true,
      },
    });
    for (const r of rows) {
      yield { ...r, id: String(r.id), triggerKind: r.triggerKind ? TRIGGER_FROM_DB[r.triggerKind] : null };
    }
    if (rows.length < batch) return;
    const last: { startDate: Date; id: bigint } = rows[rows.length - 1]!;
    after = { startDate: last.startDate, id: last.id };
  }
}

// A check's trend over a time range: one point per run, or per time bucket when the range holds more runs than the
// chart can show (a year of hourly runs is 8,760). Each bucket keeps its most telling run — a FAIL before an ERROR
// before a PASS, then the newest — so a failure never disappears from a zoomed-out chart, and sums what it stands for.

/** The ranges the check page offers; "all" starts at the check's first run. */
export const TREND_RANGES = { "7d": 7, "30d": 30, "90d": 90, "1y": 365, all: null } as const;
export type TrendRange = keyof typeof TREND_RANGES;
export const DEFAULT_TREND_RANGE: TrendRange = "90d";
/** Points drawn at most (the chart is ~1,100 px wide). */
export const TREND_MAX_POINTS = 500;

export interface TrendPoint {
  /** The run the point links to (the bucket's most telling run). */
  name: string;
  startDate: Date;
  verdict: Verdict | null;
  status: ExecutionStatus;
  firstValue: string | null;
  previewRowCount: number | null;
  /** Bytes scanned by every run the point stands for. */
  dataScannedBytes: number | null;
  /** Runs the point stands for (1 unless downsampled). */
  runs: number;
}

export interface Trend {
  from: Date;
  to: Date;
  points: TrendPoint[];
  /** Runs in the range (more than points.length when downsampled). */
  totalRuns: number;
}

/** The trend points of a check in [now − range, now], at most `maxPoints`, oldest first. */
export async function checkTrend(
  checkId: string,
  range: TrendRange = DEFAULT_TREND_RANGE,
  now = new Date(),
  maxPoints = TREND_MAX_POINTS,
): Promise<Trend> {
  const days = TREND_RANGES[range];
  let from: Date;
  if (days === null) {
    const first = await prisma().execution.findFirst({
      where: { checkId },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      select: { startDate: true },
    });
    from = first?.startDate ?? new Date(now.getTime() - 86_400_000);
  } else from = new Date(now.getTime() - days * 86_400_000);
  const to = now;
  // Bucket width in seconds; runs closer together than this share a point.
  const width = Math.max((to.getTime() - from.getTime()) / 1000 / maxPoints, 0.001);
  const rows = await prisma().$queryRaw<
    {
      name: string;
      start_date: Date;
      verdict: Verdict | null;
      status: ExecutionStatus;
      first_value: string | null;
      preview_row_count: number | null;
      scanned: bigint | number | null;
      n: bigint | number;
    }[]
  >(Prisma.sql`
    SELECT name, start_date, verdict, status, first_value, preview_row_count, scanned, n
    FROM (
      SELECT b.*,
             row_number() OVER (PARTITION BY bucket ORDER BY (verdict = 'FAIL') DESC NULLS LAST,
                                (verdict = 'ERROR') DESC NULLS LAST, start_date DESC, id DESC) AS rn,
             count(*) OVER (PARTITION BY bucket) AS n,
             sum(data_scanned_bytes) OVER (PARTITION BY bucket) AS scanned
      FROM (
        SELECT e.id, e.name, e.start_date, e.verdict, e.status, e.first_value, e.preview_row_count,
               e.data_scanned_bytes,
               floor(extract(epoch FROM (e.start_date - ${from}::timestamp)) / ${width}::float8)::bigint AS bucket
        FROM executions e
        WHERE e.check_id = ${checkId}::uuid AND e.start_date >= ${from} AND e.start_date <= ${to}
      ) b
    ) x
    WHERE rn = 1
    ORDER BY start_date ASC`);
  const points = rows.map((r) => ({
    name: r.name,
    startDate: new Date(r.start_date),
    verdict: r.verdict,
    status: r.status,
    firstValue: r.first_value,
    previewRowCount: r.preview_row_count,
    dataScannedBytes: r.scanned === null ? null : Number(r.scanned),
    runs: Number(r.n),
  }));
  return { from, to, points, totalRuns: points.reduce((s, p) => s + p.runs, 0) };
}

export interface TriggerEventRow {
  name: string;
  startDate: Date;
  triggerKind: string | null;
  /** The execution input's `event` (the triggering event, or the one Run now synthesized). */
  event: Record<string, unknown> | null;
}

/** The triggering events of the check's most recent executions, newest first (the query runner's event picker). */
export async function recentTriggerEvents(checkId: string, limit = 10): Promise<TriggerEventRow[]> {
  if (!isUuid(checkId)) return [];
  const rows = await prisma().execution.findMany({
    where: { checkId, input: { not: Prisma.AnyNull } },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    take: limit,
    select: { name: true, startDate: true, triggerKind: true, input: true },
  });
  return rows.map((r) => {
    const input = r.input as { event?: unknown } | null;
    const event = input && typeof input.event === "object" && input.event !== null ? input.event : null;
    return {
      name: r.name,
      startDate: r.startDate,
      triggerKind: r.triggerKind?.toLowerCase() ?? null,
      event: event as Record<string, unknown> | null,
    };
  });
}
