import { Cron } from "croner";

/**
 * EventBridge `cron(minutes hours day-of-month month day-of-week year)` expressions, in UTC.
 * The grammar is checked here, field by field, against the EventBridge user guide (croner is more lenient
 * and knows nothing of the `?` rule); next fire times come from croner, given a pattern normalized to plain
 * numbers ("0 " + fields, 7-part mode, Quartz weekday numbering, numeric step starts, UTC).
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Upper-case names accepted for values (JAN → 1, SUN → 1). */
  readonly names?: Readonly<Record<string, number>>;
  /** Ranges like 20-2 wrap around (hours, weekdays, …); the year does not. */
  readonly cyclic: boolean;
}

const MONTHS: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};
const WEEKDAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

const MINUTES: FieldSpec = { name: "minutes", min: 0, max: 59, cyclic: true };
const HOURS: FieldSpec = { name: "hours", min: 0, max: 23, cyclic: true };
const DAY_OF_MONTH: FieldSpec = { name: "day-of-month", min: 1, max: 31, cyclic: true };
const MONTH: FieldSpec = { name: "month", min: 1, max: 12, names: MONTHS, cyclic: true };
const DAY_OF_WEEK: FieldSpec = { name: "day-of-week", min: 1, max: 7, names: WEEKDAYS, cyclic: true };
const YEAR: FieldSpec = { name: "year", min: 1970, max: 2199, cyclic: false };

class CronSyntaxError extends Error {}

function refuse(reason: string): never {
  throw new CronSyntaxError(reason);
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.[text.toUpperCase()];
  const number = named ?? (/^\d{1,4}$/.test(text) ? Number(text) : Number.NaN);
  if (Number.isNaN(number)) refuse(`${spec.name}: "${text}" is not a value`);
  if (number < spec.min || number > spec.max) refuse(`${spec.name}: ${number} is outside ${spec.min}-${spec.max}`);
  return number;
}

function step(text: string, spec: FieldSpec): number {
  if (!/^\d{1,4}$/.test(text)) refuse(`${spec.name}: "${text}" is not an increment`);
  const number = Number(text);
  if (number < 1 || number > spec.max - spec.min + 1) refuse(`${spec.name}: increment ${number} is out of range`);
  return number;
}

/** One comma-separated item: *, N, N-M, with an optional /step; returned in croner's plain-number syntax. */
function normalizeItem(item: string, spec: FieldSpec): string {
  const [base = "", increment, extra] = item.split("/");
  if (extra !== undefined || base === "") refuse(`${spec.name}: "${item}" is malformed`);
  const by = increment === undefined ? undefined : step(increment, spec);
  const suffix = by === undefined ? "" : `/${by}`;
  if (base === "*") return `*${suffix}`;
  const bounds = base.split("-");
  if (bounds.length === 1) return `${value(base, spec)}${suffix}`;
  if (bounds.length !== 2) refuse(`${spec.name}: "${item}" is malformed`);
  const from = value(bounds[0] ?? "", spec);
  const to = value(bounds[1] ?? "", spec);
  if (from <= to) return `${from}-${to}${suffix}`;
  if (!spec.cyclic) refuse(`${spec.name}: range ${from}-${to} runs backwards`);
  // A wrapping range (hours 20-2) lists its values, counting the increment across the wrap.
  const values: number[] = [];
  const span = spec.max - spec.min + 1;
  for (let offset = 0; offset <= to - from + span; offset += by ?? 1) {
    values.push(((from - spec.min + offset) % span) + spec.min);
  }
  return values.join(",");
}

function normalizeList(field: string, spec: FieldSpec): string {
  return field
    .split(",")
    .map((item) => normalizeItem(item, spec))
    .join(",");
}

function normalizeDayOfMonth(field: string): string {
  if (field === "?") return "?";
  const upper = field.toUpperCase();
  if (upper === "L" || upper === "LW") return upper;
  const weekday = /^(\d{1,2})W$/i.exec(field);
  if (weekday) return `${value(weekday[1] ?? "", DAY_OF_MONTH)}W`;
  if (/[LW]/i.test(field)) refuse(`day-of-month: "${field}" misuses L or W`);
  return normalizeList(field, DAY_OF_MONTH);
}

function normalizeDayOfWeek(field: string): string {
  if (field === "?") return "?";
  if (field.toUpperCase() === "L") return "7"; // "L" alone is the last day of the week: Saturday
  const last = /^(\w+?)L$/i.exec(field);
  if (last && !field.includes(",")) return `${value(last[1] ?? "", DAY_OF_WEEK)}L`;
  if (field.includes("#")) {
    // Only one expression is allowed with '#': "3#1,6#3" is refused.
    const nth = /^(\w+)#([1-5])$/.exec(field);
    if (!nth) refuse(`day-of-week: "${field}" is not a single N#K expression`);
    return `${value(nth[1] ?? "", DAY_OF_WEEK)}#${nth[2]}`;
  }
  return normalizeList(field, DAY_OF_WEEK);
}

/**
 * A validated cron expression: `next(after)` is the first fire time strictly after `after`, or null when
 * there is none. The optional anchor exists only so cron and rate schedules share one call shape.
 */
export interface CronSchedule {
  readonly kind: "cron";
  next(after: Date, anchor?: Date): Date | null;
}

/** Parses the inside of `cron(...)`; refusal reasons are for logs, AWS only says the expression is invalid. */
export function parseCronFields(body: string): { ok: true; schedule: CronSchedule } | { ok: false; reason: string } {
  try {
    const fields = body.trim().split(/\s+/);
    if (fields.length !== 6) refuse(`expected 6 fields, got ${fields.length}`);
    const [minutes = "", hours = "", dayOfMonth = "", month = "", dayOfWeek = "", year = ""] = fields;
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
      refuse("exactly one of day-of-month and day-of-week must be '?'");
    }
    for (const [field, spec] of [
      [minutes, MINUTES],
      [hours, HOURS],
      [month, MONTH],
      [year, YEAR],
    ] as const) {
      if (field.includes("?")) refuse(`${spec.name}: '?' is only allowed in day-of-month or day-of-week`);
    }
    const normalized = [
      "0",
      normalizeList(minutes, MINUTES),
      normalizeList(hours, HOURS),
      normalizeDayOfMonth(dayOfMonth),
      normalizeList(month, MONTH),
      normalizeDayOfWeek(dayOfWeek),
      normalizeList(year, YEAR),
    ].join(" ");
    const cron = new Cron(normalized, {
      mode: "7-part",
      alternativeWeekdays: true,
      sloppyRanges: true,
      timezone: "UTC",
    });
    return {
      ok: true,
      schedule: {
        kind: "cron",
        next(after: Date): Date | null {
          if (!(after instanceof Date) || Number.isNaN(after.getTime())) return null;
          try {
            return cron.nextRun(after);
          } catch {
            return null;
          }
        },
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "invalid cron expression" };
  }
}
