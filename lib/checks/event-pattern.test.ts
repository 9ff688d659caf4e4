import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { MAX_PATTERN_CHARS, parseEventPattern, patternGrammarProblems } from "./event-pattern";

const seedPattern = JSON.parse(
  readFileSync(new URL("../../fixtures/seed/seed-rule-pattern.json", import.meta.url), "utf8"),
) as unknown;

describe("patternGrammarProblems: valid patterns", () => {
  it.each<[string, unknown]>([
    ["the seed rule pattern", seedPattern],
    ["plain strings", { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"] }],
    ["numbers, booleans and null", { detail: { a: [1, 2.5], b: [true, false], c: [null] } }],
    ["prefix", { source: [{ prefix: "aws." }] }],
    ["prefix ignoring case", { source: [{ prefix: { "equals-ignore-case": "AWS." } }] }],
    ["suffix", { detail: { file: [{ suffix: ".png" }] } }],
    ["anything-but value", { detail: { state: [{ "anything-but": "initializing" }] } }],
    ["anything-but number", { detail: { code: [{ "anything-but": 0 }] } }],
    ["anything-but list", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }],
    ["anything-but prefix", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }],
    ["anything-but suffix", { detail: { f: [{ "anything-but": { suffix: ".txt" } }] } }],
    ["anything-but wildcard list", { detail: { f: [{ "anything-but": { wildcard: ["*/lib/*", "*/tmp/*"] } }] } }],
    ["anything-but equals-ignore-case", { detail: { f: [{ "anything-but": { "equals-ignore-case": ["a", "B"] } }] } }],
    ["numeric equality", { detail: { n: [{ numeric: ["=", 3] }] } }],
    ["numeric range", { detail: { n: [{ numeric: [">", 0, "<=", 5] }] } }],
    ["numeric one-sided", { detail: { n: [{ numeric: [">=", -1.5] }] } }],
    ["exists true", { detail: { c: [{ exists: true }] } }],
    ["exists false", { detail: { c: [{ exists: false }] } }],
    ["cidr v4", { detail: { ip: [{ cidr: "10.0.0.0/24" }] } }],
    ["cidr v6", { detail: { ip: [{ cidr: "2001:db8::/32" }] } }],
    ["equals-ignore-case", { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] }],
    ["wildcard", { detail: { f: [{ wildcard: "dir/*.png" }] } }],
    ["mixed values and operators", { detail: { s: ["a", { prefix: "b" }, 3] } }],
    ["$or", { detail: { $or: [{ c: [{ numeric: [">", 0] }] }, { d: ["x"] }] } }],
    ["top-level $or", { source: ["aws.ecs"], $or: [{ detail: { a: [1] } }, { detail: { b: [2] } }] }],
  ])("%s", (_label, pattern) => {
    expect(patternGrammarProblems(pattern)).toEqual([]);
  });
});

describe("patternGrammarProblems: grammar violations", () => {
  it.each<[string, unknown, RegExp]>([
    ["array at top", [{ source: ["x"] }], /is a JSON object/],
    ["string at top", "aws.ecs", /is a JSON object/],
    ["null at top", null, /is a JSON object/],
    ["empty pattern", {}, /empty/],
    ["leaf not array", { source: "aws.ecs" }, /write \["aws.ecs"\]/],
    ["number leaf", { detail: { exitCode: 0 } }, /write \[0\]/],
    ["empty array", { source: [] }, /cannot be empty/],
    ["nested array", { source: [["a"]] }, /another list/],
    ["empty nested object", { detail: {} }, /empty object/],
    ["unknown operator", { source: [{ startsWith: "aws" }] }, /Unknown operator “startsWith”/],
    ["two keys in operator", { source: [{ prefix: "a", suffix: "b" }] }, /exactly one key/],
    ["prefix number", { source: [{ prefix: 1 }] }, /prefix takes a string/],
    ["exists string", { a: [{ exists: "yes" }] }, /exists takes true or false/],
    ["numeric odd", { a: [{ numeric: [">", 0, "<"] }] }, /numeric takes pairs/],
    ["numeric bad op", { a: [{ numeric: ["!=", 0] }] }, /numeric operator/],
    ["numeric string value", { a: [{ numeric: [">", "0"] }] }, /compares with a number/],
    ["numeric reversed range", { a: [{ numeric: ["<", 5, ">", 0] }] }, /lower bound/],
    ["numeric empty range", { a: [{ numeric: [">", 9, "<", 1] }] }, /lower bound must be below/],
    ["cidr garbage", { a: [{ cidr: "10.0.0/8" }] }, /not a CIDR block/],
    ["cidr big mask", { a: [{ cidr: "10.0.0.0/33" }] }, /not a CIDR block/],
    ["cidr number", { a: [{ cidr: 10 }] }, /cidr takes a string/],
    ["anything-but empty", { a: [{ "anything-but": [] }] }, /at least one/],
    ["anything-but mixed", { a: [{ "anything-but": ["a", 1] }] }, /not a mix/],
    ["anything-but numeric inner", { a: [{ "anything-but": { numeric: [">", 1] } }] }, /does not support “numeric”/],
    ["wildcard number", { a: [{ wildcard: 1 }] }, /wildcard takes a string/],
    ["$or not array", { $or: { a: [1] } }, /\$or takes a list/],
    ["$or single", { $or: [{ a: [1] }] }, /at least two/],
    ["bad inside $or", { $or: [{ a: [1] }, { b: 2 }] }, /write \[2\]/],
  ])("%s", (_label, pattern, message) => {
    const problems = patternGrammarProblems(pattern);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
  });

  it("names where the problem is", () => {
    expect(patternGrammarProblems({ detail: { containers: { exitCode: 0 } } })[0]?.at).toBe(
      "detail.containers.exitCode",
    );
    expect(patternGrammarProblems({ $or: [{ a: [1] }, { b: 2 }] })[0]?.at).toBe("$or[1].b");
  });

  it("reports every problem, not just the first", () => {
    expect(patternGrammarProblems({ a: 1, b: [], c: [{ nope: 1 }] })).toHaveLength(3);
  });
});

describe("parseEventPattern", () => {
  it("parses valid text into the pattern", () => {
    const r = parseEventPattern('{"source": ["aws.ecs"]}');
    expect(r).toEqual({ ok: true, pattern: { source: ["aws.ecs"] } });
  });

  it.each([
    ["", /Enter an event pattern/],
    ["   ", /Enter an event pattern/],
    ["{source: [1]}", /not valid JSON/],
    ['{"a": [1],}', /not valid JSON/],
    ["[1]", /is a JSON object/],
    ['{"a": 1}', /^At a: /],
  ])("refuses %j", (text, message) => {
    const r = parseEventPattern(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages.join("\n")).toMatch(message);
  });

  it("measures size as EventBridge stores it, not as typed", () => {
    const values = Array.from({ length: 200 }, (_, i) => `v${i}`);
    const pretty = JSON.stringify({ a: values }, null, 8);
    expect(pretty.length).toBeGreaterThan(MAX_PATTERN_CHARS);
    expect(parseEventPattern(pretty).ok).toBe(true);
  });

  it("refuses a pattern over 2,048 characters and says how long it is", () => {
    const big = { detail: { user: Array.from({ length: 300 }, (_, i) => `user-${i}`) } };
    const r = parseEventPattern(JSON.stringify(big));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages[0]).toMatch(/is [\d,]+ characters; EventBridge allows at most 2,048/);
  });

  it("accepts a pattern of exactly 2,048 characters", () => {
    const filler = "x".repeat(MAX_PATTERN_CHARS - JSON.stringify({ a: [""] }).length);
    const text = JSON.stringify({ a: [filler] });
    expect(text.length).toBe(MAX_PATTERN_CHARS);
    expect(parseEventPattern(text).ok).toBe(true);
    expect(parseEventPattern(JSON.stringify({ a: [filler + "y"] })).ok).toBe(false);
  });
});

describe("patterns EventBridge refuses at PutRule are refused at the field", () => {
  const orMany = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ [`${prefix}${i}`]: ["x"] }));
  it.each([
    ["consecutive wildcards", { source: [{ wildcard: "a**b" }] }, /two \* in a row/],
    ["an invalid wildcard escape", { a: [{ wildcard: "a\\b" }] }, /invalid escape/],
    ["an empty numeric range", { a: [{ numeric: [">", 5, "<", 5] }] }, /lower bound must be below/],
    ["an empty anything-but prefix", { a: [{ "anything-but": { prefix: "" } }] }, /cannot be empty/],
    ["anything-but wildcard with consecutive asterisks", { a: [{ "anything-but": { wildcard: "**" } }] }, /in a row/],
    ["an IPv4 /32", { a: [{ cidr: "10.0.0.1/32" }] }, /below 32 bits/],
    ["an IPv6 /128", { a: [{ cidr: "2001:db8::1/128" }] }, /below 128 bits/],
    ["an operator name as a field inside $or", { $or: [{ numeric: [">", 1] }, { prefix: ["abc"] }] }, /operator name/],
    [
      "$or multiplying out past 1,000",
      { $or: orMany("a", 11), detail: { $or: orMany("b", 10), x: { $or: orMany("c", 10) } } },
      /more than 1,000 combinations/,
    ],
  ])("%s", (_name, pattern, message) => {
    const parsed = parseEventPattern(JSON.stringify(pattern));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.messages.join(" ")).toMatch(message);
  });

  it("accepts what EventBridge accepts next to them", () => {
    for (const pattern of [
      { a: [{ "anything-but": { prefix: ["p", "q"] } }] },
      { a: [{ wildcard: "a*b\\*c\\\\d*" }] },
      { a: [{ numeric: [">", 5, "<", 6] }] },
      { a: [{ cidr: "10.0.0.0/31" }] },
      { $or: orMany("a", 10), detail: { $or: orMany("b", 10) } },
    ]) {
      expect(parseEventPattern(JSON.stringify(pattern))).toMatchObject({ ok: true });
    }
  });
});
