import { describe, expect, it } from "vitest";
import { endsWithIgnoreCase, equalsIgnoreCase, matchesWildcard, parseWildcard, startsWithIgnoreCase } from "./text";

function wildcard(text: string) {
  const parsed = parseWildcard(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pattern;
}

describe("wildcards", () => {
  it.each([
    ["Simple*Service", "SimpleQueueService", true],
    ["Simple*Service", "SimpleService", true],
    ["Simple*Service", "SimpleQueueServices", false],
    ["*", "", true],
    ["*", "anything", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYbZc", true],
    ["a*b*c", "acb", false],
    ["*ab", "abab", true],
    ["ab*", "ab", true],
    ["a*a", "a", false],
    ["a*a", "aa", true],
    ["x", "x", true],
    ["x", "xx", false],
    ["a\\*c", "a*c", true],
    ["a\\*c", "abc", false],
    ["a\\\\c", "a\\c", true],
    ["*/bin/*.jar", "/opt/bin/app.jar", true],
    ["*/bin/*.jar", "/opt/lib/app.jar", false],
  ] as const)("%s against %s → %s", (pattern, value, expected) => {
    expect(matchesWildcard(value, wildcard(pattern))).toBe(expected);
  });

  it("refuses consecutive asterisks and stray escapes with AWS's positions (quoted, UTF-8 bytes)", () => {
    expect(parseWildcard("**")).toEqual({ ok: false, message: "Consecutive wildcard characters at pos 1" });
    expect(parseWildcard("ab**")).toEqual({ ok: false, message: "Consecutive wildcard characters at pos 3" });
    expect(parseWildcard("é**")).toEqual({ ok: false, message: "Consecutive wildcard characters at pos 3" });
    expect(parseWildcard("a\\")).toEqual({ ok: false, message: "Invalid escape character at pos 2" });
    expect(parseWildcard("\\n")).toEqual({ ok: false, message: "Invalid escape character at pos 1" });
    expect(parseWildcard("a*\\**").ok).toBe(true);
  });

  it("handles long values without regex backtracking", () => {
    const pattern = wildcard("a*a*a*a*a*a*a*a*a*a*b");
    const started = Date.now();
    expect(matchesWildcard("a".repeat(100_000), pattern)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("case-insensitive comparisons", () => {
  it("compares per character", () => {
    expect(equalsIgnoreCase("EventBridge", "eventbridge")).toBe(true);
    expect(equalsIgnoreCase("eventbridge", "EVENTBRIDGE")).toBe(true);
    expect(equalsIgnoreCase("eventbridge", "eventbridg")).toBe(false);
    expect(startsWithIgnoreCase("EVENTBRIDGE", "eventb")).toBe(true);
    expect(startsWithIgnoreCase("ev", "eventb")).toBe(false);
    expect(endsWithIgnoreCase("EVENTBRIDGE", "tbridge")).toBe(true);
    expect(endsWithIgnoreCase("image.PnG", ".png")).toBe(true);
    expect(endsWithIgnoreCase("png", ".png")).toBe(false);
  });
});
