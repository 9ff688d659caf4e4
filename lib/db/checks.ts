// Every query on `checks`, as typed functions. Pages, actions and the reconciler call these only.
// Writes are optimistic: callers name the version they read, and a stale version is refused, never merged.
import type { Actor } from "@/lib/actor";
import {
  CHECK_SPEC_FIELDS,
  type Check,
  type CheckSpec,
  type CheckSummary,
  type CheckSyncState,
} from "@/lib/checks/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHECK_SUMMARY_COLUMNS, checkFromRow, checkSummaryFromRow, specChanged, specColumns } from "./check-row";
import { isUuid } from "@/lib/uuid";
import { fieldDiff } from "@/lib/audit/diff";
import { appendAuditEvent } from "./audit-events";
import { prisma } from "./client";
import { ConcurrentEditError, UniqueViolationError, type UniqueField } from "./errors";

/** Every check, by name (id breaks ties so the order is stable between requests). */
export async function listChecks(): Promise<Check[]> {
  const rows = await prisma().check.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(checkFromRow);
}

/** Every check as the checks list shows it, by name (id breaks ties). */
export async function listCheckSummaries(): Promise<CheckSummary[]> {
  const rows = await prisma().check.findMany({
    select: CHECK_SUMMARY_COLUMNS,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(checkSummaryFromRow);
}

/** Every check's id and name, by name: the executions filter's choices. */
export async function listCheckNames(): Promise<{ id: string; name: string }[]> {
  return prisma().check.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** The check with this slug (case-insensitive, as slugs are unique), or null. */
export async function getCheckBySlug(slug: string): Promise<Check | null> {
  const row = await prisma().check.findUnique({ where: { slugLower: slug.toLowerCase() } });
  return row ? checkFromRow(row) : null;
}

export interface CheckListFilters {
  /** Part of the name or slug, case-insensitive. */
  q?: string;
  syncStatus?: Check["syncStatus"];
  enabled?: boolean;
  /** code: written by a checks-as-code apply; browser: made in the console. */
  source?: "code" | "browser";
}

/** A page of checks by slug, after `afterSlug` (keyset: one index range whatever the depth); `more` when there are others. */
export async function listChecksPage(
  f: CheckListFilters,
  page: { afterSlug: string | null; limit: number },
): Promise<{ checks: Check[]; more: boolean }> {
  const rows = await prisma().check.findMany({
    where: {
      ...(f.q
        ? {
            OR: [
              { name: { contains: f.q, mode: "insensitive" as const } },
              { slug: { contains: f.q, mode: "insensitive" as const } },
            ],
          }
        : {}),
      ...(f.syncStatus ? { syncStatus: f.syncStatus } : {}),
      ...(f.enabled !== undefined ? { enabled: f.enabled } : {}),
      ...(f.source === "code" ? { sourcePath: { not: null } } : f.source === "browser" ? { sourcePath: null } : {}),
      ...(page.afterSlug ? { slugLower: { gt: page.afterSlug.toLowerCase() } } : {}),
    },
    orderBy: { slugLower: "asc" },
    take: page.limit + 1,
  });
  return { checks: rows.slice(0, page.limit).map(checkFromRow), more: rows.length > page.limit };
}

/** The check with this id, or null (also for a string that is not a UUID). */
export async function getCheck(id: string): Promise<Check | null> {
  if (!isUuid(id)) return null;
  const row = await prisma().check.findUnique({ where: { id } });
  return row ? checkFromRow(row) : null;
}

/** Every check, enabled or not, for the reconciler's pass (ordered by slug: stable, readable logs). */
export async function listAllChecksForReconcile(): Promise<Check[]> {
  const rows = await prisma().check.findMany({ orderBy: { slug: "asc" } });
  return rows.map(checkFromRow);
}

/** Number of checks (start-up seeds the demo checks only when this is 0). */
export async function countChecks(): Promise<number> {
  return prisma().check.count();
}

/**
 * Where a write comes from: `sourcePath` is set by a checks-as-code apply (the YAML file's path) and left alone by
 * the browser (undefined), so an edit in the browser keeps the check managed from code.
 */
export interface CheckOrigin {
  sourcePath?: string | null;
}

/** Inserts a check at generation 1, version 1, sync PENDING. Throws UniqueViolationError on a taken name/slug. */
export async function createCheck(spec: CheckSpec, actor: Actor, origin: CheckOrigin = {}): Promise<Check> {
  try {
    // The row and its audit event commit together, or neither does.
    const row = await prisma().$transaction(async (tx) => {
      const created = await tx.check.create({
        data: {
          ...specColumns(spec),
          createdBy: actor.id,
          updatedBy: actor.id,
          sourcePath: origin.sourcePath ?? null,
        },
      });
      await appendAuditEvent(
        {
          actor,
          action: "check.create",
          target: { kind: "check", id: created.id, name: spec.slug },
          checkId: created.id,
          diff: fieldDiff(null, { ...spec }, CHECK_SPEC_FIELDS),
          ...(origin.sourcePath ? { detail: { sourcePath: origin.sourcePath } } : {}),
        },
        tx,
      );
      return created;
    });
    return checkFromRow(row);
  } catch (error) {
    throw translateUniqueViolation(error, spec);
  }
}

/**
 * Replaces the spec of a check read at `expectedVersion`. The version always grows; the generation grows and the
 * sync status returns to PENDING only when a spec field really changed (saving an unchanged form re-applies nothing).
 * Throws ConcurrentEditError when the check changed or vanished since it was read.
 */
export async function updateCheck(
  id: string,
  expectedVersion: number,
  spec: CheckSpec,
  actor: Actor,
  origin: CheckOrigin = {},
): Promise<Check> {
  const current = await getCheck(id);
  if (!current || current.version !== expectedVersion) {
    throw new ConcurrentEditError(id, expectedVersion, current?.version ?? null);
  }
  const changed = specChanged(current, spec);
  const diff = fieldDiff(
    { ...current },
    { ...spec, snapshotPolicy: spec.snapshotPolicy ?? current.snapshotPolicy },
    CHECK_SPEC_FIELDS,
  );
  const onlyEnabled = Object.keys(diff).length === 1 && "enabled" in diff;
  try {
    // WHERE id AND version: the write and the version check are one atomic statement; its audit event commits with it.
    const count = await prisma().$transaction(async (tx) => {
      const { count } = await tx.check.updateMany({
        where: { id, version: expectedVersion },
        data: {
          ...specColumns(spec),
          updatedBy: actor.id,
          ...(origin.sourcePath !== undefined ? { sourcePath: origin.sourcePath } : {}),
          version: { increment: 1 },
          ...(changed ? { generation: { increment: 1 }, syncStatus: "PENDING" as const } : {}),
        },
      });
      if (count === 0) return 0;
      await appendAuditEvent(
        {
          actor,
          action: onlyEnabled ? "check.setEnabled" : "check.update",
          target: { kind: "check", id, name: spec.slug },
          checkId: id,
          diff,
          ...(origin.sourcePath !== undefined && origin.sourcePath !== current.sourcePath
            ? { detail: { sourcePath: origin.sourcePath } }
            : {}),
        },
        tx,
      );
      return count;
    });
    if (count === 0) throw await concurrentEdit(id, expectedVersion);
  } catch (error) {
    throw translateUniqueViolation(error, spec);
  }
  return mustGet(id);
}

/** Enables or disables a check read at `expectedVersion` (a spec change: generation grows when it flips). */
export async function setCheckEnabled(
  id: string,
  expectedVersion: number,
  enabled: boolean,
  actor: Actor,
): Promise<Check> {
  const current = await getCheck(id);
  if (!current || current.version !== expectedVersion) {
    throw new ConcurrentEditError(id, expectedVersion, current?.version ?? null);
  }
  return updateCheck(id, expectedVersion, { ...current, enabled }, actor);
}

/**
 * Deletes a check read at `expectedVersion`; ConcurrentEditError when it changed or is already gone. The audit
 * event (with the deleted spec as its diff) keeps who deleted it and what it was.
 */
export async function deleteCheck(id: string, expectedVersion: number, actor: Actor): Promise<void> {
  if (!isUuid(id)) throw new ConcurrentEditError(id, expectedVersion, null);
  const before = await getCheck(id);
  const count = await prisma().$transaction(async (tx) => {
    const { count } = await tx.check.deleteMany({ where: { id, version: expectedVersion } });
    if (count === 0 || !before) return count;
    await appendAuditEvent(
      {
        actor,
        action: "check.delete",
        target: { kind: "check", id, name: before.slug },
        checkId: id,
        diff: fieldDiff({ ...before }, null, CHECK_SPEC_FIELDS),
      },
      tx,
    );
    return count;
  });
  if (count === 0) throw await concurrentEdit(id, expectedVersion);
}

/**
 * Records what the reconciler observed for `observedGeneration`. Writes only while the check is still at that
 * generation (a newer spec is already PENDING, and an older observation must not mark it SYNCED), and never
 * touches version or updated_at: sync state is not the spec, so an operator's open edit stays valid.
 * Returns false when nothing was written (check deleted or edited meanwhile).
 */
export async function writeSyncState(
  id: string,
  state: Partial<CheckSyncState>,
  observedGeneration: number,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const sets: Prisma.Sql[] = [Prisma.sql`observed_generation = ${observedGeneration}`];
  if (state.syncStatus !== undefined) sets.push(Prisma.sql`sync_status = ${state.syncStatus}::"SyncStatus"`);
  if (state.syncMessage !== undefined) sets.push(Prisma.sql`sync_message = ${state.syncMessage}`);
  if (state.syncErrorTerminal !== undefined) sets.push(Prisma.sql`sync_error_terminal = ${state.syncErrorTerminal}`);
  if (state.lastReconciledAt !== undefined) sets.push(Prisma.sql`last_reconciled_at = ${state.lastReconciledAt}`);
  const count = await prisma().$executeRaw`
    UPDATE checks SET ${Prisma.join(sets, ", ")}
    WHERE id = ${id}::uuid AND generation = ${observedGeneration}`;
  return count > 0;
}

async function mustGet(id: string): Promise<Check> {
  const check = await getCheck(id);
  // Deleted between our write and this read: report it like any other concurrent change.
  if (!check) throw new ConcurrentEditError(id, 0, null);
  return check;
}

async function concurrentEdit(id: string, expectedVersion: number): Promise<ConcurrentEditError> {
  const row = await prisma().check.findUnique({ where: { id }, select: { version: true } });
  return new ConcurrentEditError(id, expectedVersion, row?.version ?? null);
}

/** A P2002 (unique constraint) from Prisma becomes UniqueViolationError naming the field; anything else passes. */
export function translateUniqueViolation(error: unknown, spec: Pick<CheckSpec, "name" | "slug">): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return error;
  const field = uniqueFieldOf(error);
  return field ? new UniqueViolationError(field, spec[field]) : error;
}

function uniqueFieldOf(error: Prisma.PrismaClientKnownRequestError): UniqueField | null {
  // Through driver adapters Prisma names the violated index (meta.driverAdapterError.cause.constraint.index =
  // "checks_slug_key"); the classic engines named the fields (meta.target = ["slug"]). Accept either.
  const text = JSON.stringify(error.meta ?? {});
  const index = /"checks_(name|slug)(?:_lower)?_key"/.exec(text)?.[1];
  if (index === "name" || index === "slug") return index;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  const fields = Array.isArray(target) ? target : typeof target === "string" ? [target] : [];
  if (fields.includes("slug") || fields.includes("slugLower") || fields.includes("slug_lower")) return "slug";
  if (fields.includes("name")) return "name";
  return null;
}
