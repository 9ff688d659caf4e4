// Notification destinations: shared objects a check's notification rules point at. Secrets arrive here already
// encrypted (lib/notifications/secrets.ts) and leave only through `listDestinationsForReconcile`; the audit diff
// names that a secret changed, never its value.
import type { Actor } from "@/lib/actor";
import { fieldDiff } from "@/lib/audit/diff";
import type { NotificationKind as DbKind } from "@/lib/generated/prisma/client";
import type { DestinationKind } from "@/lib/notifications/schema";
import { appendAuditEvent } from "./audit-events";
import { prisma } from "./client";
import { DbError } from "./errors";

/** What a page may see of a destination: no secret, only the masked URL and whether a secret header is set. */
export interface DestinationRecord {
  id: string;
  name: string;
  kind: DestinationKind;
  urlMasked: string | null;
  topicArn: string | null;
  secretHeaderName: string | null;
  hasSecretHeader: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
  /** Checks with a notification rule on this destination. */
  checkCount: number;
}

/** A destination with its encrypted secrets, for the reconciler and Send test (they decrypt). */
export interface DestinationWithSecrets extends DestinationRecord {
  urlEncrypted: string | null;
  secretHeaderEncrypted: string | null;
}

/** The stored form of a destination's fields (secrets encrypted by the caller). */
export interface DestinationWrite {
  name: string;
  kind: DestinationKind;
  urlEncrypted: string | null;
  urlMasked: string | null;
  topicArn: string | null;
  secretHeaderName: string | null;
  secretHeaderEncrypted: string | null;
}

export const toDbKind = (k: DestinationKind): DbKind => k.toUpperCase() as DbKind;
export const fromDbKind = (k: DbKind): DestinationKind => k.toLowerCase() as DestinationKind;

type Row = Awaited<ReturnType<ReturnType<typeof prisma>["notificationDestination"]["findFirstOrThrow"]>> & {
  _count: { checks: number };
};

function withSecrets(row: Row): DestinationWithSecrets {
  return {
    id: row.id,
    name: row.name,
    kind: fromDbKind(row.kind),
    urlMasked: row.urlMasked,
    topicArn: row.topicArn,
    secretHeaderName: row.secretHeaderName,
    hasSecretHeader: row.secretHeaderEncrypted !== null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    checkCount: row._count.checks,
    urlEncrypted: row.urlEncrypted,
    secretHeaderEncrypted: row.secretHeaderEncrypted,
  };
}

function publicOf(d: DestinationWithSecrets): DestinationRecord {
  const { urlEncrypted: _u, secretHeaderEncrypted: _s, ...rest } = d;
  return rest;
}

const include = { _count: { select: { checks: true } } } as const;

/** The audit diff of a destination: public fields as they are, secrets only as "set" / "changed". */
const AUDITED = ["name", "kind", "urlMasked", "topicArn", "secretHeaderName"] as const;
function auditDiff(before: DestinationWrite | null, after: DestinationWrite | null) {
  const diff = fieldDiff(before as Record<string, unknown> | null, after as Record<string, unknown> | null, AUDITED);
  const marker = (v: string | null | undefined) => (v ? "(secret)" : null);
  if (before?.urlEncrypted !== after?.urlEncrypted)
    diff.url = { before: marker(before?.urlEncrypted), after: after?.urlEncrypted ? "(secret, changed)" : null };
  if (before?.secretHeaderEncrypted !== after?.secretHeaderEncrypted)
    diff.secretHeaderValue = {
      before: marker(before?.secretHeaderEncrypted),
      after: after?.secretHeaderEncrypted ? "(secret, changed)" : null,
    };
  return diff;
}

function nameTaken(name: string): DbError {
  return new DbError(
    `A destination named “${name}” already exists (names are compared regardless of case). Choose another name.`,
    "name",
  );
}

const isUnique = (error: unknown) => (error as { code?: string }).code === "P2002";

export async function listDestinations(): Promise<DestinationRecord[]> {
  const rows = await prisma().notificationDestination.findMany({ include, orderBy: { nameLower: "asc" } });
  return rows.map((r) => publicOf(withSecrets(r)));
}

export async function getDestination(id: string): Promise<DestinationRecord | null> {
  const row = await prisma().notificationDestination.findUnique({ where: { id }, include });
  return row ? publicOf(withSecrets(row)) : null;
}

/** With the encrypted secrets: for the reconciler and Send test only. */
export async function getDestinationWithSecrets(id: string): Promise<DestinationWithSecrets | null> {
  const row = await prisma().notificationDestination.findUnique({ where: { id }, include });
  return row ? withSecrets(row) : null;
}

export async function listDestinationsForReconcile(): Promise<DestinationWithSecrets[]> {
  const rows = await prisma().notificationDestination.findMany({ include, orderBy: { nameLower: "asc" } });
  return rows.map(withSecrets);
}

export async function createDestination(data: DestinationWrite, actor: Actor): Promise<DestinationRecord> {
  try {
    return await prisma().$transaction(async (tx) => {
      const row = await tx.notificationDestination.create({
        data: {
          ...data,
          kind: toDbKind(data.kind),
          nameLower: data.name.toLowerCase(),
          createdBy: actor.id,
          updatedBy: actor.id,
        },
        include,
      });
      await appendAuditEvent(
        {
          actor,
          action: "notification.createDestination",
          target: { kind: "notification-destination", id: row.id, name: row.name },
          diff: auditDiff(null, data),
        },
        tx,
      );
      return publicOf(withSecrets(row));
    });
  } catch (error) {
    if (isUnique(error)) throw nameTaken(data.name);
    throw error;
  }
}

/**
 * Rewrites a destination when it is still at `expectedVersion`. `data`'s null secrets mean "keep the stored one"
 * only when `keepSecrets` says so (the form's blank field); the kind may not change once checks use it.
 */
export async function updateDestination(
  id: string,
  expectedVersion: number,
  data: DestinationWrite,
  keep: { url: boolean; secretHeader: boolean },
  actor: Actor,
): Promise<DestinationRecord> {
  try {
    return await prisma().$transaction(async (tx) => {
      const before = await tx.notificationDestination.findUnique({ where: { id }, include });
      if (!before) throw new DbError("This destination no longer exists; someone else deleted it.");
      if (before.version !== expectedVersion)
        throw new DbError(
          `Someone else saved this destination while you were editing it (version ${before.version}). Reload to see their version.`,
        );
      const old = withSecrets(before);
      const next: DestinationWrite = {
        ...data,
        urlEncrypted: keep.url ? old.urlEncrypted : data.urlEncrypted,
        urlMasked: keep.url ? old.urlMasked : data.urlMasked,
        secretHeaderEncrypted:
          keep.secretHeader && data.secretHeaderName ? old.secretHeaderEncrypted : data.secretHeaderEncrypted,
      };
      const row = await tx.notificationDestination.update({
        where: { id },
        data: {
          ...next,
          kind: toDbKind(next.kind),
          nameLower: next.name.toLowerCase(),
          version: { increment: 1 },
          updatedBy: actor.id,
        },
        include,
      });
      await appendAuditEvent(
        {
          actor,
          action: "notification.updateDestination",
          target: { kind: "notification-destination", id, name: row.name },
          diff: auditDiff(writeOf(old), next),
        },
        tx,
      );
      return publicOf(withSecrets(row));
    });
  } catch (error) {
    if (isUnique(error)) throw nameTaken(data.name);
    throw error;
  }
}

function writeOf(d: DestinationWithSecrets): DestinationWrite {
  return {
    name: d.name,
    kind: d.kind,
    urlEncrypted: d.urlEncrypted,
    urlMasked: d.urlMasked,
    topicArn: d.topicArn,
    secretHeaderName: d.secretHeaderName,
    secretHeaderEncrypted: d.secretHeaderEncrypted,
  };
}

/** Deletes a destination no check uses; null when it is already gone. */
export async function deleteDestination(id: string, actor: Actor): Promise<DestinationRecord | null> {
  return prisma().$transaction(async (tx) => {
    const row = await tx.notificationDestination.findUnique({ where: { id }, include });
    if (!row) return null;
    if (row._count.checks > 0)
      throw new DbError(
        `“${row.name}” is used by ${row._count.checks} check${row._count.checks === 1 ? "" : "s"}: remove it from their notifications first.`,
      );
    await tx.notificationDestination.delete({ where: { id } });
    const d = withSecrets(row);
    await appendAuditEvent(
      {
        actor,
        action: "notification.deleteDestination",
        target: { kind: "notification-destination", id, name: row.name },
        diff: auditDiff(writeOf(d), null),
      },
      tx,
    );
    return publicOf(d);
  });
}
