import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity, wildcardTokens } from "./complexity";
import { parseCidr, singleAddress } from "./ip";
import * as m from "./matchers";
import { parseWildcard, type WildcardPattern } from "./text";
import type { CompiledPattern, FieldRule, SubRule, ValueMatcher } from "./types";

/**
 * Checks an event pattern against EventBridge's grammar and compiles it into branches of field rules.
 * The grammar and the reasons given for refusals follow AWS event-ruler's JsonRuleCompiler, which is what
 * EventBridge reports after "Event pattern is not valid. Reason: ". `$or` is expanded the same way: each
 * object of an `$or` array forks the branches built so far.
 */

/** EventBridge refuses patterns whose `$or` arrays multiply out to more branches than this. */
export const MAX_OR_COMBINATIONS = 1000;

// Operator names event-ruler refuses as field names directly inside an `$or` object.
const RESERVED_IN_OR = new Set([
  "exactly",
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);

// Jackson, the JSON parser in front of event-ruler, refuses documents nested deeper than this.
const MAX_DEPTH = 1000;

class PatternError extends Error {}

function fail(reason: string): never {
  throw new PatternError(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a JSON value reads in event-ruler's messages (the parser token it stopped at). */
function tokenText(value: unknown): string {
  if (value === undefined) return "]";
  if (Array.isArray(value)) return "[";
  if (isObject(value)) return "{";
  return String(value);
}

type Branch = Map<string, FieldRule>;

/** Compiles a parsed pattern; never throws. */
export function compilePattern(
  pattern: unknown,
): { ok: true; compiled: CompiledPattern } | { ok: false; reason: string } {
  try {
    if (!isObject(pattern)) fail("Filter is not an object");
    const branches: Branch[] = [];
    parseObject(pattern, "", 1, branches, false);
    checkWildcardComplexity(branches);
    return { ok: true, compiled: finish(branches) };
  } catch (error) {
    if (error instanceof PatternError) return { ok: false, reason: error.message };
    // Anything else (e.g. a pattern object nested deeper than the stack) is not a valid pattern either.
    return { ok: false, reason: "Event pattern could not be processed" };
  }
}

/**
 * EventBridge refuses patterns whose wildcards would make matching slow. Like event-ruler, only branches that
 * contain a wildcard count, and each field is measured with the wildcard patterns all those branches give it.
 */
function checkWildcardComplexity(branches: Branch[]): void {
  const byField = new Map<string, Map<string, number[]>>();
  for (const branch of branches) {
    const fields = [...branch.entries()].flatMap(([path, rule]) =>
      rule.positives.flatMap((matcher) => (matcher.wildcards ?? []).map((w) => [path, w.pieces] as const)),
    );
    for (const [path, pieces] of fields) {
      const patterns = byField.get(path) ?? new Map<string, number[]>();
      patterns.set(JSON.stringify(pieces), wildcardTokens(pieces));
      byField.set(path, patterns);
    }
  }
  for (const patterns of byField.values()) {
    if (wildcardComplexity([...patterns.values()]) >= MAX_WILDCARD_COMPLEXITY) {
      fail(
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
      );
    }
  }
}

function finish(branches: Branch[]): CompiledPattern {
  const walkPaths = new Set<string>();
  const subRules: SubRule[] = branches.map((branch) => {
    // Java's String ordering (UTF-16 code units) is also JavaScript's default sort order.
    const entries = [...branch.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [path] of entries) {
      const parts = path.split(".");
      for (let i = 1; i <= parts.length; i++) walkPaths.add(parts.slice(0, i).join("."));
    }
    return entries;
  });
  return { subRules, walkPaths };
}

/** `path` is the dot-joined path of `object` ("" at the top). */
function parseObject(
  object: Record<string, unknown>,
  path: string,
  depth: number,
  branches: Branch[],
  insideOr: boolean,
): void {
  if (depth > MAX_DEPTH) fail(`Maximum nesting depth (${MAX_DEPTH}) exceeded`);
  const keys = Object.keys(object);
  if (keys.length === 0) fail("Empty objects are not allowed");
  for (const key of keys) {
    const value = object[key];
    if (key === "$or") {
      parseOr(value, path, depth + 1, branches);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    const childPath = path === "" ? key : `${path}.${key}`;
    if (isObject(value)) parseObject(value, childPath, depth + 1, branches, insideOr);
    else if (Array.isArray(value)) writeField(branches, childPath, value);
    else fail(`"${key}" must be an object or an array`);
  }
}

function parseOr(value: unknown, path: string, depth: number, branches: Branch[]): void {
  const before = branches.map((b) => new Map(b));
  branches.length = 0;
  if (!Array.isArray(value)) fail("It must be an Array followed with $or.");
  for (const element of value) {
    if (!isObject(element)) fail("Only JSON object is allowed in array of $or relationship.");
    const forked = before.length === 0 ? [new Map<string, FieldRule>()] : before.map((b) => new Map(b));
    parseObject(element, path, depth + 1, forked, true);
    branches.push(...forked);
    if (branches.length > MAX_OR_COMBINATIONS) {
      fail(`The use of $or results in more than ${MAX_OR_COMBINATIONS} rule combinations`);
    }
  }
  if (value.length < 2) fail("There must have at least 2 Objects in $or relationship.");
}

function writeField(branches: Branch[], name: string, values: unknown[]): void {
  const positives: ValueMatcher[] = [];
  let absent = false;
  for (const value of values) {
    if (isObject(value)) {
      const matcher = matchExpression(value);
      if (matcher === "absent") absent = true;
      else positives.push(matcher);
    } else if (typeof value === "string") {
      positives.push(m.exactString(value, singleAddress(value)));
    } else if (typeof value === "number") {
      positives.push(m.exactNumber(value));
    } else if (value === null || typeof value === "boolean") {
      positives.push(m.exactLiteral(value));
    } else {
      fail("Match value must be String, number, true, false, or null");
    }
  }
  if (values.length === 0) fail("Empty arrays are not allowed");
  if (branches.length === 0) branches.push(new Map());
  const rule: FieldRule = { positives, absent };
  // A path named twice keeps the last definition, as AWS documents for repeated keys.
  for (const branch of branches) branch.set(name, rule);
}

function onlyKey(expression: Record<string, unknown>, message = "Only one key allowed in match expression"): void {
  if (Object.keys(expression).length > 1) fail(message);
}

function matchExpression(expression: Record<string, unknown>): ValueMatcher | "absent" {
  const [name] = Object.keys(expression);
  if (name === undefined) fail("Match expression name not found");
  const value = expression[name];
  switch (name) {
    case "prefix":
    case "suffix": {
      const matcher = affixExpression(name, value);
      onlyKey(expression);
      return matcher;
    }
    case "numeric": {
      if (!Array.isArray(value)) fail("Value of numeric must be an array.");
      const matcher = numericExpression(value);
      onlyKey(expression, "Too many elements in numeric expression");
      return matcher;
    }
    case "anything-but": {
      const matcher = anythingButExpression(value);
      onlyKey(expression, "Too many elements in numeric expression");
      return matcher;
    }
    case "exists": {
      if (typeof value !== "boolean") fail("exists match pattern must be either true or false.");
      onlyKey(expression);
      return value ? m.exists() : "absent";
    }
    case "cidr": {
      // event-ruler's wording for a non-string cidr really does say "prefix".
      if (typeof value !== "string") fail("prefix match pattern must be a string");
      const parsed = parseCidr(value);
      if (!parsed.ok) fail(parsed.message);
      onlyKey(expression);
      return m.cidr(parsed.set);
    }
    case "equals-ignore-case": {
      if (typeof value !== "string") fail("equals-ignore-case match pattern must be a string");
      onlyKey(expression);
      return m.ignoreCase(value);
    }
    case "wildcard": {
      if (typeof value !== "string") fail("wildcard match pattern must be a string");
      const parsed = parseWildcard(value);
      if (!parsed.ok) fail(parsed.message);
      onlyKey(expression);
      return m.wildcard(parsed.pattern);
    }
    default:
      return fail(`Unrecognized match type ${name}`);
  }
}

function affixExpression(name: "prefix" | "suffix", value: unknown): ValueMatcher {
  const label = name === "prefix" ? "Prefix" : "Suffix";
  if (isObject(value)) {
    const [inner] = Object.keys(value);
    if (inner === undefined) fail(`${label} expression name not found`);
    if (inner !== "equals-ignore-case") fail(`Unsupported ${name} pattern: ${inner}`);
    const text = value[inner];
    if (typeof text !== "string") fail("equals-ignore-case match pattern must be a string");
    onlyKey(value);
    return name === "prefix" ? m.prefixIgnoreCase(text) : m.suffixIgnoreCase(text);
  }
  if (typeof value !== "string") fail(`${name} match pattern must be a string`);
  return name === "prefix" ? m.prefix(value) : m.suffix(value);
}

function comparableNumber(value: unknown, message: string): number {
  if (typeof value !== "number") fail(message);
  if (!Number.isFinite(value)) fail(`Cannot compare number : ${String(value)}`);
  return value;
}

/**
 * `["=", x]`, `["<", x]`, `["<=", x]`, or a lower bound (`>` / `>=`) optionally followed by an upper bound
 * (`<` / `<=`) that must be greater than it: the only shapes event-ruler accepts.
 */
function numericExpression(terms: unknown[]): ValueMatcher {
  const [operator, first, secondOperator, second] = terms;
  if (typeof operator !== "string") fail(`Invalid member in numeric match: ${tokenText(operator)}`);
  switch (operator) {
    case "=": {
      const value = comparableNumber(first, "Value of equals must be numeric");
      if (terms.length > 2) fail("Too many elements in numeric expression");
      return m.numeric({ lower: { value, open: false }, upper: { value, open: false } });
    }
    case "<":
    case "<=": {
      const value = comparableNumber(first, `Value of ${operator} must be numeric`);
      if (terms.length > 2) fail("Too many elements in numeric expression");
      return m.numeric({ upper: { value, open: operator === "<" } });
    }
    case ">":
    case ">=": {
      const lower = { value: comparableNumber(first, `Value of ${operator} must be numeric`), open: operator === ">" };
      if (terms.length <= 2) return m.numeric({ lower });
      if (typeof secondOperator !== "string") fail(`Bad value in numeric range: ${tokenText(secondOperator)}`);
      if (secondOperator !== "<" && secondOperator !== "<=") fail(`Bad numeric range operator: ${secondOperator}`);
      const upper = {
        value: comparableNumber(second, `Value of ${secondOperator} must be numeric`),
        open: secondOperator === "<",
      };
      if (terms.length > 4) fail("Too many terms in numeric range expression");
      if (!(lower.value < upper.value)) fail("Bottom must be less than top");
      return m.numeric({ lower, upper });
    }
    default:
      return fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

type AnythingButVariant = "equals-ignore-case" | "prefix" | "suffix" | "wildcard";

function anythingButExpression(value: unknown): ValueMatcher {
  let variant: AnythingButVariant | undefined;
  let operand = value;
  if (isObject(value)) {
    const [inner] = Object.keys(value);
    if (inner === undefined) fail("Anything-But expression name not found");
    if (inner !== "equals-ignore-case" && inner !== "prefix" && inner !== "suffix" && inner !== "wildcard") {
      fail(`Unsupported anything-but pattern: ${inner}`);
    }
    variant = inner;
    operand = value[inner];
    if (!Array.isArray(operand) && typeof operand !== "string" && typeof operand !== "number") {
      fail("Value of anything-but must be an array or single string/number value.");
    }
    const matcher = anythingButSet(variant, Array.isArray(operand) ? operand : [operand]);
    onlyKey(value, "Too many elements in numeric expression");
    return matcher;
  }
  if (typeof operand === "string") return m.anythingButStrings([operand]);
  if (typeof operand === "number") return m.anythingButNumbers([comparableNumber(operand, "")]);
  if (!Array.isArray(operand)) fail("Value of anything-but must be an array or single string/number value.");
  const strings: string[] = [];
  const numbers: number[] = [];
  for (const element of operand) {
    if (typeof element === "string") strings.push(element);
    else if (typeof element === "number") numbers.push(comparableNumber(element, ""));
    else fail("Inside anything but list, start|null|boolean is not supported.");
  }
  if (strings.length > 0 === numbers.length > 0) {
    fail("Inside anything but list, either all values are number or string, mixed type is not supported");
  }
  return strings.length > 0 ? m.anythingButStrings(strings) : m.anythingButNumbers(numbers);
}

function anythingButSet(variant: AnythingButVariant, operands: unknown[]): ValueMatcher {
  const texts: string[] = [];
  for (const operand of operands) {
    if (typeof operand !== "string") {
      if (variant === "equals-ignore-case") {
        fail("Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.");
      }
      if (variant === "wildcard") fail("wildcard match pattern must be a string");
      fail("prefix/suffix match pattern must be a string");
    }
    if ((variant === "prefix" || variant === "suffix") && operand === "") fail("Null prefix/suffix not allowed");
    texts.push(operand);
  }
  switch (variant) {
    case "equals-ignore-case":
      return m.anythingButIgnoreCase(texts);
    case "prefix":
      return m.anythingButPrefix(texts);
    case "suffix":
      return m.anythingButSuffix(texts);
    case "wildcard": {
      const patterns: WildcardPattern[] = texts.map((text) => {
        const parsed = parseWildcard(text);
        if (!parsed.ok) fail(parsed.message);
        return parsed.pattern;
      });
      return m.anythingButWildcard(patterns);
    }
  }
}
