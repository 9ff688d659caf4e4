import { parseCronFields, type CronSchedule } from "./cron";
import { parseRateBody, type RateSchedule } from "./rate";

/**
 * EventBridge schedule expressions (`cron(...)` and `rate(...)`), validated as PutRule validates them and
 * able to compute next fire times in UTC. Pure: no I/O, no timers, never throws.
 */

export type { CronSchedule } from "./cron";
export type { RateSchedule } from "./rate";

/**
 * `next(after, anchor?)`: the first fire time strictly after `after`, or null when there is none (a cron
 * whose years are past). Cron ignores `anchor`; rate counts whole periods from it (the rule's creation time).
 */
export type Schedule = CronSchedule | RateSchedule;

/** The message AWS's ValidationException carries for any malformed ScheduleExpression. */
export const INVALID_SCHEDULE_MESSAGE = "Parameter ScheduleExpression is not valid.";

export type ScheduleParse = { ok: true; schedule: Schedule } | { ok: false; message: string; reason: string };

/**
 * Promises: `ok` with a schedule exactly when `expression` is a valid EventBridge schedule expression;
 * otherwise AWS's ValidationException message plus a `reason` saying what is wrong (for logs and tests).
 */
export function parseSchedule(expression: unknown): ScheduleParse {
  const invalid = (reason: string): ScheduleParse => ({ ok: false, message: INVALID_SCHEDULE_MESSAGE, reason });
  if (typeof expression !== "string") return invalid("the expression must be a string");
  if (expression.length > 256) return invalid("the expression is longer than 256 characters");
  const cron = /^cron\((.*)\)$/s.exec(expression);
  if (cron) {
    const parsed = parseCronFields(cron[1] ?? "");
    return parsed.ok ? parsed : invalid(parsed.reason);
  }
  const rate = /^rate\((.*)\)$/s.exec(expression);
  if (rate) {
    const parsed = parseRateBody(rate[1] ?? "");
    return parsed.ok ? parsed : invalid(parsed.reason);
  }
  return invalid("the expression must be cron(...) or rate(...)");
}
