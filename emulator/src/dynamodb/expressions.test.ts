// The expression language on its own: parsing, AWS's error wording, and evaluation against items.
import { describe, expect, it } from "vitest";
import type { Item } from "./attribute-values";
import {
  applyUpdate,
  evaluateCondition,
  parseCondition,
  parseProjection,
  parseUpdate,
  Placeholders,
} from "./expressions";

const item: Item = {
  id: { S: "c1" },
  verdict: { S: "FAIL" },
  runs: { N: "3" },
  tags: { SS: ["a", "b"] },
  preview: { L: [{ S: "r0" }, { S: "r1" }] },
  meta: { M: { who: { S: "ops" } } },
};

function cond(source: string, values: Record<string, Item[string]> = {}, names?: Record<string, string>): boolean {
  const p = new Placeholders(names, values);
  return evaluateCondition(parseCondition(source, p), item, p);
}

describe("conditions", () => {
  it.each([
    ["attribute_exists(verdict)", true],
    ["attribute_not_exists(verdict)", false],
    ["attribute_not_exists(nothing)", true],
    ["attribute_exists(meta.who)", true],
    ["attribute_exists(preview[1])", true],
    ["attribute_exists(preview[2])", false],
    ["verdict = :fail", true],
    ["verdict <> :fail", false],
    ["nothing <> :fail", true],
    ["runs > :two AND runs <= :three", true],
    ["runs BETWEEN :two AND :three", true],
    ["verdict IN (:pass, :fail)", true],
    ["NOT (verdict = :pass) OR runs < :two", true],
    ["begins_with(verdict, :f)", true],
    ["contains(tags, :a)", true],
    ["size(preview) = :two", true],
    ["attribute_type(tags, :ss)", true],
  ])("%s → %s", (source, expected) => {
    expect(
      cond(source, {
        ":fail": { S: "FAIL" },
        ":pass": { S: "PASS" },
        ":two": { N: "2" },
        ":three": { N: "3.0" },
        ":f": { S: "F" },
        ":a": { S: "a" },
        ":ss": { S: "SS" },
      }),
    ).toBe(expected);
  });

  it("uses #names and reports undefined placeholders in AWS's words", () => {
    expect(cond("#v = :v", { ":v": { S: "FAIL" } }, { "#v": "verdict" })).toBe(true);
    expect(() => cond("#v = :v", { ":v": { S: "FAIL" } })).toThrow(
      "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #v",
    );
    expect(() => cond("verdict = :v")).toThrow(
      "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v",
    );
  });

  it("reports syntax errors with the token", () => {
    expect(() => cond("verdict = ")).toThrow('Invalid ConditionExpression: Syntax error; token: "<EOF>"');
    expect(() => cond("verdict == :v", { ":v": { S: "x" } })).toThrow(/Syntax error; token: "="/);
    expect(() => cond("nope(verdict)")).toThrow(/Syntax error|Invalid function name/);
  });
});

describe("updates", () => {
  function update(source: string, values: Record<string, Item[string]> = {}, names?: Record<string, string>) {
    const p = new Placeholders(names, values);
    return applyUpdate(parseUpdate(source, p), item, p);
  }

  it("SET with arithmetic, if_not_exists and list_append, from the item as it was", () => {
    const { item: next, touched } = update(
      "SET runs = runs + :one, firstSeen = if_not_exists(firstSeen, verdict), preview = list_append(preview, :more), verdict = :p",
      { ":one": { N: "1" }, ":more": { L: [{ S: "r2" }] }, ":p": { S: "PASS" } },
    );
    expect(next.runs).toEqual({ N: "4" });
    expect(next.firstSeen).toEqual({ S: "FAIL" });
    expect(next.preview).toEqual({ L: [{ S: "r0" }, { S: "r1" }, { S: "r2" }] });
    expect(next.verdict).toEqual({ S: "PASS" });
    expect([...touched].sort()).toEqual(["firstSeen", "preview", "runs", "verdict"]);
    expect(item.verdict).toEqual({ S: "FAIL" });
  });

  it("REMOVE, ADD and DELETE, and nested SET", () => {
    const { item: next } = update(
      "REMOVE preview[0] ADD tags :c, runs :one SET meta.#w = :w",
      {
        ":c": { SS: ["c"] },
        ":a": { SS: ["a"] },
        ":one": { N: "1" },
        ":w": { S: "now" },
      },
      { "#w": "when" },
    );
    expect(next.preview).toEqual({ L: [{ S: "r1" }] });
    expect(next.tags).toEqual({ SS: ["a", "b", "c"] });
    expect(update("DELETE tags :a", { ":a": { SS: ["a"] } }).item.tags).toEqual({ SS: ["b"] });
    expect(update("DELETE tags :ab", { ":ab": { SS: ["a", "b"] } }).item.tags).toBeUndefined();
    expect(next.runs).toEqual({ N: "4" });
    expect(next.meta).toEqual({ M: { who: { S: "ops" }, when: { S: "now" } } });
  });

  it("refuses what AWS refuses", () => {
    expect(() => update("SET a = :v, a = :v", { ":v": { S: "x" } })).toThrow(
      "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]",
    );
    expect(() => update("SET a = :v SET b = :v", { ":v": { S: "x" } })).toThrow(
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    expect(() => update("SET a = nothing + :v", { ":v": { N: "1" } })).toThrow(
      "The provided expression refers to an attribute that does not exist in the item",
    );
    expect(() => update("SET a = verdict + :v", { ":v": { N: "1" } })).toThrow(
      "An operand in the update expression has an incorrect data type",
    );
    expect(() => update("SET name = :v", { ":v": { S: "x" } })).toThrow(
      "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name",
    );
    expect(() => update("SET a = attribute_exists(b)")).toThrow(/The function is not allowed in an update expression/);
    expect(() => update("SET nothing.deep = :v", { ":v": { S: "x" } })).toThrow(
      "The document path provided in the update expression is invalid for update",
    );
  });

  it("marks placeholders used, so unused ones are reported", () => {
    const p = new Placeholders({ "#a": "a", "#b": "b" }, { ":v": { S: "x" } });
    parseUpdate("SET #a = :v", p);
    expect(() => p.assertAllUsed()).toThrow(
      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}",
    );
  });
});

describe("projection", () => {
  it("parses paths with names and indexes", () => {
    const p = new Placeholders({ "#m": "meta" }, undefined);
    expect(parseProjection("verdict, #m.who, preview[1]", p)).toEqual([
      [{ name: "verdict" }],
      [{ name: "meta" }, { name: "who" }],
      [{ name: "preview" }, { index: 1 }],
    ]);
  });
});
