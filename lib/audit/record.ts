// Recording what did not go through the data modules' transactions: refused attempts, and changes made in AWS
// (Run now, Rerun, Stop, events) once they succeeded.
import "server-only";
import type { Actor } from "@/lib/actor";
import { appendAuditEvent, type AuditEventInput } from "@/lib/db/audit-events";
import { isUuid } from "@/lib/uuid";

/** Short, bounded copy of an action's input for the trail (an event body can be 256 KB). */
export function summarizeInput(input: unknown): Record<string, unknown> | null {
  if (!input || typeof input !== "object") return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    out[key] =
      text !== undefined && text.length > 2_000 ? `${text.slice(0, 2_000)}… (${text.length} characters)` : value;
  }
  return out;
}

/** The check an action's input names: `checkId` (runs, tests), or `id` for the check actions themselves. */
function checkIdOf(event: string, summary: Record<string, unknown>): string | null {
  const candidate = summary.checkId ?? (event.startsWith("check.") ? summary.id : undefined);
  return typeof candidate === "string" && isUuid(candidate) ? candidate : null;
}

export async function recordRefusal(
  actor: Actor | null,
  origin: Pick<Actor, "ip" | "userAgent">,
  event: string,
  detail: Record<string, unknown>,
  target?: AuditEventInput["target"],
): Promise<void> {
  try {
    await appendAuditEvent({
      actor: actor ?? { id: "anonymous", displayName: "Not signed in", kind: undefined, ...origin },
      action: event,
      outcome: "refused",
      target,
      checkId: checkIdOf(event, detail),
      detail,
    });
  } catch (error) {
    // A refusal is refused whether or not it could be written down; the log keeps it then.
    console.error(`[audit] could not record a refused ${event} by ${actor?.id ?? "anonymous"}`, error);
  }
}

export async function recordDone(actor: Actor, event: string, input: unknown, result: unknown): Promise<void> {
  const summary = summarizeInput(input) ?? {};
  const checkId = checkIdOf(event, summary);
  const resultName = (result as { name?: unknown } | null)?.name;
  const name: string | null =
    typeof resultName === "string" ? resultName : typeof summary.name === "string" ? summary.name : null;
  await appendAuditEvent({
    actor,
    action: event,
    target: name ? { kind: "execution", id: name, name } : checkId ? { kind: "check", id: checkId } : undefined,
    checkId,
    detail: { input: summary, ...(result && typeof result === "object" ? { result: summarizeInput(result) } : {}) },
  });
}
