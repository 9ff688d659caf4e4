// EventBridge rejects a pattern that breaks its grammar only when the rule is written, long after the
// operator saved. Checking the same grammar here keeps the error beside the field that caused it.
// Runs in the browser too (the form validates as you type), so no node:net here.

function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const halves = s.split("::");
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const all = halves.flatMap(groups);
  let width = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes(".")) {
      if (!isIPv4(g)) return false;
      width += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) {
      width += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? width < 8 : width === 8;
}

/** EventBridge's default quota for one event pattern, in characters. */
export const MAX_PATTERN_CHARS = 2048;

export const PATTERN_OPERATORS = [
  "prefix",
  "suffix",
  "anything-but",
  "numeric",
  "exists",
  "cidr",
  "equals-ignore-case",
  "wildcard",
] as const;

export interface PatternProblem {
  /** Dotted location inside the pattern ("" for the whole pattern). */
  at: string;
  message: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(at: string, key: string): string {
  return at === "" ? key : `${at}.${key}`;
}

const NUMERIC_OPS = new Set(["<", "<=", "=", ">", ">="]);

function numericProblem(v: unknown): string | null {
  const usage = 'numeric takes pairs like [">", 0, "<=", 5] or ["=", 3].';
  if (!Array.isArray(v) || v.length === 0 || v.length % 2 !== 0 || v.length > 4) return usage;
  for (let i = 0; i < v.length; i += 2) {
    const op = v[i];
    const num = v[i + 1];
    if (typeof op !== "string" || !NUMERIC_OPS.has(op)) return `numeric operator must be one of < <= = > >=. ${usage}`;
    if (typeof num !== "number" || !Number.isFinite(num)) return `numeric compares with a number. ${usage}`;
  }
  if (v.length === 4) {
    const [lo, , hi] = v as [string, number, string, number];
    if (!(lo === ">" || lo === ">=") || !(hi === "<" || hi === "<=")) {
      return 'A numeric range is a lower bound (> or >=) followed by an upper bound (< or <=), e.g. [">", 0, "<=", 5].';
    }
    if (!((v[1] as number) < (v[3] as number)))
      return "The numeric range's lower bound must be below its upper bound (EventBridge refuses an empty range).";
  }
  return null;
}

function cidrProblem(v: unknown): string | null {
  if (typeof v !== "string") return 'cidr takes a string such as "10.0.0.0/24".';
  const [ip, bits, extra] = v.split("/");
  if (extra !== undefined || ip === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) {
    return `“${v}” is not a CIDR block such as 10.0.0.0/24.`;
  }
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : 0;
  if (max === 0 || Number(bits) > max) return `“${v}” is not a CIDR block such as 10.0.0.0/24.`;
  // EventBridge wants a block, not one address: /32 (IPv4) and /128 (IPv6) are refused.
  if (Number(bits) === max)
    return `A CIDR mask is below ${max} bits; match the single address ${ip} as an exact value.`;
  return null;
}

/** EventBridge's wildcard grammar: `*` any run, `\*` and `\\` escapes; no `**`, no other escape. */
export function wildcardProblem(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "*" && value[i + 1] === "*")
      return `“${value}” has two * in a row at character ${i + 1}; EventBridge refuses consecutive wildcards.`;
    if (ch === "\\") {
      const next = value[i + 1];
      if (next !== "*" && next !== "\\")
        return `“${value}” has an invalid escape at character ${i + 1}; only \\* and \\\\ are allowed.`;
      i++;
    }
  }
  return null;
}

function stringOrIgnoreCase(op: string, v: unknown): string | null {
  if (typeof v === "string") return null;
  if (isPlainObject(v) && Object.keys(v).length === 1 && typeof v["equals-ignore-case"] === "string") return null;
  return `${op} takes a string, e.g. {"${op}": "abc"}.`;
}

function anythingButProblem(v: unknown): string | null {
  if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) return null;
  if (Array.isArray(v)) {
    if (v.length === 0) return "anything-but needs at least one value.";
    const allStrings = v.every((x) => typeof x === "string");
    const allNumbers = v.every((x) => typeof x === "number" && Number.isFinite(x));
    return allStrings || allNumbers ? null : "anything-but takes a list of strings or a list of numbers, not a mix.";
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    const inner = keys[0];
    if (keys.length !== 1 || inner === undefined)
      return "anything-but takes one of prefix, suffix, wildcard or equals-ignore-case.";
    const val = v[inner];
    const texts =
      typeof val === "string"
        ? [val]
        : Array.isArray(val) && val.length > 0 && val.every((x) => typeof x === "string")
          ? (val as string[])
          : null;
    if (inner === "prefix" || inner === "suffix" || inner === "wildcard" || inner === "equals-ignore-case") {
      if (!texts) return `anything-but ${inner} takes a string or a list of strings.`;
      if ((inner === "prefix" || inner === "suffix") && texts.includes(""))
        return `anything-but ${inner} cannot be empty.`;
      if (inner === "wildcard") for (const t of texts) if (wildcardProblem(t)) return wildcardProblem(t);
      return null;
    }
    return `anything-but does not support “${inner}”; use prefix, suffix, wildcard or equals-ignore-case.`;
  }
  return "anything-but takes a value, a list of values, or {prefix|suffix|wildcard|equals-ignore-case: …}.";
}

function operatorProblem(obj: Record<string, unknown>): string | null {
  const keys = Object.keys(obj);
  const op = keys[0];
  if (keys.length !== 1 || op === undefined) {
    return `An operator object has exactly one key, e.g. {"prefix": "abc"}; this one has ${keys.length}.`;
  }
  const v = obj[op];
  switch (op) {
    case "prefix":
    case "suffix":
      return stringOrIgnoreCase(op, v);
    case "anything-but":
      return anythingButProblem(v);
    case "numeric":
      return numericProblem(v);
    case "exists":
      return typeof v === "boolean" ? null : 'exists takes true or false, e.g. {"exists": true}.';
    case "cidr":
      return cidrProblem(v);
    case "equals-ignore-case":
      return typeof v === "string" ? null : `${op} takes a string.`;
    case "wildcard":
      return typeof v === "string" ? wildcardProblem(v) : `${op} takes a string.`;
    default:
      return `Unknown operator “${op}”. Known operators: ${PATTERN_OPERATORS.join(", ")}.`;
  }
}

function checkLeaf(values: unknown[], at: string, out: PatternProblem[]): void {
  if (values.length === 0) {
    out.push({ at, message: "A list of values cannot be empty: list at least one value to match." });
    return;
  }
  for (const item of values) {
    if (item === null || typeof item === "string" || typeof item === "boolean") continue;
    if (typeof item === "number") {
      if (!Number.isFinite(item)) out.push({ at, message: "Numbers in a pattern must be finite." });
      continue;
    }
    if (Array.isArray(item)) {
      out.push({ at, message: "A list of values cannot contain another list." });
      continue;
    }
    const problem = operatorProblem(item as Record<string, unknown>);
    if (problem) out.push({ at, message: problem });
  }
}

/** Operator names EventBridge refuses as field names directly inside a `$or` alternative. */
const RESERVED_IN_OR = new Set([
  ...PATTERN_OPERATORS,
  "exactly",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
]);

/** EventBridge refuses patterns whose `$or` lists multiply out to more alternatives than this. */
export const MAX_OR_COMBINATIONS = 1000;

/** How many plain patterns `obj` stands for once every `$or` is multiplied out (alternatives add, fields multiply). */
function orCombinations(obj: Record<string, unknown>): number {
  let total = 1;
  for (const [key, value] of Object.entries(obj)) {
    if (key === "$or" && Array.isArray(value))
      total *= value.reduce<number>((sum, alt) => sum + (isPlainObject(alt) ? orCombinations(alt) : 1), 0) || 1;
    else if (isPlainObject(value)) total *= orCombinations(value);
    if (total > MAX_OR_COMBINATIONS) return total;
  }
  return total;
}

function checkObject(obj: Record<string, unknown>, at: string, out: PatternProblem[], insideOr = false): void {
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    out.push({
      at,
      message:
        at === ""
          ? "The pattern is empty: it must name at least one field to match."
          : "An empty object matches nothing: add a field or remove it.",
    });
    return;
  }
  for (const key of keys) {
    const value = obj[key];
    const here = join(at, key);
    if (insideOr && RESERVED_IN_OR.has(key)) {
      out.push({ at: here, message: `“${key}” is an operator name; EventBridge refuses it as a field inside $or.` });
      continue;
    }
    if (key === "$or") {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
        out.push({ at: here, message: '$or takes a list of at least two patterns, e.g. [{"a": [1]}, {"b": [2]}].' });
        continue;
      }
      value.forEach((alt, i) => checkObject(alt as Record<string, unknown>, `${here}[${i}]`, out, true));
    } else if (Array.isArray(value)) {
      checkLeaf(value, here, out);
    } else if (isPlainObject(value)) {
      checkObject(value, here, out);
    } else {
      out.push({
        at: here,
        message: `Values in a pattern are lists: write [${JSON.stringify(value as Json)}] instead of ${JSON.stringify(value as Json)}.`,
      });
    }
  }
}

/** Problems with `pattern` under EventBridge's grammar (empty when it is valid). Does not check size. */
export function patternGrammarProblems(pattern: unknown): PatternProblem[] {
  const out: PatternProblem[] = [];
  if (!isPlainObject(pattern)) {
    out.push({ at: "", message: 'An event pattern is a JSON object, e.g. {"source": ["aws.ecs"]}.' });
    return out;
  }
  checkObject(pattern, "", out);
  if (out.length === 0 && orCombinations(pattern) > MAX_OR_COMBINATIONS) {
    out.push({
      at: "",
      message: `The $or lists multiply out to more than ${MAX_OR_COMBINATIONS.toLocaleString("en-US")} combinations; EventBridge refuses that. Split the check or list fewer alternatives.`,
    });
  }
  return out;
}

/** The pattern as EventBridge stores it (compact JSON); its length is what the 2,048-character quota counts. */
export function serializePattern(pattern: Record<string, unknown>): string {
  return JSON.stringify(pattern);
}

export type ParsedPattern = { ok: true; pattern: Record<string, unknown> } | { ok: false; messages: string[] };

/** Parses pattern text and checks grammar and size; every message is a sentence for the operator. */
export function parseEventPattern(text: string): ParsedPattern {
  if (text.trim() === "") return { ok: false, messages: ["Enter an event pattern (a JSON object)."] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/^JSON\.parse: /, "") : "";
    return { ok: false, messages: [`The pattern is not valid JSON${detail ? `: ${detail}` : ""}.`] };
  }
  const problems = patternGrammarProblems(value);
  if (problems.length > 0) {
    return { ok: false, messages: problems.map((p) => (p.at ? `At ${p.at}: ${p.message}` : p.message)) };
  }
  const pattern = value as Record<string, unknown>;
  const size = serializePattern(pattern).length;
  if (size > MAX_PATTERN_CHARS) {
    return {
      ok: false,
      messages: [
        `The pattern is ${size.toLocaleString("en-US")} characters; EventBridge allows at most ${MAX_PATTERN_CHARS.toLocaleString("en-US")}.`,
      ],
    };
  }
  return { ok: true, pattern };
}
