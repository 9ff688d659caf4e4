import { describe, expect, it } from "vitest";
import { compileEventPattern, matchesCompiledPattern, matchesPattern, validatePattern } from "./index";

// Semantics the documentation leaves implicit, settled against AWS event-ruler (see README.md).

describe("matchesPattern: value typing", () => {
  it("compares exact numbers numerically but never against strings", () => {
    expect(matchesPattern({ n: [300] }, { n: 300.0 })).toBe(true);
    expect(matchesPattern({ n: [3e2] }, { n: 300 })).toBe(true);
    expect(matchesPattern({ n: [300] }, { n: "300" })).toBe(false);
    expect(matchesPattern({ n: ["0"] }, { n: 0 })).toBe(false);
    expect(matchesPattern({ n: [0] }, { n: "0" })).toBe(false);
    expect(matchesPattern({ n: [0] }, { n: 0 })).toBe(true);
  });

  it("keeps booleans, null and their string spellings apart", () => {
    expect(matchesPattern({ b: [true] }, { b: true })).toBe(true);
    expect(matchesPattern({ b: [true] }, { b: "true" })).toBe(false);
    expect(matchesPattern({ b: ["true"] }, { b: true })).toBe(false);
    expect(matchesPattern({ b: [false] }, { b: 0 })).toBe(false);
    expect(matchesPattern({ b: [null] }, { b: "null" })).toBe(false);
    expect(matchesPattern({ b: [null] }, { b: null })).toBe(true);
  });

  it("applies string operators to strings only", () => {
    expect(matchesPattern({ v: [{ prefix: "1" }] }, { v: 12 })).toBe(false);
    expect(matchesPattern({ v: [{ suffix: "2" }] }, { v: 12 })).toBe(false);
    expect(matchesPattern({ v: [{ "equals-ignore-case": "true" }] }, { v: true })).toBe(false);
    expect(matchesPattern({ v: [{ wildcard: "*" }] }, { v: 5 })).toBe(false);
    expect(matchesPattern({ v: [{ wildcard: "*" }] }, { v: "" })).toBe(true);
    expect(matchesPattern({ v: [{ prefix: "" }] }, { v: "" })).toBe(true);
  });

  it("applies numeric to JSON numbers only", () => {
    expect(matchesPattern({ v: [{ numeric: [">", 0] }] }, { v: "5" })).toBe(false);
    expect(matchesPattern({ v: [{ numeric: [">", 0] }] }, { v: true })).toBe(false);
    expect(matchesPattern({ v: [{ numeric: [">=", -1.5, "<", 1e9] }] }, { v: -1.5 })).toBe(true);
    expect(matchesPattern({ v: [{ numeric: [">=", -1.5, "<", 1e9] }] }, { v: 1e9 })).toBe(false);
    expect(matchesPattern({ v: [{ numeric: ["<=", 3] }] }, { v: 3 })).toBe(true);
    expect(matchesPattern({ v: [{ numeric: ["=", 301.8] }] }, { v: 3.018e2 })).toBe(true);
  });

  it("lets anything-but exclude only values of its own kind", () => {
    expect(matchesPattern({ v: [{ "anything-but": "5" }] }, { v: 5 })).toBe(true);
    expect(matchesPattern({ v: [{ "anything-but": 5 }] }, { v: "5" })).toBe(true);
    expect(matchesPattern({ v: [{ "anything-but": 5 }] }, { v: 5.0 })).toBe(false);
    expect(matchesPattern({ v: [{ "anything-but": "x" }] }, { v: null })).toBe(true);
    expect(matchesPattern({ v: [{ "anything-but": { prefix: "in" } }] }, { v: 7 })).toBe(true);
    expect(matchesPattern({ v: [{ "anything-but": { suffix: "x" } }] }, { v: false })).toBe(true);
  });

  it("requires a value for anything-but: missing fields, objects and empty arrays never match", () => {
    expect(matchesPattern({ v: [{ "anything-but": "x" }] }, { w: "y" })).toBe(false);
    expect(matchesPattern({ v: [{ "anything-but": "x" }] }, { v: { x: "y" } })).toBe(false);
    expect(matchesPattern({ v: [{ "anything-but": "x" }] }, { v: [] })).toBe(false);
  });

  it("matches anything-but on arrays when any element is outside the set", () => {
    expect(matchesPattern({ v: [{ "anything-but": ["a", "b"] }] }, { v: ["a", "b"] })).toBe(false);
    expect(matchesPattern({ v: [{ "anything-but": ["a", "b"] }] }, { v: ["a", "c"] })).toBe(true);
    expect(matchesPattern({ v: [{ "anything-but": [100, 500] }] }, { v: [100, 50] })).toBe(true);
  });

  it("matches IP-address exact values as addresses", () => {
    expect(matchesPattern({ ip: ["2001:db8::1"] }, { ip: "2001:0db8:0:0:0:0:0:1" })).toBe(true);
    expect(matchesPattern({ ip: ["10.0.0.1"] }, { ip: "10.0.0.1" })).toBe(true);
    expect(matchesPattern({ ip: ["10.0.0.1"] }, { ip: "10.0.0.2" })).toBe(false);
    expect(matchesPattern({ ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "2001:db8::1" })).toBe(false);
    expect(matchesPattern({ ip: [{ cidr: "10.0.0.0/24" }] }, { ip: ["192.168.0.1", "10.0.0.7"] })).toBe(true);
  });

  it("folds case per character for equals-ignore-case, prefix and suffix", () => {
    expect(matchesPattern({ v: [{ "equals-ignore-case": "ÉTÉ" }] }, { v: "été" })).toBe(true);
    expect(matchesPattern({ v: [{ "equals-ignore-case": "abc" }] }, { v: "abcd" })).toBe(false);
    expect(matchesPattern({ v: [{ prefix: { "equals-ignore-case": "AB" } }] }, { v: "abc" })).toBe(true);
    expect(matchesPattern({ v: [{ suffix: { "equals-ignore-case": "BC" } }] }, { v: "abc" })).toBe(true);
    expect(matchesPattern({ v: [{ suffix: { "equals-ignore-case": "ABCD" } }] }, { v: "bcd" })).toBe(false);
  });
});

describe("matchesPattern: structure", () => {
  it("does not match a pattern object against a leaf or a leaf against an object", () => {
    expect(matchesPattern({ a: { b: ["x"] } }, { a: "x" })).toBe(false);
    expect(matchesPattern({ a: ["x"] }, { a: { b: "x" } })).toBe(false);
  });

  it("joins keys with dots, as AWS's rule compiler does", () => {
    expect(
      matchesPattern({ detail: { "state.status": ["running"] } }, { detail: { state: { status: "running" } } }),
    ).toBe(true);
    expect(
      matchesPattern({ detail: { state: { status: ["running"] } } }, { detail: { "state.status": "running" } }),
    ).toBe(true);
  });

  it("treats an empty key like any other", () => {
    expect(matchesPattern({ "": ["x"] }, { "": "x" })).toBe(true);
    expect(matchesPattern({ a: { "": ["x"] } }, { a: { "": "x" } })).toBe(true);
    expect(matchesPattern({ "": ["x"] }, { a: "x" })).toBe(false);
  });

  it("keeps the last definition of a repeated key", () => {
    const result = validatePattern('{"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(matchesPattern(result.pattern, { location: "eu-west" })).toBe(true);
    expect(matchesPattern(result.pattern, { location: "us-east" })).toBe(false);
  });

  it("lets a top-level $or combine with other fields, and $or branches stay independent", () => {
    const pattern = { source: ["s"], $or: [{ a: ["1"] }, { b: ["2"] }], detail: { $or: [{ c: [3] }, { d: [4] }] } };
    expect(matchesPattern(pattern, { source: "s", b: "2", detail: { c: 3 } })).toBe(true);
    expect(matchesPattern(pattern, { source: "s", b: "2", detail: { c: 4 } })).toBe(false);
    expect(matchesPattern(pattern, { source: "t", a: "1", detail: { d: 4 } })).toBe(false);
  });

  it("treats an $or branch as a whole: all its fields must hold", () => {
    const pattern = { $or: [{ a: ["1"], b: ["2"] }, { c: ["3"] }] };
    expect(matchesPattern(pattern, { a: "1" })).toBe(false);
    expect(matchesPattern(pattern, { a: "1", b: "2" })).toBe(true);
    expect(matchesPattern(pattern, { c: "3" })).toBe(true);
  });
});

describe("matchesPattern: exists on arrays and objects", () => {
  it("sees leaves only: primitive arrays exist, objects and arrays of objects do not", () => {
    expect(matchesPattern({ tags: [{ exists: true }] }, { tags: ["a"] })).toBe(true);
    expect(matchesPattern({ tags: [{ exists: true }] }, { tags: [null] })).toBe(true);
    expect(matchesPattern({ tags: [{ exists: true }] }, { tags: [] })).toBe(false);
    expect(matchesPattern({ tags: [{ exists: false }] }, { tags: [] })).toBe(true);
    expect(matchesPattern({ containers: [{ exists: true }] }, { containers: [{ exitCode: 0 }] })).toBe(false);
    expect(matchesPattern({ containers: [{ exists: false }] }, { containers: [{ exitCode: 0 }] })).toBe(true);
    expect(
      matchesPattern(
        { containers: { exitCode: [{ exists: true }] } },
        { containers: [{ name: "a" }, { exitCode: 0 }] },
      ),
    ).toBe(true);
    expect(matchesPattern({ containers: { exitCode: [{ exists: false }] } }, { containers: [{ name: "a" }] })).toBe(
      true,
    );
    expect(matchesPattern({ detail: [{ exists: false }] }, { detail: {} })).toBe(true);
  });

  it("allows exists:false beside positive alternatives on one field", () => {
    const pattern = { state: [{ exists: false }, "running"] };
    expect(matchesPattern(pattern, {})).toBe(true);
    expect(matchesPattern(pattern, { state: "running" })).toBe(true);
    expect(matchesPattern(pattern, { state: "stopped" })).toBe(false);
  });
});

describe("matchesPattern: arrays", () => {
  const employees = {
    employees: [
      { firstName: "John", lastName: "Doe" },
      { firstName: "Anna", lastName: "Smith" },
    ],
  };

  it("requires fields under one array to come from one element", () => {
    expect(matchesPattern({ employees: { firstName: ["Anna"], lastName: ["Smith"] } }, employees)).toBe(true);
    expect(matchesPattern({ employees: { firstName: ["Anna"], lastName: ["Doe"] } }, employees)).toBe(false);
  });

  it("lets fields under different arrays match independently", () => {
    const event = { a: [{ x: 1 }, { x: 2 }], b: [{ y: 1 }, { y: 2 }] };
    expect(matchesPattern({ a: { x: [2] }, b: { y: [1] } }, event)).toBe(true);
  });

  it("keeps outer array elements consistent through inner arrays", () => {
    const event = {
      t: [
        { id: "a", tags: ["red", "blue"] },
        { id: "b", tags: ["green"] },
      ],
    };
    expect(matchesPattern({ t: { id: ["a"], tags: ["blue"] } }, event)).toBe(true);
    expect(matchesPattern({ t: { id: ["a"], tags: ["green"] } }, event)).toBe(false);
  });

  it("evaluates exists:false against the array elements already chosen (event-ruler order)", () => {
    // Sorted paths: d.a before d.b; d.a is absent from d[1], which is also where d.b matches.
    expect(matchesPattern({ d: { b: [2], c: [{ exists: false }] } }, { d: [{ c: 1 }, { b: 2 }] })).toBe(true);
    expect(matchesPattern({ d: { b: [2], c: [{ exists: false }] } }, { d: [{ b: 2, c: 1 }] })).toBe(false);
    // With nothing chosen yet, any element carrying the field makes it exist.
    expect(matchesPattern({ d: { a: [{ exists: false }] } }, { d: [{ a: 1 }, { b: 2 }] })).toBe(false);
  });

  it("reproduces event-ruler's array-consistent exists:false test", () => {
    const rule = (leaf: string) => ({
      requestContext: {
        taskInstances: {
          taskInstanceState: ["ACTIVE"],
          provider: { id: ["XXXXXXXXXXXX"] },
          resources: { additionalContext: { capabilityInterfaces: { [leaf]: [{ exists: false }] } } },
        },
      },
    });
    const instance = (state: string, providerId: string, interfaceName?: string) => ({
      taskInstanceState: state,
      provider: { id: providerId },
      resources: [
        interfaceName === undefined
          ? { legacyFocusCategory: "XXXXXFocus" }
          : { legacyFocusCategory: "XXXXXFocus", additionalContext: { capabilityInterfaces: [{ interfaceName }] } },
      ],
    });
    const event1 = {
      requestContext: {
        taskInstances: [instance("ACTIVE", "XXXXXXXXXXXX"), instance("InACTIVE", "SomeRandom", "Dummy")],
      },
    };
    const event2 = {
      requestContext: {
        taskInstances: [instance("ACTIVE", "XXXXXXXXXXXX", "X.Y"), instance("InACTIVE", "SomeRandom", "X.Y")],
      },
    };
    expect(matchesPattern(rule("interfaceName"), event1)).toBe(true);
    expect(matchesPattern(rule("abc"), event1)).toBe(true);
    expect(matchesPattern(rule("interfaceName"), event2)).toBe(false);
    expect(matchesPattern(rule("abc"), event2)).toBe(true);
  });

  it("stays fast on wide arrays", () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ a: i, b: i % 7, c: `v${i}` }));
    const started = Date.now();
    expect(matchesPattern({ items: { a: [1999], b: [4], c: ["v1999"] } }, { items })).toBe(true);
    expect(matchesPattern({ items: { a: [1999], b: [5], c: [{ prefix: "v" }] } }, { items })).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stays fast when several independent arrays are involved and the last field fails", () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => ({ v: i }));
    const event = { a: wide(500), b: wide(500), c: wide(500), d: "no" };
    const started = Date.now();
    expect(
      matchesPattern(
        { a: { v: [{ exists: true }] }, b: { v: [{ exists: true }] }, c: { v: [{ exists: true }] }, d: ["yes"] },
        event,
      ),
    ).toBe(false);
    expect(
      matchesPattern(
        { a: { v: [{ exists: true }] }, b: { v: [{ exists: true }] }, c: { v: [{ exists: true }] }, d: ["no"] },
        event,
      ),
    ).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("robustness", () => {
  const weird: unknown[] = [undefined, null, 0, "x", [], [1], () => 1, Symbol("s"), new Date(0), { a: undefined }];

  it("never throws and never matches with an invalid pattern or a non-object event", () => {
    for (const value of weird) {
      expect(() => matchesPattern(value, { a: "x" })).not.toThrow();
      expect(matchesPattern(value, { a: "x" })).toBe(false);
      expect(matchesPattern({ a: ["x"] }, value)).toBe(false);
      expect(validatePattern(value).ok).toBe(false);
    }
  });

  it("ignores non-JSON values inside an event", () => {
    expect(matchesPattern({ a: [{ exists: true }] }, { a: undefined })).toBe(false);
    expect(matchesPattern({ a: [{ exists: false }] }, { a: () => 1 })).toBe(true);
    expect(matchesPattern({ a: ["x"] }, { a: ["x", undefined, Symbol("y")] })).toBe(true);
  });

  it("survives self-referencing arrays and deeply nested patterns", () => {
    const loop: unknown[] = [];
    loop.push(loop, "x");
    expect(matchesPattern({ a: ["x"] }, { a: loop })).toBe(true);
    let deep: Record<string, unknown> = { leaf: ["x"] };
    for (let i = 0; i < 20000; i++) deep = { n: deep };
    expect(() => matchesPattern(deep, {})).not.toThrow();
    expect(compileEventPattern(deep).ok).toBe(false);
  });

  it("reuses a compiled pattern", () => {
    const compiled = compileEventPattern({ source: ["aws.ecs"] });
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(matchesCompiledPattern(compiled.compiled, { source: "aws.ecs" })).toBe(true);
    expect(matchesCompiledPattern(compiled.compiled, { source: "aws.ec2" })).toBe(false);
    expect(matchesCompiledPattern(compiled.compiled, "not an event")).toBe(false);
  });

  it("validates size by characters, not bytes", () => {
    const japanese = JSON.stringify({ a: ["あ".repeat(2038)] });
    expect(Array.from(japanese).length).toBe(2048);
    expect(validatePattern(japanese).ok).toBe(true);
    expect(validatePattern(japanese, { maxLength: 100 }).ok).toBe(false);
  });
});
