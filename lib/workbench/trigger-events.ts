// The events a check's query runner resolves event parameters against: the sample a trigger would send (the ECS
// sample fitted to the draft's pattern, or a schedule's event at its next fire time) and the triggering events of
// the check's recent executions.
import "server-only";
import { parseEventPattern } from "@/lib/checks/event-pattern";
import { nextFireTimes } from "@/lib/checks/schedule";
import { recentTriggerEvents } from "@/lib/db/executions";
import { synthesizedEvent } from "@/lib/executions/operations";
import { WorkbenchError } from "./queries";

export type DraftTrigger = { kind: "eventPattern"; patternText: string } | { kind: "schedule"; expression: string };

export interface TriggerEvent {
  /** What the event is, in words ("ECS sample fitted to the pattern", "scheduled for …", an execution name). */
  label: string;
  event: Record<string, unknown>;
}

/** The event the draft's trigger would deliver now (a schedule: at its next fire time). */
export function sampleTriggerEvent(trigger: DraftTrigger, slug: string, now = new Date()): TriggerEvent {
  if (trigger.kind === "schedule") {
    const next = nextFireTimes(trigger.expression, 1, now)[0];
    if (!next) throw new WorkbenchError("Write a valid schedule first: the event's time is its next fire time.");
    return {
      label: `The scheduled event of the next fire time, ${next.toISOString().replace(".000Z", "Z")}`,
      event: synthesizedEvent(
        { slug: slug || "new-check", trigger: { kind: "schedule", expression: trigger.expression } },
        next,
      ),
    };
  }
  const parsed = parseEventPattern(trigger.patternText);
  if (!parsed.ok) throw new WorkbenchError(`Fix the event pattern first: ${parsed.messages[0]}`);
  return {
    label: "The ECS “task stopped” sample, fitted to the pattern",
    event: synthesizedEvent({ slug, trigger: { kind: "eventPattern", pattern: parsed.pattern } }, now),
  };
}

/** The events that started the check's recent executions (a rule's event, or what Run now synthesized). */
export async function recentEvents(checkId: string): Promise<(TriggerEvent & { startedAt: string })[]> {
  const rows = await recentTriggerEvents(checkId);
  return rows
    .filter((r) => r.event !== null)
    .map((r) => ({
      label: `${r.name} (${r.triggerKind ?? "run"})`,
      startedAt: r.startDate.toISOString(),
      event: r.event!,
    }));
}
