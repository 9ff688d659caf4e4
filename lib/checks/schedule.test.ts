import { describe, expect, it } from "vitest";
import { describeSchedule, nextFireTimes, parseSchedule } from "./schedule";

const FROM = new Date("2026-11-28T00:00:00Z"); // a Saturday

describe("parseSchedule accepts what EventBridge accepts", () => {
  it.each([
    "cron(0 12 * * ? *)",
    "cron(30 9 ? * MON-FRI *)",
    "cron(0/5 * * * ? *)",
    "cron(*/15 * * * ? *)",
    "cron(0 8,17 ? * MON,WED,FRI *)",
    "cron(0 0 L * ? *)",
    "cron(0 0 LW * ? *)",
    "cron(0 0 15W * ? *)",
    "cron(0 9 ? * 6#3 *)",
    "cron(0 9 ? * 6L *)",
    "cron(0 0 1 JAN-MAR ? 2027-2030)",
    "cron(0 18 ? * 2-6 *)",
    "cron( 0  12  *  *  ?  * )",
    "rate(1 minute)",
    "rate(5 minutes)",
    "rate(1 hour)",
    "rate(12 hours)",
    "rate(1 day)",
    "rate(7 days)",
  ])("%s", (expr) => {
    expect(parseSchedule(expr)).toMatchObject({ ok: true });
  });
});

describe("parseSchedule refuses with a sentence", () => {
  it.each([
    ["", /Enter a schedule/],
    ["0 12 * * ? *", /cron\(minutes hours/],
    ["every hour", /cron\(minutes hours/],
    ["cron(0 12 * * ?)", /6 fields .* has 5/],
    ["cron(0 0 12 * * ? *)", /has 7/],
    ["cron(0 12 * * * *)", /exactly one of day-of-month and day-of-week/],
    ["cron(0 12 ? * ? *)", /exactly one of day-of-month and day-of-week/],
    ["cron(60 12 * * ? *)", /minutes field “60” is outside 0-59/],
    ["cron(0 24 * * ? *)", /hours field “24” is outside 0-23/],
    ["cron(0 12 32 * ? *)", /day-of-month field “32” is outside 1-31/],
    ["cron(0 12 0 * ? *)", /day-of-month field “0” is outside/],
    ["cron(0 12 * 13 ? *)", /month field “13” is outside 1-12/],
    ["cron(0 12 ? * 8 *)", /day-of-week field “8” is outside 1-7/],
    ["cron(0 12 ? * FOO *)", /day-of-week field “FOO” is not valid/],
    ["cron(0 12 * * ? 1969)", /year field “1969” is outside 1970-2199/],
    ["cron(? 12 * * ? *)", /minutes field “\?” cannot be \?/],
    ["cron(0 12 * * ? */0)", /step that is not a positive/],
    ["cron(0 12 ? * 6#6 *)", /weekday#n/],
    ["cron(0 12 * * ? 2027,,2028)", /empty item/],
    ["cron(30-10 12 * * ? *)", /start is after its end/],
    ["rate(1 minutes)", /singular unit for 1: rate\(1 minute\)/],
    ["rate(1 hours)", /rate\(1 hour\)/],
    ["rate(5 minute)", /plural unit for 5: rate\(5 minutes\)/],
    ["rate(2 day)", /rate\(2 days\)/],
    ["rate(0 minutes)", /at least 1/],
    ["rate(1 week)", /“week” is not a rate unit/],
    ["rate(3 seconds)", /“seconds” is not a rate unit/],
    ["rate(five minutes)", /rate\(N unit\)/],
    ["rate(-1 minutes)", /rate\(N unit\)/],
    ["rate(1.5 hours)", /rate\(N unit\)/],
  ])("%j", (expr, message) => {
    const r = parseSchedule(expr);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe("parseSchedule refuses a rate EventBridge cannot store", () => {
  it("past nine digits", () => {
    expect(parseSchedule("rate(99999999999999999999 minutes)")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 9 digits/),
    });
    expect(parseSchedule("rate(999999999 minutes)")).toMatchObject({ ok: true });
  });
});

describe("describeSchedule", () => {
  it.each([
    ["cron(0 12 * * ? *)", "Every day at 12:00 UTC"],
    ["rate(1 hour)", "Every hour"],
    ["rate(1 minute)", "Every minute"],
    ["rate(1 day)", "Every day"],
    ["rate(5 minutes)", "Every 5 minutes"],
    ["rate(2 days)", "Every 2 days"],
    ["cron(30 9 ? * MON-FRI *)", "At 09:30 UTC on Monday through Friday"],
    ["cron(30 9 ? * 2-6 *)", "At 09:30 UTC on Monday through Friday"],
    ["cron(0/5 * * * ? *)", "Every 5 minutes"],
    ["cron(* * * * ? *)", "Every minute"],
    ["cron(0 * * * ? *)", "Every hour, on the hour"],
    ["cron(15 * * * ? *)", "Every hour at minute 15"],
    ["cron(0 8,17 ? * MON,WED,FRI *)", "At 08:00 and 17:00 UTC on Monday, Wednesday and Friday"],
    ["cron(0 0 1 * ? *)", "At 00:00 UTC on the 1st of the month"],
    ["cron(0 0 L * ? *)", "At 00:00 UTC on the last day of the month"],
    ["cron(0 9 ? * 6#3 *)", "At 09:00 UTC on the third Friday of the month"],
    ["cron(0 9 ? * 6L *)", "At 09:00 UTC on the last Friday of the month"],
    ["cron(*/10 9-17 ? * MON-FRI *)", "Every 10 minutes between 09:00 and 17:59 UTC on Monday through Friday"],
    ["cron(0 6 * JAN ? *)", "Every day at 06:00 UTC in January"],
    ["cron(5 0 ? * SUN *)", "At 00:05 UTC on Sunday"],
    ["cron(0 12 * * ? 2027)", "Every day at 12:00 UTC in 2027"],
    ["nonsense", "Invalid schedule"],
  ])("%s → %s", (expr, words) => {
    expect(describeSchedule(expr)).toBe(words);
  });
});

describe("nextFireTimes", () => {
  const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

  it("gives five daily times by default", () => {
    expect(iso(nextFireTimes("cron(0 12 * * ? *)", undefined, FROM))).toEqual([
      "2026-11-28T12:00:00.000Z",
      "2026-11-29T12:00:00.000Z",
      "2026-11-30T12:00:00.000Z",
      "2026-12-01T12:00:00.000Z",
      "2026-12-02T12:00:00.000Z",
    ]);
  });

  it("skips the weekend for MON-FRI (AWS weekdays: 1 = Sunday)", () => {
    expect(iso(nextFireTimes("cron(30 9 ? * MON-FRI *)", 2, FROM))).toEqual([
      "2026-11-30T09:30:00.000Z",
      "2026-12-01T09:30:00.000Z",
    ]);
    expect(iso(nextFireTimes("cron(30 9 ? * 2 *)", 1, FROM))).toEqual(["2026-11-30T09:30:00.000Z"]);
  });

  it("handles L, W and #", () => {
    expect(iso(nextFireTimes("cron(0 0 L * ? *)", 2, FROM))).toEqual([
      "2026-11-30T00:00:00.000Z",
      "2026-12-31T00:00:00.000Z",
    ]);
    expect(iso(nextFireTimes("cron(0 9 ? * 6#3 *)", 1, FROM))).toEqual(["2026-12-18T09:00:00.000Z"]);
    expect(iso(nextFireTimes("cron(0 12 15W * ? *)", 1, FROM))).toEqual(["2026-12-15T12:00:00.000Z"]);
  });

  it("counts a rate from the start time", () => {
    expect(iso(nextFireTimes("rate(5 minutes)", 3, new Date("2026-11-28T00:00:30Z")))).toEqual([
      "2026-11-28T00:05:00.000Z",
      "2026-11-28T00:10:00.000Z",
      "2026-11-28T00:15:00.000Z",
    ]);
    expect(iso(nextFireTimes("rate(2 days)", 1, FROM))).toEqual(["2026-11-30T00:00:00.000Z"]);
  });

  it("is empty for an invalid or exhausted schedule", () => {
    expect(nextFireTimes("rate(1 minutes)", 5, FROM)).toEqual([]);
    expect(nextFireTimes("cron(0 12 * * ? 2020)", 5, FROM)).toEqual([]);
  });
});
