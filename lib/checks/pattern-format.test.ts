import { describe, expect, it } from "vitest";
import { formatPatternJson } from "./pattern-format";

describe("formatPatternJson", () => {
  it("keeps lists of plain values on one line", () => {
    expect(formatPatternJson({ source: ["aws.ecs"], detail: { code: [0, 1], x: [null, true] } })).toBe(
      '{\n  "source": ["aws.ecs"],\n  "detail": {\n    "code": [0, 1],\n    "x": [null, true]\n  }\n}',
    );
  });

  it("puts the envelope fields first, as people write patterns", () => {
    const text = formatPatternJson({ detail: { a: [1] }, "detail-type": ["T"], source: ["s"] });
    expect(text.indexOf('"source"')).toBeLessThan(text.indexOf('"detail-type"'));
    expect(text.indexOf('"detail-type"')).toBeLessThan(text.indexOf('"detail"'));
  });

  it("leaves lists of objects expanded and parses back to the same value", () => {
    const v = { a: [{ prefix: "x" }], b: ["with [brackets] and, commas", "two"], c: [] };
    const text = formatPatternJson(v);
    expect(JSON.parse(text)).toEqual(v);
    expect(text).toContain('"b": ["with [brackets] and, commas", "two"]');
    expect(text).toContain('{\n      "prefix": "x"\n    }');
  });
});
