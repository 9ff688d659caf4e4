// EventBridge schedule expressions: validation, plain-language descriptions and next fire times.
// croner computes AWS cron fire times correctly given "0 " + fields and the options below
// (libraries.md); no library checks the `?` rule or parses rate(...), so that is done here.
import { Cron } from "croner";

export type RateUnit = "minute" | "hour" | "day";

export interface CronFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

export type ParsedSchedule =
  | { ok: true; kind: "cron"; fields: CronFields }
  | { ok: true; kind: "rate"; value: number; unit: RateUnit }
  | { ok: false; message: string };

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  /** Extra tokens allowed in this field (?, L, W, #). */
  special: "dom" | "dow" | "none";
}

const FIELD_SPECS: FieldSpec[] = [
  { label: "minutes", min: 0, max: 59, special: "none" },
  { label: "hours", min: 0, max: 23, special: "none" },
  { label: "day-of-month", min: 1, max: 31, special: "dom" },
  { label: "month", min: 1, max: 12, names: MONTHS, special: "none" },
  { label: "day-of-week", min: 1, max: 7, names: DAYS, special: "dow" },
  { label: "year", min: 1970, max: 2199, special: "none" },
];

function toNumber(token: string, spec: FieldSpec): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const idx = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return idx >= 0 ? idx + 1 : null;
}

function rangeText(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : "";
  return `${spec.min}-${spec.max}${names}`;
}

/** Why one cron field is invalid, or null. */
function fieldProblem(raw: string, spec: FieldSpec): string | null {
  const bad = (why: string) => `The ${spec.label} field “${raw}” ${why}`;
  if (raw === "?") return spec.special === "none" ? bad("cannot be ?; only day-of-month or day-of-week can.") : null;
  for (const part of raw.split(",")) {
    if (part === "") return bad("has an empty item in its list.");
    if (spec.special === "dom" && (part === "L" || part === "LW")) continue;
    if (spec.special === "dom" && /^\d{1,2}W$/.test(part)) {
      const d = Number(part.slice(0, -1));
      if (d < 1 || d > 31) return bad("names a day outside 1-31.");
      continue;
    }
    if (spec.special === "dow" && part === "L") continue;
    if (spec.special === "dow" && /^([A-Za-z]{3}|\d)L$/.test(part)) {
      if (toNumber(part.slice(0, -1), spec) === null || (toNumber(part.slice(0, -1), spec) ?? 0) > 7)
        return bad("names an unknown weekday.");
      continue;
    }
    if (spec.special === "dow" && part.includes("#")) {
      const [day, nth] = part.split("#");
      const d = day === undefined ? null : toNumber(day, spec);
      if (d === null || d < 1 || d > 7 || nth === undefined || !/^[1-5]$/.test(nth)) {
        return bad("must be weekday#n with n from 1 to 5, e.g. 6#3 for the third Friday.");
      }
      continue;
    }
    const [base, step, extra] = part.split("/");
    if (extra !== undefined || base === undefined || base === "")
      return bad(`is not valid; use values in ${rangeText(spec)}, *, lists (a,b), ranges (a-b) or steps (*/n).`);
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) < 1) return bad("has a step that is not a positive whole number.");
    }
    if (base === "*") continue;
    const [from, to, more] = base.split("-");
    if (more !== undefined || from === undefined) return bad(`has a range that is not a-b.`);
    const a = toNumber(from, spec);
    const b = to === undefined ? a : toNumber(to, spec);
    if (a === null || b === null)
      return bad(`is not valid; use values in ${rangeText(spec)}, *, lists (a,b), ranges (a-b) or steps (*/n).`);
    if (a < spec.min || a > spec.max || b < spec.min || b > spec.max) return bad(`is outside ${spec.min}-${spec.max}.`);
    if (to !== undefined && a > b && spec.label !== "day-of-week" && spec.label !== "month")
      return bad("has a range whose start is after its end.");
  }
  return null;
}

const MAX_RATE_DIGITS = 9;

/** Parses a `cron(…)` or `rate(…)` expression the way EventBridge accepts it. */
export function parseSchedule(expression: string): ParsedSchedule {
  const expr = expression.trim();
  if (expr === "") return { ok: false, message: "Enter a schedule, e.g. rate(1 hour) or cron(0 12 * * ? *)." };
  const rate = /^rate\((.*)\)$/.exec(expr);
  if (rate) {
    const m = /^\s*(\d+)\s+([a-z]+)\s*$/.exec(rate[1]!);
    if (!m) return { ok: false, message: "Write a rate as rate(N unit), e.g. rate(5 minutes) or rate(1 day)." };
    const value = Number(m[1]);
    const unit = m[2]!;
    if (value < 1) return { ok: false, message: "A rate must be at least 1." };
    // EventBridge refuses values past nine digits (its parser's integer), and such a period would never fire anyway.
    if (m[1]!.replace(/^0+/, "").length > MAX_RATE_DIGITS)
      return {
        ok: false,
        message: "A rate value has at most 9 digits (999,999,999); EventBridge refuses larger ones.",
      };
    const singular = unit.replace(/s$/, "");
    if (!["minute", "hour", "day"].includes(singular)) {
      return { ok: false, message: `“${unit}” is not a rate unit; use minute(s), hour(s) or day(s).` };
    }
    if (value === 1 && unit !== singular)
      return { ok: false, message: `Use the singular unit for 1: rate(1 ${singular}).` };
    if (value !== 1 && unit === singular)
      return { ok: false, message: `Use the plural unit for ${value}: rate(${value} ${singular}s).` };
    return { ok: true, kind: "rate", value, unit: singular as RateUnit };
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  if (!cron)
    return {
      ok: false,
      message: "A schedule is cron(minutes hours day-of-month month day-of-week year) or rate(N unit).",
    };
  const parts = cron[1]!
    .trim()
    .split(/\s+/)
    .filter((p) => p !== "");
  if (parts.length !== 6) {
    return {
      ok: false,
      message: `A cron expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has ${parts.length}.`,
    };
  }
  for (let i = 0; i < 6; i++) {
    const problem = fieldProblem(parts[i]!, FIELD_SPECS[i]!);
    if (problem) return { ok: false, message: problem };
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return {
      ok: false,
      message:
        "Put ? in exactly one of day-of-month and day-of-week, e.g. cron(0 12 * * ? *) or cron(0 12 ? * MON-FRI *).",
    };
  }
  const fields = { minutes, hours, dayOfMonth, month, dayOfWeek, year };
  try {
    new Cron(toCroner(fields), CRONER_OPTIONS);
  } catch (e) {
    return { ok: false, message: `The cron expression is not valid: ${e instanceof Error ? e.message : String(e)}.` };
  }
  return { ok: true, kind: "cron", fields };
}

const CRONER_OPTIONS = { mode: "7-part", alternativeWeekdays: true, sloppyRanges: true, timezone: "UTC" } as const;

function toCroner(f: CronFields): string {
  return `0 ${f.minutes} ${f.hours} ${f.dayOfMonth} ${f.month} ${f.dayOfWeek} ${f.year}`;
}

const RATE_MS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * The next `n` fire times after `from`, in UTC. A rate's first run is counted from `from`
 * (EventBridge counts from when the rule is created). Empty for an invalid expression.
 */
export function nextFireTimes(expression: string, n = 5, from: Date = new Date()): Date[] {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) return [];
  if (parsed.kind === "rate") {
    const step = parsed.value * RATE_MS[parsed.unit];
    const start = Math.floor(from.getTime() / 60_000) * 60_000;
    return Array.from({ length: n }, (_, i) => new Date(start + step * (i + 1)));
  }
  return new Cron(toCroner(parsed.fields), CRONER_OPTIONS).nextRuns(n, from);
}

// ---------- plain language ----------

const pad = (x: number) => String(x).padStart(2, "0");
const isNum = (s: string) => /^\d+$/.test(s);

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function nameOf(token: string, names: string[], words: string[]): string {
  const n = isNum(token) ? Number(token) : names.indexOf(token.toUpperCase()) + 1;
  return words[n - 1] ?? token;
}

function describeDays(dow: string): string | null {
  if (dow === "*" || dow === "?") return null;
  const parts = dow.split(",").map((part) => {
    if (part === "L") return "the last day of the week (Saturday)";
    if (part.includes("#")) {
      const [d, nth] = part.split("#");
      const ord = ["first", "second", "third", "fourth", "fifth"][Number(nth) - 1] ?? `${nth}th`;
      return `the ${ord} ${nameOf(d ?? "", DAYS, DAY_NAMES)} of the month`;
    }
    if (/L$/.test(part)) return `the last ${nameOf(part.slice(0, -1), DAYS, DAY_NAMES)} of the month`;
    if (part.includes("-")) {
      const [a, b] = part.split("-");
      return `${nameOf(a ?? "", DAYS, DAY_NAMES)} through ${nameOf(b ?? "", DAYS, DAY_NAMES)}`;
    }
    return nameOf(part, DAYS, DAY_NAMES);
  });
  return listWords(parts);
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
}

function describeMonthDays(dom: string): string | null {
  if (dom === "*" || dom === "?") return null;
  const parts = dom.split(",").map((part) => {
    if (part === "L") return "the last day";
    if (part === "LW") return "the last weekday";
    if (/^\d+W$/.test(part)) return `the weekday nearest the ${ordinal(Number(part.slice(0, -1)))}`;
    if (part.includes("-")) {
      const [a, b] = part.split("-");
      return `the ${ordinal(Number(a))} through the ${ordinal(Number(b))}`;
    }
    if (part.includes("/")) return `every ${part.split("/")[1]} days`;
    return `the ${ordinal(Number(part))}`;
  });
  return `${listWords(parts)} of the month`;
}

function describeMonths(month: string): string | null {
  if (month === "*") return null;
  const parts = month.split(",").map((part) => {
    if (part.includes("-")) {
      const [a, b] = part.split("-");
      return `${nameOf(a ?? "", MONTHS, MONTH_NAMES)} through ${nameOf(b ?? "", MONTHS, MONTH_NAMES)}`;
    }
    return nameOf(part, MONTHS, MONTH_NAMES);
  });
  return listWords(parts);
}

function describeTime(minutes: string, hours: string): string {
  if (isNum(minutes) && isNum(hours)) return `at ${pad(Number(hours))}:${pad(Number(minutes))} UTC`;
  if (isNum(minutes) && hours.split(",").every(isNum)) {
    return `at ${listWords(hours.split(",").map((h) => `${pad(Number(h))}:${pad(Number(minutes))}`))} UTC`;
  }
  const minuteStep = /^(?:\*|0)\/(\d+)$/.exec(minutes);
  const hourStep = /^(?:\*|0)\/(\d+)$/.exec(hours);
  const hourWords =
    hours === "*"
      ? ""
      : hourStep
        ? ` of every ${hourStep[1]} hours`
        : /^\d+-\d+$/.test(hours)
          ? ` between ${pad(Number(hours.split("-")[0]))}:00 and ${pad(Number(hours.split("-")[1]))}:59 UTC`
          : ` during hour ${hours} UTC`;
  if (minutes === "*") return `every minute${hourWords}`;
  if (minuteStep) return `every ${minuteStep[1]} minutes${hourWords}`;
  if (isNum(minutes) && hourStep) {
    const n = Number(hourStep[1]);
    return `every ${n === 1 ? "hour" : `${n} hours`}${Number(minutes) === 0 ? ", on the hour" : ` at minute ${Number(minutes)}`} UTC`;
  }
  if (isNum(minutes) && hours === "*")
    return Number(minutes) === 0 ? "every hour, on the hour" : `every hour at minute ${Number(minutes)}`;
  return `at minutes ${minutes} of hours ${hours} UTC`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A sentence an operator reads instead of the expression ("Every day at 12:00 UTC", "Every 5 minutes"). */
export function describeSchedule(expression: string): string {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) return "Invalid schedule";
  if (parsed.kind === "rate") {
    return parsed.value === 1 ? `Every ${parsed.unit}` : `Every ${parsed.value} ${parsed.unit}s`;
  }
  const f = parsed.fields;
  const time = describeTime(f.minutes, f.hours);
  const days = describeDays(f.dayOfWeek);
  const monthDays = describeMonthDays(f.dayOfMonth);
  const months = describeMonths(f.month);
  const year = f.year === "*" ? "" : ` in ${f.year.replace(/,/g, ", ")}`;
  const inMonths = months ? ` in ${months}` : "";
  const everyDay = !days && !monthDays;
  let sentence: string;
  if (everyDay && time.startsWith("at ")) {
    sentence = `Every day ${time}`;
  } else if (everyDay) {
    sentence = capitalize(time);
  } else {
    sentence = `${capitalize(time)} on ${days ?? monthDays}`;
  }
  return `${sentence}${inMonths}${year}`;
}
