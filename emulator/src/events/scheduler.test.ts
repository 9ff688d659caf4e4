import { afterEach, describe, expect, it, vi } from "vitest";
import { RuleScheduler } from "./scheduler";
import type { StoredRule } from "./store";

function rule(
  name: string,
  ScheduleExpression: string,
  createdAt: number,
  State: StoredRule["State"] = "ENABLED",
): StoredRule {
  return {
    Name: name,
    Arn: `arn:aws:events:us-east-1:000000000000:rule/${name}`,
    ScheduleExpression,
    State,
    createdAt,
    targets: [],
    tags: [],
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("RuleScheduler", () => {
  it("fires every occurrence inside an advance, in time order, on minute boundaries", () => {
    vi.useFakeTimers({ now: new Date("2024-03-01T10:00:30Z"), toFake: ["Date"] });
    const rules = [
      rule("every-5", "rate(5 minutes)", Date.parse("2024-03-01T09:58:10Z")),
      rule("hourly", "cron(0 * * * ? *)", 0),
    ];
    const fired: string[] = [];
    const s = new RuleScheduler({ rules: () => rules, fire: (r, at) => fired.push(`${r.Name}@${at.toISOString()}`) });
    s.refresh();
    expect(s.advance(65 * 60_000)).toBe(fired.length);
    expect(fired.slice(0, 3)).toEqual([
      "every-5@2024-03-01T10:03:00.000Z",
      "every-5@2024-03-01T10:08:00.000Z",
      "every-5@2024-03-01T10:13:00.000Z",
    ]);
    expect(fired).toContain("hourly@2024-03-01T11:00:00.000Z");
    expect(fired.filter((f) => f.startsWith("hourly"))).toHaveLength(1);
    expect(fired.filter((f) => f.startsWith("every-5"))).toHaveLength(13);
    const times = fired.map((f) => Date.parse(f.split("@")[1]!));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    s.stop();
  });

  it("skips disabled and deleted rules and picks up changes", () => {
    vi.useFakeTimers({ now: new Date("2024-03-01T10:00:30Z"), toFake: ["Date"] });
    const rules = [rule("off", "rate(1 minute)", Date.now(), "DISABLED"), rule("gone", "rate(1 minute)", Date.now())];
    const fired: string[] = [];
    const s = new RuleScheduler({ rules: () => rules, fire: (r) => fired.push(r.Name) });
    s.refresh();
    rules.pop();
    s.advance(5 * 60_000);
    expect(fired).toEqual([]);
    rules[0]!.State = "ENABLED";
    s.refresh();
    s.advance(2 * 60_000);
    expect(fired).toEqual(["off", "off"]);
    s.stop();
  });

  it("resetClock returns to real time", () => {
    const s = new RuleScheduler({ rules: () => [], fire: () => undefined });
    s.advance(3_600_000);
    expect(s.now().getTime() - Date.now()).toBeGreaterThan(3_500_000);
    s.resetClock();
    expect(Math.abs(s.now().getTime() - Date.now())).toBeLessThan(1000);
    s.stop();
  });
});
