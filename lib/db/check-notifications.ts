// A check's notification rules (which destination, which verdicts, every run or only changes). Saved as a whole
// set, with one audit event on the check whose diff shows the rules before and after.
import type { Actor } from "@/lib/actor";
import type { Verdict } from "@/lib/checks/execution-contract";
import type { NotificationMode as DbMode } from "@/lib/generated/prisma/client";
import type { CheckNotificationInput, DestinationKind, NotificationMode } from "@/lib/notifications/schema";
import { appendAuditEvent } from "./audit-events";
import { prisma } from "./client";
import { DbError } from "./errors";
import { fromDbKind } from "./notification-destinations";

export interface CheckNotificationRecord {
  id: string;
  checkId: string;
  checkName: string;
  checkSlug: string;
  destinationId: string;
  destinationName: string;
  destinationKind: DestinationKind;
  verdicts: Verdict[];
  mode: NotificationMode;
  createdAt: Date;
}

const toDbMode = (m: NotificationMode): DbMode => m.toUpperCase() as DbMode;
const fromDbMode = (m: DbMode): NotificationMode => m.toLowerCase() as NotificationMode;

const VERDICT_ORDER: Verdict[] = ["FAIL", "ERROR", "PASS"];
const sortVerdicts = (v: Verdict[]) => VERDICT_ORDER.filter((x) => v.includes(x));

const include = {
  destination: { select: { name: true, kind: true } },
  check: { select: { name: true, slug: true } },
} as const;

type Row = Awaited<ReturnType<ReturnType<typeof prisma>["checkNotification"]["findFirstOrThrow"]>> & {
  destination: { name: string; kind: Parameters<typeof fromDbKind>[0] };
  check: { name: string; slug: string };
};

function fromRow(r: Row): CheckNotificationRecord {
  return {
    id: r.id,
    checkId: r.checkId,
    checkName: r.check.name,
    checkSlug: r.check.slug,
    destinationId: r.destinationId,
    destinationName: r.destination.name,
    destinationKind: fromDbKind(r.destination.kind),
    verdicts: sortVerdicts(r.verdicts as Verdict[]),
    mode: fromDbMode(r.mode),
    createdAt: r.createdAt,
  };
}

export async function listCheckNotifications(checkId: string): Promise<CheckNotificationRecord[]> {
  const rows = await prisma().checkNotification.findMany({
    where: { checkId },
    include,
    orderBy: { destination: { nameLower: "asc" } },
  });
  return rows.map(fromRow);
}

/** Every check's notification rules (the reconciler's desired state). */
export async function listAllCheckNotifications(): Promise<CheckNotificationRecord[]> {
  const rows = await prisma().checkNotification.findMany({
    include,
    orderBy: [{ checkId: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(fromRow);
}

/** How a rule reads in the audit diff. */
const described = (r: { destinationName: string; verdicts: Verdict[]; mode: NotificationMode }) =>
  `${r.destinationName}: ${sortVerdicts(r.verdicts).join(", ")} (${r.mode === "change" ? "when the verdict changes" : "every run"})`;

/**
 * Replaces the check's notification rules with `rules`, recording one `check.setNotifications` event on the check
 * in the same transaction. Rules that did not change keep their row (and so their EventBridge rule's name).
 */
export async function setCheckNotifications(
  checkId: string,
  rules: CheckNotificationInput[],
  actor: Actor,
): Promise<CheckNotificationRecord[]> {
  return prisma().$transaction(async (tx) => {
    const check = await tx.check.findUnique({ where: { id: checkId }, select: { id: true, name: true } });
    if (!check) throw new DbError("This check no longer exists; someone else deleted it.");
    const destinations = await tx.notificationDestination.findMany({
      where: { id: { in: rules.map((r) => r.destinationId) } },
      select: { id: true },
    });
    const known = new Set(destinations.map((d) => d.id));
    const missing = rules.findIndex((r) => !known.has(r.destinationId));
    if (missing >= 0)
      throw new DbError(
        "This destination no longer exists; reload the page.",
        `notifications.${missing}.destinationId`,
      );

    const before = (await tx.checkNotification.findMany({ where: { checkId }, include })).map(fromRow);
    const wanted = new Map(rules.map((r) => [r.destinationId, r]));
    await tx.checkNotification.deleteMany({
      where: { checkId, destinationId: { notIn: [...wanted.keys()] } },
    });
    for (const r of rules) {
      const data = { verdicts: sortVerdicts(r.verdicts), mode: toDbMode(r.mode) };
      await tx.checkNotification.upsert({
        where: { checkId_destinationId: { checkId, destinationId: r.destinationId } },
        create: { checkId, destinationId: r.destinationId, ...data, createdBy: actor.id },
        update: data,
      });
    }
    const after = (
      await tx.checkNotification.findMany({
        where: { checkId },
        include,
        orderBy: { destination: { nameLower: "asc" } },
      })
    ).map(fromRow);
    const b = before.map(described).sort();
    const a = after.map(described);
    if (JSON.stringify(b) !== JSON.stringify([...a].sort())) {
      await appendAuditEvent(
        {
          actor,
          action: "check.setNotifications",
          target: { kind: "check", id: checkId, name: check.name },
          checkId,
          diff: { notifications: { before: b, after: a } },
        },
        tx,
      );
    }
    return after;
  });
}
