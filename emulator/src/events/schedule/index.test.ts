import { describe, expect, it } from "vitest";
import { INVALID_SCHEDULE_MESSAGE, parseSchedule, type Schedule } from "./index";

// Expected times were worked out by hand from a calendar (2026-11-28 is a Saturday, 2026-12-25 a Friday,
// 2027-01-01 a Friday, 2027-05-15 a Saturday, 2027-10-31 a Sunday), not computed by croner.

function schedule(expression: string): Schedule {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.reason}`);
  return parsed.schedule;
}

function next(expression: string, after: string, anchor?: string): string | null {
  const result = schedule(expression).next(new Date(after), anchor === undefined ? undefined : new Date(anchor));
  return result === null ? null : result.toISOString();
}

describe("cron next fire times (UTC)", () => {
  it.each([
    // [expression, after, expected]
    ["cron(0 10 * * ? *)", "2026-11-28T00:17:30Z", "2026-11-28T10:00:00.000Z"],
    ["cron(15 12 * * ? *)", "2026-11-28T12:15:00Z", "2026-11-29T12:15:00.000Z"], // strictly after
    ["cron(0 18 ? * MON-FRI *)", "2026-11-28T00:00:00Z", "2026-11-30T18:00:00.000Z"],
    ["cron(0 8 1 * ? *)", "2026-11-28T00:00:00Z", "2026-12-01T08:00:00.000Z"],
    ["cron(0/15 * * * ? *)", "2026-11-28T00:17:30Z", "2026-11-28T00:30:00.000Z"],
    ["cron(1/10 * * * ? *)", "2026-11-28T00:11:00Z", "2026-11-28T00:21:00.000Z"],
    ["cron(0/5 8-17 ? * MON-FRI *)", "2026-12-25T17:55:00Z", "2026-12-28T08:00:00.000Z"],
    ["cron(0/10 * ? * MON-FRI *)", "2026-11-27T23:55:00Z", "2026-11-30T00:00:00.000Z"],
    ["cron(5,35 14 * * ? *)", "2026-11-28T14:05:00Z", "2026-11-28T14:35:00.000Z"],
    ["cron(15 10 ? * 6L 2026-2027)", "2026-11-28T00:00:00Z", "2026-12-25T10:15:00.000Z"],
    ["cron(0 8 L * ? *)", "2027-02-01T00:00:00Z", "2027-02-28T08:00:00.000Z"],
    ["cron(0 8 15W * ? *)", "2027-05-01T00:00:00Z", "2027-05-14T08:00:00.000Z"], // 15th is a Saturday
    ["cron(0 12 LW * ? *)", "2027-10-01T00:00:00Z", "2027-10-29T12:00:00.000Z"], // 31st is a Sunday
    ["cron(0 9 ? * 3#2 *)", "2026-11-28T00:00:00Z", "2026-12-08T09:00:00.000Z"], // second Tuesday
    ["cron(0 0 ? * FRI#5 *)", "2027-01-01T00:00:00Z", "2027-01-29T00:00:00.000Z"], // fifth Friday
    ["cron(0 12 ? * SUN *)", "2027-05-01T00:00:00Z", "2027-05-02T12:00:00.000Z"],
    ["cron(0 12 ? * 1 *)", "2027-05-01T00:00:00Z", "2027-05-02T12:00:00.000Z"], // 1 = Sunday
    ["cron(0 12 ? * 7 *)", "2027-05-02T00:00:00Z", "2027-05-08T12:00:00.000Z"], // 7 = Saturday
    ["cron(0 12 ? * L *)", "2027-05-02T00:00:00Z", "2027-05-08T12:00:00.000Z"], // L alone = Saturday
    ["cron(0 12 ? * sat *)", "2027-05-02T00:00:00Z", "2027-05-08T12:00:00.000Z"], // names ignore case
    ["cron(0 0 1 JAN ? 2027)", "2026-11-28T00:00:00Z", "2027-01-01T00:00:00.000Z"],
    ["cron(0 0 1 1 ? 2026/2)", "2026-11-28T00:00:00Z", "2028-01-01T00:00:00.000Z"],
    ["cron(0 0 29 2 ? *)", "2026-11-28T00:00:00Z", "2028-02-29T00:00:00.000Z"],
    ["cron(30 23 31 12 ? *)", "2026-11-28T00:00:00Z", "2026-12-31T23:30:00.000Z"],
    ["cron(0 6 ? * FRI-MON *)", "2026-12-01T00:00:00Z", "2026-12-04T06:00:00.000Z"], // wrapping weekdays
    ["cron(0/30 20-2 ? * MON-FRI *)", "2026-11-30T02:00:00Z", "2026-11-30T02:30:00.000Z"], // wrapping hours
    ["cron(0/30 20-2 ? * MON-FRI *)", "2026-11-30T02:30:00Z", "2026-11-30T20:00:00.000Z"],
    ["cron(0 0 ? JUN-AUG MON *)", "2027-01-01T00:00:00Z", "2027-06-07T00:00:00.000Z"],
    ["cron(0 10-12/2 * * ? *)", "2026-11-28T10:00:00Z", "2026-11-28T12:00:00.000Z"],
    ["cron(0 22-2/2 * * ? *)", "2026-11-28T22:00:00Z", "2026-11-29T00:00:00.000Z"], // step across the wrap
  ] as const)("%s after %s → %s", (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it("has no next time once the years are over", () => {
    expect(next("cron(15 10 ? * 6L 2019-2022)", "2026-11-28T00:00:00Z")).toBeNull();
    expect(next("cron(0 0 1 1 ? 2020)", "2019-06-01T00:00:00Z")).toBe("2020-01-01T00:00:00.000Z");
  });

  it("steps minute by minute through a sequence", () => {
    const s = schedule("cron(* * * * ? *)");
    let at = new Date("2026-11-28T00:00:30Z");
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      at = s.next(at)!;
      seen.push(at.toISOString());
    }
    expect(seen).toEqual(["2026-11-28T00:01:00.000Z", "2026-11-28T00:02:00.000Z", "2026-11-28T00:03:00.000Z"]);
  });

  it("returns null for an invalid date instead of throwing", () => {
    expect(schedule("cron(0 10 * * ? *)").next(new Date(Number.NaN))).toBeNull();
    expect(schedule("cron(0 10 * * ? *)").next("2026" as unknown as Date)).toBeNull();
  });
});

describe("rate schedules", () => {
  it.each([
    ["rate(1 minute)", 60_000],
    ["rate(5 minutes)", 300_000],
    ["rate(1 hour)", 3_600_000],
    ["rate(2 hours)", 7_200_000],
    ["rate(1 day)", 86_400_000],
    ["rate(2 days)", 172_800_000],
  ] as const)("%s has a period of %i ms", (expression, period) => {
    const s = schedule(expression);
    expect(s.kind).toBe("rate");
    if (s.kind === "rate") expect(s.periodMs).toBe(period);
  });

  it("counts whole periods from the anchor (the rule's creation)", () => {
    const anchor = "2026-11-28T00:00:10Z";
    expect(next("rate(5 minutes)", "2026-11-28T00:17:30Z", anchor)).toBe("2026-11-28T00:20:10.000Z");
    expect(next("rate(5 minutes)", "2026-11-28T00:20:10Z", anchor)).toBe("2026-11-28T00:25:10.000Z");
    expect(next("rate(5 minutes)", "2026-11-28T00:00:10Z", anchor)).toBe("2026-11-28T00:05:10.000Z");
    // Before the anchor, the first fire is one period after creation.
    expect(next("rate(1 hour)", "2026-11-27T00:00:00Z", anchor)).toBe("2026-11-28T01:00:10.000Z");
    expect(next("rate(2 days)", "2026-12-01T00:00:00Z", anchor)).toBe("2026-12-02T00:00:10.000Z");
  });

  it("without an anchor, fires one period after `after`", () => {
    expect(next("rate(1 day)", "2026-11-28T00:17:30Z")).toBe("2026-11-29T00:17:30.000Z");
  });

  it("returns null for invalid dates", () => {
    expect(schedule("rate(1 day)").next(new Date(Number.NaN))).toBeNull();
    expect(schedule("rate(1 day)").next(new Date(0), new Date(Number.NaN))).toBeNull();
  });
});

describe("invalid schedule expressions", () => {
  it.each([
    "cron(0 10 * * * *)", // '*' in both day fields
    "cron(0 10 ? * ? *)", // '?' in both day fields
    "cron(0 10 1 * MON *)", // a value in both day fields
    "cron(0 10 * * ?)", // five fields
    "cron(0 10 * * ? * *)", // seven fields
    "cron()",
    "cron(0 10 * * ? *",
    "CRON(0 10 * * ? *)",
    "cron(60 10 * * ? *)",
    "cron(0 24 * * ? *)",
    "cron(0 0 32 * ? *)",
    "cron(0 0 0 * ? *)",
    "cron(0 0 ? 13 MON *)",
    "cron(0 0 ? * 8 *)",
    "cron(0 0 ? * 0 *)",
    "cron(0 0 * * ? 1969)",
    "cron(0 0 * * ? 2200)",
    "cron(0 0 * * ? 2022-2019)", // years do not wrap
    "cron(0 0 ? * 3#1,6#3 *)", // only one expression with '#'
    "cron(0 0 ? * 3#6 *)",
    "cron(? 0 * * ? *)",
    "cron(0 0 15W,1 * ? *)",
    "cron(0 0 L-2 * ? *)",
    "cron(0/0 * * * ? *)",
    "cron(*/61 * * * ? *)",
    "cron(0 0 ? * MONDAY *)",
    "cron(a b c d e f)",
    "cron(0 0 1-2-3 * ? *)",
    "cron(0 0 1, * ? *)",
    "rate(0 minutes)",
    "rate(1 minutes)",
    "rate(5 minute)",
    "rate(1 hours)",
    "rate(5 hour)",
    "rate(1 week)",
    "rate(2 weeks)",
    "rate(-5 minutes)",
    "rate(1.5 hours)",
    "rate(5minutes)",
    "rate()",
    "rate(five minutes)",
    "",
    "every 5 minutes",
    " rate(5 minutes)",
  ])("%j is refused with AWS's message", (expression) => {
    const parsed = parseSchedule(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toBe("Parameter ScheduleExpression is not valid.");
      expect(parsed.reason.length).toBeGreaterThan(0);
    }
  });

  it("refuses non-strings without throwing", () => {
    for (const value of [undefined, null, 5, {}, ["rate(1 day)"]]) {
      expect(parseSchedule(value)).toMatchObject({ ok: false, message: INVALID_SCHEDULE_MESSAGE });
    }
  });

  it("accepts the examples of the EventBridge user guide", () => {
    for (const expression of [
      "cron(0 10 * * ? *)",
      "cron(15 12 * * ? *)",
      "cron(0 18 ? * MON-FRI *)",
      "cron(0 8 1 * ? *)",
      "cron(0/15 * * * ? *)",
      "cron(0/10 * ? * MON-FRI *)",
      "cron(0/5 8-17 ? * MON-FRI *)",
      "cron(0/30 20-2 ? * MON-FRI *)",
      "cron(0 12 * * ? *)",
      "cron(5,35 14 * * ? *)",
      "cron(15 10 ? * 6L 2019-2022)",
      "cron(0 0 ? * 3#2 *)",
      "cron(0 0 3W * ? *)",
      "rate(1 minute)",
      "rate(5 minutes)",
      "rate(1 hour)",
      "rate(1 day)",
    ]) {
      expect(parseSchedule(expression).ok, expression).toBe(true);
    }
  });
});
