import { describe, expect, it } from "vitest";
import { validatePattern } from "../../src/events/pattern/index";
import { validationCases } from "./validation.cases";

describe("EventBridge pattern validation table", () => {
  it("covers accepted and refused patterns", () => {
    expect(validationCases.filter((c) => c.reason === undefined).length).toBeGreaterThanOrEqual(15);
    expect(validationCases.filter((c) => c.reason !== undefined).length).toBeGreaterThanOrEqual(50);
    expect(new Set(validationCases.map((c) => c.name)).size).toBe(validationCases.length);
  });

  it.each(validationCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = validatePattern(c.text);
    if (c.reason === undefined) {
      expect(result).toEqual({ ok: true, pattern: JSON.parse(c.text) });
    } else if (c.reason === "*") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Event pattern is not valid\. Reason: .+/);
    } else {
      expect(result).toEqual({ ok: false, message: `Event pattern is not valid. Reason: ${c.reason}` });
    }
  });
});
