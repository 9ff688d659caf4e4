// Step Functions intrinsic functions (`States.Format(...)` etc.): a parser (also used at create time, so a
// definition with an illegal escape is refused as AWS refuses it) and the 18 functions with AWS's semantics.
import { createHash, randomUUID } from "node:crypto";

/** An intrinsic that cannot be evaluated; the interpreter reports it as States.Runtime with its state prefix. */
export class IntrinsicError extends Error {}

export type Arg =
  { kind: "literal"; value: unknown } | { kind: "path"; path: string } | { kind: "call"; name: string; args: Arg[] };

const FUNCTIONS = new Set([
  "States.Format",
  "States.StringToJson",
  "States.JsonToString",
  "States.Array",
  "States.ArrayPartition",
  "States.ArrayContains",
  "States.ArrayRange",
  "States.ArrayGetItem",
  "States.ArrayLength",
  "States.ArrayUnique",
  "States.Base64Encode",
  "States.Base64Decode",
  "States.Hash",
  "States.JsonMerge",
  "States.MathRandom",
  "States.MathAdd",
  "States.StringSplit",
  "States.UUID",
]);

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trim());
}

/** Parses an intrinsic call; IntrinsicError with a description when it is malformed. */
export function parseIntrinsic(text: string): Arg {
  const p = new Parser(text.trim());
  const call = p.call();
  p.skipWhitespace();
  if (p.pos !== p.text.length) p.fail("unexpected text after the closing parenthesis");
  return call;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new IntrinsicError(`The intrinsic function '${this.text}' is invalid: ${what} (at character ${this.pos})`);
  }

  skipWhitespace(): void {
    while (/\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  call(): Arg {
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail("expected a function name");
    const name = m[0];
    if (!FUNCTIONS.has(name)) this.fail(`unknown function ${name}`);
    this.pos += name.length;
    this.skipWhitespace();
    if (this.text.charAt(this.pos) !== "(") this.fail("expected '('");
    this.pos++;
    const args: Arg[] = [];
    this.skipWhitespace();
    if (this.text.charAt(this.pos) === ")") {
      this.pos++;
      return { kind: "call", name, args };
    }
    for (;;) {
      args.push(this.arg());
      this.skipWhitespace();
      const c = this.text.charAt(this.pos);
      this.pos++;
      if (c === ")") return { kind: "call", name, args };
      if (c !== ",") this.fail("expected ',' or ')'");
    }
  }

  arg(): Arg {
    this.skipWhitespace();
    const c = this.text.charAt(this.pos);
    if (c === "'") return { kind: "literal", value: this.string() };
    if (c === "$") return { kind: "path", path: this.path() };
    if (this.text.startsWith("States.", this.pos)) return this.call();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)(?=[\s,)])/.exec(this.text.slice(this.pos));
    if (!m) this.fail("expected a string, number, boolean, null, path or function");
    this.pos += m[0].length;
    return { kind: "literal", value: JSON.parse(m[0]) };
  }

  // A quoted string: only \' \{ \} \\ are escapes; any other backslash is refused (AWS refuses the definition).
  string(): string {
    this.pos++;
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string");
      const c = this.text.charAt(this.pos);
      if (c === "'") {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const next = this.text.charAt(this.pos + 1);
        if (!"'{}\\".includes(next) || next === "") this.fail(`illegal escape '\\${next}'`);
        // Braces stay escaped so that States.Format can tell a literal brace from a placeholder.
        out += next === "{" || next === "}" ? `\\${next}` : next;
        this.pos += 2;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  // A path argument ends at a top-level ',' or ')' (brackets and quotes inside a path are skipped over).
  path(): string {
    const start = this.pos;
    let depth = 0;
    let quote = "";
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos);
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === "'" || c === '"') quote = c;
      else if (c === "[" || c === "(") depth++;
      else if (c === "]" || (c === ")" && depth > 0)) depth--;
      else if (depth === 0 && (c === "," || c === ")")) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}

/** Every string literal inside a call (for validation). */
export function walkCalls(arg: Arg, visit: (call: Extract<Arg, { kind: "call" }>) => void): void {
  if (arg.kind !== "call") return;
  visit(arg);
  for (const a of arg.args) walkCalls(a, visit);
}

const unescapeBraces = (s: string) => s.replace(/\\([{}])/g, "$1");

/** Evaluates a parsed call; `resolvePath` reads `$…`, `$$…` and variable paths. */
export function evaluateIntrinsic(arg: Arg, resolvePath: (path: string) => unknown): unknown {
  if (arg.kind === "literal") return typeof arg.value === "string" ? unescapeBraces(arg.value) : arg.value;
  if (arg.kind === "path") return resolvePath(arg.path);
  if (arg.name === "States.Format") {
    const [template, ...rest] = arg.args;
    if (!template || template.kind !== "literal" || typeof template.value !== "string") {
      throw new IntrinsicError("The first argument of States.Format must be a string literal");
    }
    return format(
      template.value,
      rest.map((a) => evaluateIntrinsic(a, resolvePath)),
    );
  }
  const values = arg.args.map((a) => evaluateIntrinsic(a, resolvePath));
  return callFunction(arg.name, values);
}

function format(template: string, values: unknown[]): string {
  const placeholders = (template.match(/(?<!\\)\{\}/g) ?? []).length;
  if (placeholders !== values.length) {
    throw new IntrinsicError(
      `Number of arguments in States.Format do not match the number of placeholders in the format string (${placeholders} placeholders, ${values.length} arguments)`,
    );
  }
  let i = 0;
  const out = template.replace(/\\\{|\\\}|\{\}/g, (m) => {
    if (m === "\\{") return "{";
    if (m === "\\}") return "}";
    const v = values[i++];
    return typeof v === "string" ? v : JSON.stringify(v);
  });
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function want(name: string, values: unknown[], min: number, max = min): void {
  if (values.length < min || values.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new IntrinsicError(`${name} takes ${expected} argument(s), got ${values.length}`);
  }
}

function int(name: string, v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new IntrinsicError(`${name}: ${what} must be an integer`);
  return v;
}

function str(name: string, v: unknown, what: string): string {
  if (typeof v !== "string") throw new IntrinsicError(`${name}: ${what} must be a string`);
  return v;
}

function arr(name: string, v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new IntrinsicError(`${name}: ${what} must be an array`);
  return v;
}

// Java's Math.round: half-up towards positive infinity, the same as JavaScript's Math.round.
const roundHalfUp = (n: number) => Math.round(n);

/** States.Hash / $hash algorithm names → node:crypto names. */
export const HASHES: Record<string, string> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

const deepEqual = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

function callFunction(name: string, v: unknown[]): unknown {
  switch (name) {
    case "States.StringToJson": {
      want(name, v, 1);
      const text = str(name, v[0], "the argument");
      if (text.trim() === "") return null;
      try {
        return JSON.parse(text);
      } catch {
        throw new IntrinsicError(`States.StringToJson: the argument is not valid JSON: ${text}`);
      }
    }
    case "States.JsonToString":
      want(name, v, 1);
      return JSON.stringify(v[0]);
    case "States.Array":
      return v;
    case "States.ArrayPartition": {
      want(name, v, 2);
      const items = arr(name, v[0], "the first argument");
      const size = int(name, v[1], "the chunk size");
      if (size <= 0) throw new IntrinsicError(`${name}: the chunk size must be greater than 0`);
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    }
    case "States.ArrayContains":
      want(name, v, 2);
      return arr(name, v[0], "the first argument").some((x) => deepEqual(x, v[1]));
    case "States.ArrayRange": {
      want(name, v, 3);
      const start = int(name, v[0], "the start");
      const end = int(name, v[1], "the end");
      const stepBy = int(name, v[2], "the step");
      if (stepBy === 0) throw new IntrinsicError(`${name}: the step must not be 0`);
      const out: number[] = [];
      for (let i = start; stepBy > 0 ? i <= end : i >= end; i += stepBy) {
        out.push(i);
        if (out.length > 1000) throw new IntrinsicError(`${name}: the result has more than 1000 elements`);
      }
      return out;
    }
    case "States.ArrayGetItem": {
      want(name, v, 2);
      const items = arr(name, v[0], "the first argument");
      const index = int(name, v[1], "the index");
      if (index < 0 || index >= items.length)
        throw new IntrinsicError(`${name}: index ${index} is out of bounds (array length ${items.length})`);
      return items[index];
    }
    case "States.ArrayLength":
      want(name, v, 1);
      return arr(name, v[0], "the argument").length;
    case "States.ArrayUnique": {
      want(name, v, 1);
      const seen = new Set<string>();
      return arr(name, v[0], "the argument").filter((x) => {
        const key = canonical(x);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    case "States.Base64Encode": {
      want(name, v, 1);
      const text = str(name, v[0], "the argument");
      if (text.length > 10_000) throw new IntrinsicError(`${name}: the input exceeds 10000 characters`);
      return Buffer.from(text, "utf8").toString("base64");
    }
    case "States.Base64Decode": {
      want(name, v, 1);
      const text = str(name, v[0], "the argument");
      if (text.length > 10_000) throw new IntrinsicError(`${name}: the input exceeds 10000 characters`);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new IntrinsicError(`${name}: the input is not valid base64`);
      return Buffer.from(text, "base64").toString("utf8");
    }
    case "States.Hash": {
      want(name, v, 2);
      const algorithm = str(name, v[1], "the algorithm");
      const node = HASHES[algorithm];
      if (!node) throw new IntrinsicError(`${name}: the algorithm must be one of ${Object.keys(HASHES).join(", ")}`);
      const data = typeof v[0] === "string" ? v[0] : JSON.stringify(v[0]);
      if (data === undefined || v[0] === null) throw new IntrinsicError(`${name}: the data must not be null`);
      if (data.length > 10_000) throw new IntrinsicError(`${name}: the input exceeds 10000 characters`);
      return createHash(node).update(data, "utf8").digest("hex");
    }
    case "States.JsonMerge": {
      want(name, v, 3);
      if (!isObj(v[0]) || !isObj(v[1])) throw new IntrinsicError(`${name}: the first two arguments must be objects`);
      if (v[2] !== false) throw new IntrinsicError(`${name}: only shallow merging (false) is supported`);
      return { ...v[0], ...v[1] };
    }
    case "States.MathRandom": {
      want(name, v, 2, 3);
      const start = int(name, v[0], "the start");
      const end = int(name, v[1], "the end");
      if (end <= start) throw new IntrinsicError(`${name}: the end must be greater than the start`);
      return start + Math.floor(Math.random() * (end - start));
    }
    case "States.MathAdd": {
      want(name, v, 2);
      if (typeof v[0] !== "number" || typeof v[1] !== "number")
        throw new IntrinsicError(`${name}: both arguments must be numbers`);
      return roundHalfUp(v[0]) + roundHalfUp(v[1]);
    }
    case "States.StringSplit": {
      want(name, v, 2);
      const text = str(name, v[0], "the first argument");
      const delimiters = str(name, v[1], "the delimiter");
      if (delimiters === "") return text === "" ? [] : [text];
      const out: string[] = [];
      let current = "";
      for (const ch of text) {
        if (delimiters.includes(ch)) {
          if (current) out.push(current);
          current = "";
        } else current += ch;
      }
      if (current) out.push(current);
      return out;
    }
    case "States.UUID":
      want(name, v, 0);
      return randomUUID();
    default:
      throw new IntrinsicError(`Unknown intrinsic function ${name}`);
  }
}
