// Every query on `findings`, `finding_occurrences` and `finding_runs`: the lifecycle step run after a result
// snapshot is readable, the lists the check and execution pages show, acknowledgements, and the acknowledged keys
// the reconciler writes into a check's rule target.
//
// Runs are processed in start order per check: a run is compared with the open findings the runs before it left.
// A run older than the newest processed one (its snapshot finished late) is recorded with a note and changes
// nothing. A run cut at its snapshot cap resolves nothing (the rows past the cut are unknown). Idempotent: a run
// has at most one finding_runs row, written in the same transaction as its changes.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/actor";
import { findingsDelta, groupRows, keyHash, keyIndexes, type Cell, type Row } from "@/lib/findings/compare";
import { isReadable } from "@/lib/snapshots/types";
import { isUuid } from "@/lib/uuid";
import { appendAuditEvent } from "./audit-events";
import { prisma } from "./client";
import { snapshotOfExecution, streamSnapshotRows } from "./result-snapshots";

export type FindingStatus = "OPEN" | "RESOLVED";
export type FindingChange = "NEW" | "OPEN" | "RESOLVED";

export interface FindingRecord {
  id: string;
  checkId: string;
  keyValues: Record<string, Cell>;
  status: FindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  occurrenceCount: number;
  ack: { comment: string; by: string; at: Date; until: Date | null } | null;
  /** Acknowledged, and the acknowledgement has not expired at the time asked. */
  acknowledged: boolean;
}

type FindingRow = Prisma.FindingGetPayload<object>;

function toRecord(r: FindingRow, now: Date): FindingRecord {
  const ack =
    r.ackAt && r.ackBy !== null ? { comment: r.ackComment ?? "", by: r.ackBy, at: r.ackAt, until: r.ackUntil } : null;
  return {
    id: String(r.id),
    checkId: r.checkId,
    keyValues: r.keyValues as Record<string, Cell>,
    status: r.status,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    resolvedAt: r.resolvedAt,
    occurrenceCount: r.occurrenceCount,
    ack,
    acknowledged: !!ack && (ack.until === null || ack.until > now),
  };
}

export interface FindingRunOutcome {
  executionId: string;
  processed: boolean;
  note: string | null;
  newCount: number;
  openCount: number;
  resolvedCount: number;
  rows: number;
  duplicateRows: number;
}

const SKIP = (executionId: string, note: string): FindingRunOutcome => ({
  executionId,
  processed: false,
  note,
  newCount: 0,
  openCount: 0,
  resolvedCount: 0,
  rows: 0,
  duplicateRows: 0,
});

/**
 * The findings step for one execution whose snapshot is readable: new / still open / resolved against the open
 * findings before it. Returns null when there is nothing to do yet (no snapshot, no finding keys, already done).
 */
export async function processExecutionFindings(executionId: string): Promise<FindingRunOutcome | null> {
  const id = BigInt(executionId);
  const db = prisma();
  if (await db.findingRun.findUnique({ where: { executionId: id } })) return null;
  const execution = await db.execution.findUnique({
    where: { id },
    select: { id: true, checkId: true, startDate: true },
  });
  if (!execution?.checkId) return null;
  const check = await db.check.findUnique({ where: { id: execution.checkId }, select: { findingKeys: true } });
  if (!check || check.findingKeys.length === 0) return null;
  const snapshot = await snapshotOfExecution(executionId);
  if (!snapshot || !isReadable(snapshot)) return null;
  const keys = check.findingKeys;
  const base = { executionId: id, checkId: execution.checkId, startDate: execution.startDate, keys };

  const later = await db.findingRun.findFirst({
    where: { checkId: execution.checkId, startDate: { gt: execution.startDate }, note: null },
    select: { executionId: true },
  });
  if (later) {
    const note = "A later run's findings were computed first; this run changes nothing.";
    await db.findingRun.create({ data: { ...base, note } });
    return SKIP(executionId, note);
  }
  const columns = (snapshot.columns ?? []).map((c) => c.name);
  const idx = keyIndexes(columns, keys);
  if (!idx.ok) {
    const note = `The result has no column ${idx.missing.join(", ")}: its findings could not be computed.`;
    await db.findingRun.create({ data: { ...base, note } });
    return SKIP(executionId, note);
  }
  const rows: Row[] = [];
  for await (const r of streamSnapshotRows(snapshot.id)) rows.push(r);
  const groups = groupRows(rows, idx.indexes);
  rows.length = 0;

  // The check's findings by the hashes this run has, plus every open one (the ones it may resolve).
  const hashes = new Map<string, string>();
  for (const g of groups.values()) hashes.set(g.key, keyHash(g.key));
  const existing = await db.finding.findMany({
    where: {
      checkId: execution.checkId,
      OR: [{ status: "OPEN" }, { keyHash: { in: [...hashes.values()] } }],
    },
    select: { id: true, keyHash: true, status: true },
  });
  const byHash = new Map(existing.map((f) => [f.keyHash, f]));
  const openHashes = new Set(existing.filter((f) => f.status === "OPEN").map((f) => f.keyHash));
  // Open findings as keys of this run's grouping: a hash stands for its key.
  const openKeys = new Set<string>();
  const keyOfHash = new Map<string, string>();
  for (const [key, h] of hashes) keyOfHash.set(h, key);
  for (const h of openHashes) openKeys.add(keyOfHash.get(h) ?? `#${h}`);
  const delta = findingsDelta(groups, openKeys, { resolve: snapshot.state === "COMPLETE" });
  const resolvedHashes = delta.resolved.map((k) => (k.startsWith("#") ? k.slice(1) : hashes.get(k)!));

  const at = execution.startDate;
  const keyValues = (values: Cell[]) => Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));
  await db.$transaction(async (tx) => {
    const fresh = delta.appeared.filter((g) => !byHash.has(hashes.get(g.key)!));
    const reopened = delta.appeared.filter((g) => byHash.has(hashes.get(g.key)!));
    if (fresh.length) {
      await tx.finding.createMany({
        data: fresh.map((g) => ({
          checkId: execution.checkId!,
          keyHash: hashes.get(g.key)!,
          keyValues: keyValues(g.values),
          status: "OPEN" as const,
          firstSeenAt: at,
          lastSeenAt: at,
          firstExecutionId: id,
          lastExecutionId: id,
          occurrenceCount: 1,
        })),
      });
    }
    const touched = [...reopened, ...delta.stillOpen].map((g) => byHash.get(hashes.get(g.key)!)!.id);
    if (touched.length) {
      await tx.$executeRaw`
        UPDATE findings SET status = 'OPEN', last_seen_at = ${at}, last_execution_id = ${id},
               occurrence_count = occurrence_count + 1, resolved_at = NULL, resolved_execution_id = NULL
        WHERE id = ANY(${touched}::bigint[])`;
    }
    if (resolvedHashes.length) {
      await tx.finding.updateMany({
        where: { checkId: execution.checkId!, keyHash: { in: resolvedHashes } },
        data: { status: "RESOLVED", resolvedAt: at, resolvedExecutionId: id },
      });
    }
    const ids = await tx.finding.findMany({
      where: { checkId: execution.checkId!, keyHash: { in: [...hashes.values(), ...resolvedHashes] } },
      select: { id: true, keyHash: true },
    });
    const idOf = new Map(ids.map((f) => [f.keyHash, f.id]));
    const occurrences = [
      ...delta.appeared.map((g) => ({ g, change: "NEW" as const })),
      ...delta.stillOpen.map((g) => ({ g, change: "OPEN" as const })),
    ].map(({ g, change }): { findingId: bigint; executionId: bigint; change: FindingChange; rowCount: number } => ({
      findingId: idOf.get(hashes.get(g.key)!)!,
      executionId: id,
      change,
      rowCount: g.rows,
    }));
    for (const h of resolvedHashes)
      occurrences.push({ findingId: idOf.get(h)!, executionId: id, change: "RESOLVED", rowCount: 0 });
    if (occurrences.length) await tx.findingOccurrence.createMany({ data: occurrences, skipDuplicates: true });
    await tx.findingRun.create({
      data: {
        ...base,
        newCount: delta.appeared.length,
        openCount: delta.stillOpen.length,
        resolvedCount: resolvedHashes.length,
        rowCount: delta.rows,
        duplicateRows: delta.duplicateRows,
        note: snapshot.state === "TRUNCATED" ? "The snapshot was cut at its cap: no finding was resolved." : null,
      },
    });
  });
  return {
    executionId,
    processed: true,
    note: null,
    newCount: delta.appeared.length,
    openCount: delta.stillOpen.length,
    resolvedCount: resolvedHashes.length,
    rows: delta.rows,
    duplicateRows: delta.duplicateRows,
  };
}

/**
 * Runs whose snapshot is readable and whose check has finding keys, with no findings computed yet, oldest first,
 * processed one by one (called by the snapshot loop after each copy pass).
 */
export async function processPendingFindings(limit = 50): Promise<FindingRunOutcome[]> {
  const pending = await prisma().$queryRaw<{ id: bigint }[]>`
    SELECT e.id FROM result_snapshots s
    JOIN executions e ON e.id = s.execution_id
    JOIN checks c ON c.id = e.check_id AND cardinality(c.finding_keys) > 0
    WHERE s.state IN ('COMPLETE', 'TRUNCATED')
      AND NOT EXISTS (SELECT 1 FROM finding_runs r WHERE r.execution_id = e.id)
    ORDER BY e.start_date ASC, e.id ASC
    LIMIT ${limit}`;
  const out: FindingRunOutcome[] = [];
  for (const p of pending) {
    const r = await processExecutionFindings(String(p.id));
    if (r) out.push(r);
  }
  return out;
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface CheckFindings {
  findings: FindingRecord[];
  counts: { open: number; resolved: number; acknowledged: number };
}

/** A check's findings: open ones first (newest seen first), then resolved ones, at most `limit`. */
export async function findingsOfCheck(checkId: string, now = new Date(), limit = 200): Promise<CheckFindings> {
  if (!isUuid(checkId)) return { findings: [], counts: { open: 0, resolved: 0, acknowledged: 0 } };
  const db = prisma();
  const [rows, grouped, acked] = await Promise.all([
    db.finding.findMany({
      where: { checkId },
      orderBy: [{ status: "asc" }, { lastSeenAt: "desc" }, { id: "asc" }],
      take: limit,
    }),
    db.finding.groupBy({ by: ["status"], where: { checkId }, _count: true }),
    db.finding.count({
      where: { checkId, status: "OPEN", ackAt: { not: null }, OR: [{ ackUntil: null }, { ackUntil: { gt: now } }] },
    }),
  ]);
  const n = (s: FindingStatus) => grouped.find((g) => g.status === s)?._count ?? 0;
  return {
    findings: rows.map((r) => toRecord(r, now)),
    counts: { open: n("OPEN"), resolved: n("RESOLVED"), acknowledged: acked },
  };
}

export interface ExecutionFinding extends FindingRecord {
  change: FindingChange;
  rowCount: number;
}

export interface ExecutionFindings {
  run: FindingRunOutcome | null;
  findings: ExecutionFinding[];
}

/** What one run did to its check's findings (null run: not computed, or the check keeps none). */
export async function findingsOfExecution(
  executionId: string,
  now = new Date(),
  limit = 500,
): Promise<ExecutionFindings> {
  const id = BigInt(executionId);
  const db = prisma();
  const run = await db.findingRun.findUnique({ where: { executionId: id } });
  if (!run) return { run: null, findings: [] };
  const occ = await db.findingOccurrence.findMany({
    where: { executionId: id },
    orderBy: [{ change: "asc" }, { findingId: "asc" }],
    take: limit,
  });
  const found = await db.finding.findMany({ where: { id: { in: occ.map((o) => o.findingId) } } });
  const byId = new Map(found.map((f) => [f.id, f]));
  return {
    run: {
      executionId,
      processed: run.note === null || run.newCount + run.openCount + run.resolvedCount > 0,
      note: run.note,
      newCount: run.newCount,
      openCount: run.openCount,
      resolvedCount: run.resolvedCount,
      rows: run.rowCount,
      duplicateRows: run.duplicateRows,
    },
    findings: occ.flatMap((o) => {
      const f = byId.get(o.findingId);
      return f ? [{ ...toRecord(f, now), change: o.change, rowCount: o.rowCount }] : [];
    }),
  };
}

/** The runs a finding appeared in (and the one that resolved it), newest first. */
export async function occurrencesOfFinding(
  findingId: string,
  limit = 50,
): Promise<{ name: string; startDate: Date; change: FindingChange; rowCount: number }[]> {
  const rows = await prisma().$queryRaw<{ name: string; start_date: Date; change: FindingChange; row_count: number }[]>`
    SELECT e.name, e.start_date, o.change, o.row_count
    FROM finding_occurrences o JOIN executions e ON e.id = o.execution_id
    WHERE o.finding_id = ${BigInt(findingId)}
    ORDER BY e.start_date DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    name: r.name,
    startDate: new Date(r.start_date),
    change: r.change,
    rowCount: r.row_count,
  }));
}

// ── Acknowledging ────────────────────────────────────────────────────────────────────────────────────────────────

export class FindingNotFoundError extends Error {}

/**
 * Acknowledges (or, with `comment: null`, withdraws the acknowledgement of) a finding, and records it in the audit
 * trail in the same transaction. Returns the check id (its rule target is then re-synced).
 */
export async function acknowledgeFinding(input: {
  findingId: string;
  comment: string | null;
  until: Date | null;
  actor: Actor;
}): Promise<{ checkId: string }> {
  const id = BigInt(input.findingId);
  return prisma().$transaction(async (tx) => {
    const before = await tx.finding.findUnique({ where: { id } });
    if (!before) throw new FindingNotFoundError(`Finding ${input.findingId} does not exist.`);
    const withdraw = input.comment === null;
    await tx.finding.update({
      where: { id },
      data: withdraw
        ? { ackComment: null, ackBy: null, ackAt: null, ackUntil: null }
        : { ackComment: input.comment, ackBy: input.actor.displayName, ackAt: new Date(), ackUntil: input.until },
    });
    await appendAuditEvent(
      {
        actor: input.actor,
        action: withdraw ? "finding.withdrawAcknowledgement" : "finding.acknowledge",
        target: { kind: "finding", id: input.findingId, name: Object.values(before.keyValues as object).join(", ") },
        checkId: before.checkId,
        detail: withdraw
          ? { withdrawn: true, keyValues: before.keyValues as Record<string, unknown> }
          : {
              comment: input.comment,
              until: input.until?.toISOString() ?? null,
              keyValues: before.keyValues as Record<string, unknown>,
            },
      },
      tx,
    );
    return { checkId: before.checkId };
  });
}

/**
 * The key values of a check's findings acknowledged at `now` (open or not: an acknowledged key that comes back is
 * still acknowledged), in the check's key order, for the rule target's verdict query.
 */
export async function acknowledgedKeys(checkId: string, keys: string[], now = new Date()): Promise<Cell[][]> {
  if (keys.length === 0 || !isUuid(checkId)) return [];
  const rows = await prisma().finding.findMany({
    where: { checkId, ackAt: { not: null }, OR: [{ ackUntil: null }, { ackUntil: { gt: now } }] },
    select: { keyValues: true },
    orderBy: { id: "asc" },
  });
  // Findings computed under other keys (the check's keys changed) do not match the current key columns.
  return rows.flatMap((r) => {
    const v = r.keyValues as Record<string, Cell>;
    return keys.every((k) => k in v) ? [keys.map((k) => v[k] ?? null)] : [];
  });
}

/** Acknowledged keys of many checks at once (the reconciler's pass). */
export async function acknowledgedKeysByCheck(
  checks: { id: string; findingKeys: string[] }[],
  now = new Date(),
): Promise<Map<string, Cell[][]>> {
  const out = new Map<string, Cell[][]>();
  for (const c of checks) if (c.findingKeys.length) out.set(c.id, await acknowledgedKeys(c.id, c.findingKeys, now));
  return out;
}

/** The check a finding belongs to, or null when it does not exist. */
export async function findingCheckId(findingId: string): Promise<string | null> {
  const row = await prisma().finding.findUnique({ where: { id: BigInt(findingId) }, select: { checkId: true } });
  return row?.checkId ?? null;
}

/** The newest execution with this name, with its check's current finding keys (none: the check keeps no findings). */
export async function executionFindingContext(
  name: string,
): Promise<{ executionId: string; checkId: string; findingKeys: string[] } | null> {
  const rows = await prisma().$queryRaw<{ id: bigint; check_id: string; finding_keys: string[] }[]>`
    SELECT e.id, e.check_id::text AS check_id, c.finding_keys
    FROM executions e JOIN checks c ON c.id = e.check_id
    WHERE e.name = ${name}
    ORDER BY e.start_date DESC, e.id DESC LIMIT 1`;
  const r = rows[0];
  return r ? { executionId: String(r.id), checkId: r.check_id, findingKeys: r.finding_keys } : null;
}

/** Earlier runs of a check with a readable snapshot, newest first (the compare page's choices). */
export async function earlierRunsWithSnapshot(
  checkId: string,
  before: Date,
  limit = 50,
): Promise<{ name: string; startDate: Date; verdict: string | null; rowCount: number }[]> {
  if (!isUuid(checkId)) return [];
  const rows = await prisma().$queryRaw<
    { name: string; start_date: Date; verdict: string | null; row_count: number }[]
  >`
    SELECT e.name, e.start_date, e.verdict::text AS verdict, s.row_count
    FROM executions e JOIN result_snapshots s ON s.execution_id = e.id
    WHERE e.check_id = ${checkId}::uuid AND e.start_date < ${before} AND s.state IN ('COMPLETE', 'TRUNCATED')
    ORDER BY e.start_date DESC, e.id DESC LIMIT ${limit}`;
  return rows.map((r) => ({
    name: r.name,
    startDate: new Date(r.start_date),
    verdict: r.verdict,
    rowCount: r.row_count,
  }));
}
