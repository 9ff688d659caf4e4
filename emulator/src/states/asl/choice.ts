// JSONPath Choice rules: boolean combinators, comparison operators (literal and `…Path` forms) and the type
// tests. A type test set to `false` matches when the value is NOT of that kind; IsPresent: false matches a
// missing field; any other operator on a missing field is a States.Runtime error (AWS's wording).

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The Variable of a rule is missing from the input. */
export class ChoicePathError extends Error {
  constructor(readonly path: string) {
    super(`Invalid path '${path}': The choice state's condition path references an invalid value.`);
  }
}

/** Reads a path; throws (any error) when it selects nothing. */
export type PathReader = (path: string) => unknown;

// The ASL spec's profile of RFC 3339: an uppercase T between date and time, an uppercase Z when there is no offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an RFC 3339 timestamp as Step Functions accepts it, else undefined. */
export function parseTimestamp(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = RFC3339.exec(v);
  if (!m) return undefined;
  const [, , mo, d, h, mi, s] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

function wildcardMatch(pattern: string, value: string): boolean {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]!);
    } else if (c === "*") re += "[\\s\\S]*";
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`).test(value);
}
const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

const COMPARATORS = [
  "StringEquals",
  "StringLessThan",
  "StringGreaterThan",
  "StringLessThanEquals",
  "StringGreaterThanEquals",
  "StringMatches",
  "NumericEquals",
  "NumericLessThan",
  "NumericGreaterThan",
  "NumericLessThanEquals",
  "NumericGreaterThanEquals",
  "BooleanEquals",
  "TimestampEquals",
  "TimestampLessThan",
  "TimestampGreaterThan",
  "TimestampLessThanEquals",
  "TimestampGreaterThanEquals",
];
const TYPE_TESTS = ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"];

/** Evaluates one Choice rule (top-level or nested) against the state input. */
export function evaluateRule(rule: Obj, read: PathReader): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => isObj(r) && evaluateRule(r, read));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => isObj(r) && evaluateRule(r, read));
  if (isObj(rule.Not)) return !evaluateRule(rule.Not, read);
  const variable = String(rule.Variable);

  let present = true;
  let value: unknown;
  try {
    value = read(variable);
  } catch {
    present = false;
  }
  for (const test of TYPE_TESTS) {
    if (!(test in rule)) continue;
    const expected = rule[test] === true;
    if (test === "IsPresent") return present === expected;
    if (!present) throw new ChoicePathError(variable);
    return kindOf(test, value) === expected;
  }
  if (!present) throw new ChoicePathError(variable);

  for (const op of COMPARATORS) {
    let operand: unknown;
    if (op in rule) operand = rule[op];
    else if (`${op}Path` in rule) {
      try {
        operand = read(String(rule[`${op}Path`]));
      } catch {
        throw new ChoicePathError(String(rule[`${op}Path`]));
      }
    } else continue;
    return compare(op, value, operand);
  }
  return false;
}

function kindOf(test: string, v: unknown): boolean {
  switch (test) {
    case "IsNull":
      return v === null;
    case "IsNumeric":
      return typeof v === "number";
    case "IsString":
      return typeof v === "string";
    case "IsBoolean":
      return typeof v === "boolean";
    case "IsTimestamp":
      return parseTimestamp(v) !== undefined;
    default:
      return false;
  }
}

function compare(op: string, value: unknown, operand: unknown): boolean {
  if (op.startsWith("String")) {
    if (typeof value !== "string" || typeof operand !== "string") return false;
    switch (op) {
      case "StringEquals":
        return value === operand;
      case "StringLessThan":
        return value < operand;
      case "StringGreaterThan":
        return value > operand;
      case "StringLessThanEquals":
        return value <= operand;
      case "StringGreaterThanEquals":
        return value >= operand;
      case "StringMatches":
        return wildcardMatch(operand, value);
    }
  }
  if (op.startsWith("Numeric")) {
    if (typeof value !== "number" || typeof operand !== "number") return false;
    return numeric(op.slice("Numeric".length), value, operand);
  }
  if (op === "BooleanEquals") return typeof value === "boolean" && value === operand;
  if (op.startsWith("Timestamp")) {
    const a = parseTimestamp(value);
    const b = parseTimestamp(operand);
    if (a === undefined || b === undefined) return false;
    return numeric(op.slice("Timestamp".length), a, b);
  }
  return false;
}

function numeric(kind: string, a: number, b: number): boolean {
  switch (kind) {
    case "Equals":
      return a === b;
    case "LessThan":
      return a < b;
    case "GreaterThan":
      return a > b;
    case "LessThanEquals":
      return a <= b;
    case "GreaterThanEquals":
      return a >= b;
  }
  return false;
}
