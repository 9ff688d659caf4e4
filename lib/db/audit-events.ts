// The audit trail: append-only (a trigger refuses UPDATE and DELETE). `appendAuditEvent` takes the transaction of
// the change it records, so a failed change leaves no event and a committed one always has one.
import type { Actor } from "@/lib/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "./client";

type Tx = Prisma.TransactionClient;

export interface AuditEventInput {
  actor: Pick<Actor, "id" | "displayName" | "kind" | "ip" | "userAgent"> | null;
  action: string;
  outcome?: "ok" | "refused";
  target?: { kind: string; id?: string | null; name?: string | null };
  checkId?: string | null;
  diff?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditEvent {
  id: string;
  at: Date;
  actorKind: string;
  actorId: string;
  actorName: string;
  action: string;
  outcome: string;
  targetKind: string | null;
  targetId: string | null;
  targetName: string | null;
  checkId: string | null;
  diff: Record<string, { before: unknown; after: unknown }> | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
}

function row(input: AuditEventInput): Prisma.AuditEventCreateInput {
  return {
    actorKind: input.actor?.kind ?? "anonymous",
    actorId: input.actor?.id ?? "anonymous",
    actorName: input.actor?.displayName ?? "Not signed in",
    action: input.action,
    outcome: input.outcome ?? "ok",
    targetKind: input.target?.kind ?? null,
    targetId: input.target?.id ?? null,
    targetName: input.target?.name ?? null,
    checkId: input.checkId ?? null,
    diff: (input.diff ?? undefined) as Prisma.InputJsonValue | undefined,
    detail: (input.detail ?? undefined) as Prisma.InputJsonValue | undefined,
    ip: input.actor?.ip ?? null,
    userAgent: input.actor?.userAgent?.slice(0, 512) ?? null,
  };
}

/** Appends an event inside `tx` (the change's own transaction), or on its own when there is no database change. */
export async function appendAuditEvent(input: AuditEventInput, tx?: Tx): Promise<void> {
  await (tx ?? prisma()).auditEvent.create({ data: row(input) });
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  checkId?: string;
  from?: Date;
  to?: Date;
  /** keyset: events strictly older than this (at, id) */
  before?: { at: Date; id: string };
}

function where(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.actor) {
    and.push({
      OR: [
        { actorId: filter.actor },
        { actorName: { contains: filter.actor, mode: "insensitive" } },
        { actorId: { contains: filter.actor, mode: "insensitive" } },
      ],
    });
  }
  if (filter.action) and.push({ action: filter.action });
  if (filter.checkId) and.push({ checkId: filter.checkId });
  if (filter.from) and.push({ at: { gte: filter.from } });
  if (filter.to) and.push({ at: { lt: filter.to } });
  if (filter.before) {
    const b = filter.before;
    and.push({ OR: [{ at: { lt: b.at } }, { at: b.at, id: { lt: BigInt(b.id) } }] });
  }
  return { AND: and };
}

function fromRow(r: Awaited<ReturnType<ReturnType<typeof prisma>["auditEvent"]["findFirstOrThrow"]>>): AuditEvent {
  return {
    ...r,
    id: r.id.toString(),
    diff: (r.diff ?? null) as AuditEvent["diff"],
    detail: (r.detail ?? null) as AuditEvent["detail"],
  };
}

/** Newest first, `limit` at most; keyset paging on (at, id). */
export async function listAuditEvents(filter: AuditFilter, limit: number): Promise<AuditEvent[]> {
  const rows = await prisma().auditEvent.findMany({
    where: where(filter),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(fromRow);
}

/** The distinct action names recorded so far (the filter's options). */
export async function listAuditActions(): Promise<string[]> {
  const rows = await prisma().auditEvent.findMany({
    distinct: ["action"],
    select: { action: true },
    orderBy: { action: "asc" },
  });
  return rows.map((r) => r.action);
}

/** A check's definition events (create, update, setEnabled, delete), oldest first: its generations rebuilt. */
export async function checkDefinitionEvents(checkId: string): Promise<AuditEvent[]> {
  const rows = await prisma().auditEvent.findMany({
    where: {
      checkId,
      outcome: "ok",
      action: { in: ["check.create", "check.update", "check.setEnabled", "check.delete"] },
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return rows.map(fromRow);
}
