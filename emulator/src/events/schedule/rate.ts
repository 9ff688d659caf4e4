/**
 * EventBridge `rate(value unit)` expressions: a positive integer and minute(s) / hour(s) / day(s), singular
 * exactly when the value is 1 ("rate(1 hours)" and "rate(5 hour)" are refused, as on AWS).
 */

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * A validated rate. AWS counts a rate from the rule's creation, so `next` takes that instant as `anchor` and
 * returns the first `anchor + k × period` (k ≥ 1) strictly after `after`. Without an anchor it counts from
 * `after` itself, i.e. one period later.
 */
export interface RateSchedule {
  readonly kind: "rate";
  readonly periodMs: number;
  next(after: Date, anchor?: Date): Date | null;
}

/** Parses the inside of `rate(...)`; refusal reasons are for logs, AWS only says the expression is invalid. */
export function parseRateBody(body: string): { ok: true; schedule: RateSchedule } | { ok: false; reason: string } {
  const match = /^(\d{1,9}) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!match) return { ok: false, reason: "expected 'rate(value unit)' with unit minute(s), hour(s) or day(s)" };
  const amount = Number(match[1]);
  const unit = match[2] ?? "";
  if (amount < 1) return { ok: false, reason: "the value must be a positive integer" };
  const plural = unit.endsWith("s");
  if (amount === 1 && plural) return { ok: false, reason: `a value of 1 needs the singular unit, not '${unit}'` };
  if (amount > 1 && !plural) return { ok: false, reason: `a value above 1 needs the plural unit, not '${unit}'` };
  const periodMs = amount * (UNIT_MS[plural ? unit.slice(0, -1) : unit] ?? Number.NaN);
  return {
    ok: true,
    schedule: {
      kind: "rate",
      periodMs,
      next(after: Date, anchor?: Date): Date | null {
        const afterMs = after instanceof Date ? after.getTime() : Number.NaN;
        const anchorMs = anchor instanceof Date ? anchor.getTime() : afterMs;
        if (!Number.isFinite(afterMs) || !Number.isFinite(anchorMs)) return null;
        const periods = Math.max(1, Math.floor((afterMs - anchorMs) / periodMs) + 1);
        const next = anchorMs + periods * periodMs;
        return Number.isFinite(next) && Math.abs(next) <= 8.64e15 ? new Date(next) : null;
      },
    },
  };
}
