import { describe, expect, it } from "vitest";
import { patternCases } from "./matching.cases";
import { matchesPattern, validatePattern } from "../../src/events/pattern/index";

describe("EventBridge pattern cases from the AWS documentation", () => {
  it("has at least 80 cases, with both outcomes, each citing its source", () => {
    expect(patternCases.length).toBeGreaterThanOrEqual(80);
    expect(patternCases.some((c) => c.matches)).toBe(true);
    expect(patternCases.some((c) => !c.matches)).toBe(true);
    expect(new Set(patternCases.map((c) => c.name)).size).toBe(patternCases.length);
    for (const c of patternCases) expect(c.source.length).toBeGreaterThan(10);
  });

  it.each(patternCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    // Every table pattern is also a pattern PutRule accepts, passed as JSON text.
    expect(validatePattern(JSON.stringify(c.pattern))).toEqual({ ok: true, pattern: c.pattern });
    expect(matchesPattern(c.pattern, c.event)).toBe(c.matches);
    // Matching must not depend on the event having gone through JSON text or not.
    expect(matchesPattern(c.pattern, JSON.parse(JSON.stringify(c.event)))).toBe(c.matches);
  });
});
