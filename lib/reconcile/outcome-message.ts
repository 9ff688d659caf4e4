// The sentence a check's sync status shows after the reconciler changed its rule (check page, save notice, Apply
// results). It leads with what happened in an operator's words ("Rule audit-check-x updated: disabled."); the
// reconciler's own reasons follow on a second line, for whoever needs to know exactly what differed.
import type { PlanItem } from "./plan";

/** Separates the headline from the details in a sync message (a message without it is all headline). */
export const DETAILS_SEPARATOR = "\n";

/** Whether the rule's target differs only in the input it sends (same target, same state machine, same role). */
function targetInputOnly(item: PlanItem): boolean {
  const desired = item.desired?.target;
  const observed = item.observed?.targets;
  if (!desired || !observed || observed.length !== 1) return false;
  const o = observed[0]!;
  return o.Id === desired.Id && o.Arn === desired.Arn && o.RoleArn === desired.RoleArn;
}

/** What changed, as short phrases ("disabled", "new event pattern", "target updated"). */
function whatChanged(item: PlanItem): string[] {
  const fields = new Set(item.changes.map((c) => (c.field.startsWith("tag ") ? "tags" : c.field)));
  const out: string[] = [];
  if (fields.has("state")) out.push(item.desired?.state === "DISABLED" ? "disabled" : "enabled");
  if (fields.has("eventPattern")) out.push("new event pattern");
  if (fields.has("scheduleExpression")) out.push("new schedule");
  const inputOnly = fields.has("targets") && targetInputOnly(item);
  if (fields.has("targets") && !inputOnly) out.push("target updated");
  if (fields.has("tags")) out.push("tags restored");
  // The Description (spec hash) and the target's input (the check's spec) change with every edit of the check,
  // so they are news only on their own.
  if (out.length === 0 && inputOnly) out.push("target input updated");
  if (out.length === 0 && fields.has("description")) out.push("description updated");
  return out;
}

/** The message for an item the reconciler just applied: a plain headline, then the reasons as details. */
export function appliedMessage(item: PlanItem): string {
  const rule = `Rule ${item.ruleName}`;
  const changed = whatChanged(item);
  let headline: string;
  switch (item.action) {
    case "create":
      headline = `${rule} created${item.desired?.state === "DISABLED" ? " (disabled)" : ""}.`;
      break;
    case "delete":
      headline = `${rule} deleted.`;
      break;
    case "enable":
      headline = `${rule} enabled.`;
      break;
    case "disable":
      headline = `${rule} disabled.`;
      break;
    default:
      headline = `${rule} updated${changed.length ? `: ${changed.join(", ")}` : ""}.`;
  }
  if (item.drift) {
    headline = `${rule} was changed outside the console and has been restored.`;
  }
  const showReasons = item.action !== "create" && item.action !== "delete" && item.reasons.length > 0;
  return showReasons ? `${headline}${DETAILS_SEPARATOR}Details: ${item.reasons.join("; ")}.` : headline;
}

/** Splits a sync message into its headline and its details (null when it has none). */
export function splitSyncMessage(message: string): { headline: string; details: string | null } {
  const at = message.indexOf(DETAILS_SEPARATOR);
  if (at < 0) return { headline: message, details: null };
  return { headline: message.slice(0, at), details: message.slice(at + DETAILS_SEPARATOR.length).trim() || null };
}
