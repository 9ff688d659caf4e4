// JSONPath as Step Functions evaluates it (Jayway JsonPath semantics): a definite path (names and single indexes
// only) selects one value or fails with "No results for path"; an indefinite path (wildcard, slice, union,
// filter, deep scan) always yields a list, empty when nothing matches — `$.items[*]` on `{}` is `[]`.

export class PathError extends Error {}

type Segment =
  | { kind: "name"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "slice"; start?: number; end?: number; step?: number }
  | { kind: "union"; keys: Array<string | number> }
  | { kind: "filter"; expr: FilterExpr }
  | { kind: "deep"; inner: Segment };

type FilterExpr =
  | { op: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { op: "not"; inner: FilterExpr }
  | { op: "exists"; path: Segment[] }
  | { op: "cmp"; cmp: string; left: Operand; right: Operand };
type Operand = { path: Segment[]; root: boolean } | { literal: unknown };

export interface ParsedPath {
  segments: Segment[];
  definite: boolean;
}

const cache = new Map<string, ParsedPath>();

/** Parses a path that starts with `$` (the caller strips `$$` / `$name` prefixes by passing what follows). */
export function parsePath(path: string): ParsedPath {
  const hit = cache.get(path);
  if (hit) return hit;
  if (!path.startsWith("$")) throw new PathError(`Path must start with '$': ${path}`);
  const p = new PathParser(path, 1);
  const segments = p.segments(false);
  if (p.pos !== path.length) throw new PathError(`Could not parse path '${path}' at character ${p.pos}`);
  const definite = segments.every((s) => s.kind === "name" || s.kind === "index");
  const parsed = { segments, definite };
  if (cache.size > 5000) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

/** True when `path` parses as a JSONPath. */
export function isValidPath(path: string): boolean {
  try {
    parsePath(path);
    return true;
  } catch {
    return false;
  }
}

/** Jayway's rendering of a definite path, as AWS quotes it in causes: `$['a'][0]`. */
function normalized(segments: Segment[]): string {
  return (
    "$" +
    segments.map((s) => (s.kind === "name" ? `['${s.name}']` : s.kind === "index" ? `[${s.index}]` : "[*]")).join("")
  );
}

/** Evaluates a path: the value for a definite path (PathError when missing), a list for an indefinite one. */
export function evaluatePath(path: string, data: unknown): unknown {
  const parsed = parsePath(path);
  if (parsed.definite) {
    let current: unknown = data;
    for (const seg of parsed.segments) {
      const next = step(current, seg);
      if (next.length === 0) throw new PathError(`No results for path: ${normalized(parsed.segments)}`);
      current = next[0];
    }
    return current;
  }
  return select(parsed.segments, [data]);
}

function select(segments: Segment[], start: unknown[]): unknown[] {
  let values = start;
  for (const seg of segments) values = values.flatMap((v) => step(v, seg));
  return values;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function step(value: unknown, seg: Segment): unknown[] {
  switch (seg.kind) {
    case "name":
      return isObj(value) && own(value, seg.name) ? [value[seg.name]] : [];
    case "index": {
      if (!Array.isArray(value)) return [];
      const i = seg.index < 0 ? value.length + seg.index : seg.index;
      return i >= 0 && i < value.length ? [value[i]] : [];
    }
    case "wildcard":
      return Array.isArray(value) ? [...value] : isObj(value) ? Object.values(value) : [];
    case "slice": {
      if (!Array.isArray(value)) return [];
      const n = value.length;
      const stepBy = seg.step ?? 1;
      if (stepBy <= 0) return [];
      const norm = (x: number) => (x < 0 ? Math.max(0, n + x) : Math.min(n, x));
      const from = seg.start === undefined ? 0 : norm(seg.start);
      const to = seg.end === undefined ? n : norm(seg.end);
      const out: unknown[] = [];
      for (let i = from; i < to; i += stepBy) out.push(value[i]);
      return out;
    }
    case "union":
      return seg.keys.flatMap((k) =>
        typeof k === "number" ? step(value, { kind: "index", index: k }) : step(value, { kind: "name", name: k }),
      );
    case "filter": {
      const items = Array.isArray(value) ? value : isObj(value) ? Object.values(value) : [];
      return items.filter((item) => testFilter(seg.expr, item));
    }
    case "deep": {
      const out: unknown[] = [];
      const walk = (v: unknown) => {
        out.push(...step(v, seg.inner));
        if (Array.isArray(v)) v.forEach(walk);
        else if (isObj(v)) Object.values(v).forEach(walk);
      };
      walk(value);
      return out;
    }
  }
}

function operandValues(o: Operand, item: unknown): unknown[] | undefined {
  if ("literal" in o) return [o.literal];
  const v = select(o.path, [item]);
  return v.length ? v : undefined;
}

function testFilter(expr: FilterExpr, item: unknown): boolean {
  switch (expr.op) {
    case "and":
      return testFilter(expr.left, item) && testFilter(expr.right, item);
    case "or":
      return testFilter(expr.left, item) || testFilter(expr.right, item);
    case "not":
      return !testFilter(expr.inner, item);
    case "exists":
      return select(expr.path, [item]).length > 0;
    case "cmp": {
      const l = operandValues(expr.left, item);
      const r = operandValues(expr.right, item);
      if (!l || !r) return expr.cmp === "!=" && l !== r;
      return compare(expr.cmp, l[0], r[0]);
    }
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const eq = JSON.stringify(a) === JSON.stringify(b);
  if (op === "==") return eq;
  if (op === "!=") return !eq;
  if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === "<") return x < y;
  if (op === "<=") return x <= y;
  if (op === ">") return x > y;
  if (op === ">=") return x >= y;
  return false;
}

class PathParser {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  private peek(n = 0): string {
    return this.text.charAt(this.pos + n);
  }

  private fail(what: string): never {
    throw new PathError(`Could not parse path '${this.text}': ${what} at character ${this.pos}`);
  }

  /** Segments until the end (or, inside a filter, until a character that cannot continue a path). */
  segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    for (;;) {
      const c = this.peek();
      if (c === ".") {
        if (this.peek(1) === ".") {
          this.pos += 2;
          if (this.peek() === "[") out.push({ kind: "deep", inner: this.bracket() });
          else out.push({ kind: "deep", inner: this.dotMember() });
        } else {
          this.pos++;
          out.push(this.dotMember());
        }
      } else if (c === "[") {
        out.push(this.bracket());
      } else if (c === "" || inFilter) {
        return out;
      } else {
        this.fail(`unexpected '${c}'`);
      }
    }
  }

  private dotMember(): Segment {
    if (this.peek() === "*") {
      this.pos++;
      return { kind: "wildcard" };
    }
    const start = this.pos;
    while (this.pos < this.text.length && !".[ )=!<>&|".includes(this.peek())) this.pos++;
    if (this.pos === start) this.fail("missing property name");
    return { kind: "name", name: this.text.slice(start, this.pos) };
  }

  private skipSpaces(): void {
    while (this.peek() === " ") this.pos++;
  }

  private quoted(): string {
    const quote = this.peek();
    this.pos++;
    let s = "";
    while (this.pos < this.text.length && this.peek() !== quote) {
      if (this.peek() === "\\") this.pos++;
      s += this.peek();
      this.pos++;
    }
    if (this.peek() !== quote) this.fail("unterminated string");
    this.pos++;
    return s;
  }

  private integer(): number | undefined {
    const m = /^-?\d+/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private bracket(): Segment {
    this.pos++; // [
    this.skipSpaces();
    let seg: Segment;
    const c = this.peek();
    if (c === "*") {
      this.pos++;
      seg = { kind: "wildcard" };
    } else if (c === "?") {
      this.pos++;
      this.skipSpaces();
      if (this.peek() !== "(") this.fail("expected '(' after '?'");
      this.pos++;
      const expr = this.filterOr();
      this.skipSpaces();
      if (this.peek() !== ")") this.fail("expected ')'");
      this.pos++;
      seg = { kind: "filter", expr };
    } else if (c === "'" || c === '"') {
      const keys: Array<string | number> = [this.quoted()];
      this.skipSpaces();
      while (this.peek() === ",") {
        this.pos++;
        this.skipSpaces();
        if (this.peek() !== "'" && this.peek() !== '"') this.fail("expected a quoted name");
        keys.push(this.quoted());
        this.skipSpaces();
      }
      seg = keys.length === 1 ? { kind: "name", name: keys[0] as string } : { kind: "union", keys };
    } else {
      const first = this.integer();
      this.skipSpaces();
      if (this.peek() === ":") {
        this.pos++;
        const end = this.integer();
        let stepBy: number | undefined;
        if (this.peek() === ":") {
          this.pos++;
          stepBy = this.integer();
        }
        seg = { kind: "slice", start: first, end, step: stepBy };
      } else {
        if (first === undefined) this.fail("expected an index, a quoted name, '*' or a filter");
        const keys: number[] = [first];
        while (this.peek() === ",") {
          this.pos++;
          this.skipSpaces();
          const next = this.integer();
          if (next === undefined) this.fail("expected an index");
          keys.push(next);
          this.skipSpaces();
        }
        seg = keys.length === 1 ? { kind: "index", index: first } : { kind: "union", keys };
      }
    }
    this.skipSpaces();
    if (this.peek() !== "]") this.fail("expected ']'");
    this.pos++;
    return seg;
  }

  private filterOr(): FilterExpr {
    let left = this.filterAnd();
    for (;;) {
      this.skipSpaces();
      if (this.text.startsWith("||", this.pos)) {
        this.pos += 2;
        left = { op: "or", left, right: this.filterAnd() };
      } else return left;
    }
  }

  private filterAnd(): FilterExpr {
    let left = this.filterUnary();
    for (;;) {
      this.skipSpaces();
      if (this.text.startsWith("&&", this.pos)) {
        this.pos += 2;
        left = { op: "and", left, right: this.filterUnary() };
      } else return left;
    }
  }

  private filterUnary(): FilterExpr {
    this.skipSpaces();
    if (this.peek() === "!" && this.peek(1) !== "=") {
      this.pos++;
      return { op: "not", inner: this.filterUnary() };
    }
    if (this.peek() === "(") {
      this.pos++;
      const inner = this.filterOr();
      this.skipSpaces();
      if (this.peek() !== ")") this.fail("expected ')'");
      this.pos++;
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const m = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.pos));
    if (!m) {
      if ("literal" in left) this.fail("expected a comparison");
      return { op: "exists", path: left.path };
    }
    this.pos += m[0].length;
    this.skipSpaces();
    return { op: "cmp", cmp: m[0], left, right: this.operand() };
  }

  private operand(): Operand {
    this.skipSpaces();
    const c = this.peek();
    if (c === "@" || c === "$") {
      this.pos++;
      return { path: this.segments(true), root: c === "$" };
    }
    if (c === "'" || c === '"') return { literal: this.quoted() };
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (!m) this.fail("expected a value");
    this.pos += m[0].length;
    return { literal: JSON.parse(m[0]) };
  }
}

// ---- reference paths (ResultPath) -----------------------------------------------------------------

/** Parses a reference path (names and indexes only); PathError otherwise. */
export function referenceSegments(path: string): Array<string | number> {
  const parsed = parsePath(path);
  if (!parsed.definite) throw new PathError(`'${path}' is not a reference path`);
  return parsed.segments.map((s) => (s.kind === "name" ? s.name : (s as { index: number }).index));
}

/** Places `value` at `path` inside a copy of `input` (ResultPath), creating missing objects on the way. */
export function writeAtPath(path: string, input: unknown, value: unknown): unknown {
  const segs = referenceSegments(path);
  if (segs.length === 0) return value;
  const root = structuredClone(input);
  if (!isObj(root) && !(Array.isArray(root) && typeof segs[0] === "number")) {
    throw new PathError(`Unable to apply ResultPath '${path}' to input ${JSON.stringify(input)}`);
  }
  let current: Record<string, unknown> | unknown[] = root as Record<string, unknown>;
  segs.forEach((key, i) => {
    const last = i === segs.length - 1;
    if (typeof key === "number") {
      if (!Array.isArray(current) || key < 0 || key >= current.length) {
        throw new PathError(`Unable to apply ResultPath '${path}' to input ${JSON.stringify(input)}`);
      }
      if (last) current[key] = value;
      else current = current[key] as Record<string, unknown>;
    } else {
      if (!isObj(current))
        throw new PathError(`Unable to apply ResultPath '${path}' to input ${JSON.stringify(input)}`);
      if (last) current[key] = value;
      else {
        if (current[key] === undefined) current[key] = {};
        const next = current[key];
        if (!isObj(next) && !Array.isArray(next)) {
          throw new PathError(`Unable to apply ResultPath '${path}' to input ${JSON.stringify(input)}`);
        }
        current = next as Record<string, unknown>;
      }
    }
  });
  return root;
}
