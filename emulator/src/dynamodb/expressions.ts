// DynamoDB's expression language: UpdateExpression (SET / REMOVE / ADD / DELETE), ConditionExpression (comparators,
// BETWEEN, IN, AND / OR / NOT, attribute_exists & co.) and ProjectionExpression, with the placeholders
// #name / :value. Parse errors and evaluation errors answer AWS's ValidationException wording.
import { AwsError } from "../core/aws-error";
import {
  addNumbers,
  checkAttributeValue,
  clone,
  compareValues,
  equalValues,
  typeOf,
  type AttributeValue,
  type Item,
} from "./attribute-values";
import { isReservedWord } from "./reserved-words";

export type PathElement = { name: string } | { index: number };
export type Path = PathElement[];

export type Operand =
  | { kind: "path"; path: Path }
  | { kind: "value"; ref: string }
  | { kind: "call"; fn: string; args: Operand[] }
  | { kind: "arith"; op: "+" | "-"; left: Operand; right: Operand };

export type Condition =
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "not"; arg: Condition }
  | { kind: "compare"; op: string; left: Operand; right: Operand }
  | { kind: "between"; value: Operand; low: Operand; high: Operand }
  | { kind: "in"; value: Operand; list: Operand[] }
  | { kind: "fn"; fn: string; args: Operand[] };

export interface UpdateActions {
  set: Array<{ path: Path; value: Operand }>;
  remove: Path[];
  add: Array<{ path: Path; value: Operand }>;
  delete: Array<{ path: Path; value: Operand }>;
}

/** Which request member an expression came from; it prefixes every error ("Invalid UpdateExpression: ..."). */
export type ExpressionKind = "UpdateExpression" | "ConditionExpression" | "ProjectionExpression";

/** The request's ExpressionAttributeNames / ExpressionAttributeValues, and which of them the expressions used. */
export class Placeholders {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();

  constructor(
    readonly names: Record<string, string> | undefined,
    readonly values: Record<string, AttributeValue> | undefined,
  ) {}

  name(ref: string, kind: ExpressionKind): string {
    const name = this.names?.[ref];
    if (name === undefined)
      throw invalid(
        kind,
        `An expression attribute name used in the document path is not defined; attribute name: ${ref}`,
      );
    this.usedNames.add(ref);
    return name;
  }

  value(ref: string, kind: ExpressionKind): AttributeValue {
    const value = this.values?.[ref];
    if (value === undefined)
      throw invalid(kind, `An expression attribute value used in expression is not defined; attribute value: ${ref}`);
    this.usedValues.add(ref);
    return value;
  }

  /** AWS refuses placeholders no expression used. */
  assertAllUsed(): void {
    const unusedNames = Object.keys(this.names ?? {}).filter((k) => !this.usedNames.has(k));
    if (unusedNames.length > 0)
      throw new AwsError(
        "ValidationException",
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(", ")}}`,
      );
    const unusedValues = Object.keys(this.values ?? {}).filter((k) => !this.usedValues.has(k));
    if (unusedValues.length > 0)
      throw new AwsError(
        "ValidationException",
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(", ")}}`,
      );
  }
}

function invalid(kind: ExpressionKind, message: string): AwsError {
  return new AwsError("ValidationException", `Invalid ${kind}: ${message}`);
}

// ---------------------------------------------------------------------------------------------- tokens

interface Token {
  type: "ident" | "name" | "value" | "number" | "punct" | "eof";
  text: string;
  pos: number;
}

const PUNCT = ["<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ".", "[", "]", "+", "-"];

function tokenize(source: string, kind: ExpressionKind): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "#" || c === ":") {
      i++;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      if (i === start + 1) throw syntaxError(kind, source, c, start);
      tokens.push({ type: c === "#" ? "name" : "value", text: source.slice(start, i), pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      tokens.push({ type: "ident", text: source.slice(start, i), pos: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      tokens.push({ type: "number", text: source.slice(start, i), pos: start });
      continue;
    }
    const p = PUNCT.find((x) => source.startsWith(x, i));
    if (!p)
      throw new AwsError("ValidationException", `Invalid ${kind}: Invalid character encountered; character: ${c}`);
    tokens.push({ type: "punct", text: p, pos: start });
    i += p.length;
  }
  tokens.push({ type: "eof", text: "<EOF>", pos: source.length });
  return tokens;
}

function syntaxError(kind: ExpressionKind, source: string, token: string, pos: number): AwsError {
  // AWS quotes the offending token and the text around it.
  const near = source.slice(Math.max(0, pos - 8), pos + token.length + 8).trim();
  return invalid(kind, `Syntax error; token: "${token}", near: "${near}"`);
}

// ---------------------------------------------------------------------------------------------- parser

const UPDATE_FUNCTIONS = new Set(["if_not_exists", "list_append"]);
const CONDITION_FUNCTIONS = new Set([
  "attribute_exists",
  "attribute_not_exists",
  "attribute_type",
  "begins_with",
  "contains",
]);
const COMPARATORS = new Set(["=", "<>", "<", "<=", ">", ">="]);
const CLAUSES = ["SET", "REMOVE", "ADD", "DELETE"] as const;

class Parser {
  private i = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly kind: ExpressionKind,
    private readonly placeholders: Placeholders,
  ) {}

  get peek(): Token {
    return this.tokens[this.i]!;
  }
  next(): Token {
    return this.tokens[this.i++]!;
  }
  fail(token: Token = this.peek): never {
    throw syntaxError(this.kind, this.source, token.text, token.pos);
  }
  isKeyword(word: string, token: Token = this.peek): boolean {
    return token.type === "ident" && token.text.toUpperCase() === word;
  }
  expectPunct(p: string): void {
    const t = this.next();
    if (t.type !== "punct" || t.text !== p) this.fail(t);
  }
  atEnd(): boolean {
    return this.peek.type === "eof";
  }

  path(): Path {
    const path: Path = [this.pathName()];
    for (;;) {
      if (this.peek.type === "punct" && this.peek.text === ".") {
        this.next();
        path.push(this.pathName());
      } else if (this.peek.type === "punct" && this.peek.text === "[") {
        this.next();
        const n = this.next();
        if (n.type !== "number") this.fail(n);
        this.expectPunct("]");
        path.push({ index: Number(n.text) });
      } else return path;
    }
  }

  private pathName(): { name: string } {
    const t = this.next();
    if (t.type === "name") return { name: this.placeholders.name(t.text, this.kind) };
    if (t.type === "ident") {
      if (isReservedWord(t.text))
        throw invalid(this.kind, `Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
      return { name: t.text };
    }
    return this.fail(t);
  }

  /** operand := term (('+' | '-') term)?  — only in SET values. */
  updateValue(): Operand {
    const left = this.term(true);
    if (this.peek.type === "punct" && (this.peek.text === "+" || this.peek.text === "-")) {
      const op = this.next().text as "+" | "-";
      const right = this.term(true);
      return { kind: "arith", op, left, right };
    }
    return left;
  }

  /** term := :value | path | function(args) */
  term(update: boolean): Operand {
    const t = this.peek;
    if (t.type === "value") {
      this.next();
      this.placeholders.value(t.text, this.kind);
      return { kind: "value", ref: t.text };
    }
    if (t.type === "ident" && this.tokens[this.i + 1]?.text === "(") {
      const fn = t.text;
      this.next();
      this.next();
      const known = update ? UPDATE_FUNCTIONS.has(fn) : fn === "size";
      if (!known) {
        if (UPDATE_FUNCTIONS.has(fn) || CONDITION_FUNCTIONS.has(fn) || fn === "size")
          throw invalid(
            this.kind,
            `The function is not allowed ${update ? "in an update expression" : "to be used this way in an expression"}; function: ${fn}`,
          );
        throw invalid(this.kind, `Invalid function name; function: ${fn}`);
      }
      const args = this.args(update);
      const arity = fn === "size" ? 1 : 2;
      if (args.length !== arity)
        throw invalid(
          this.kind,
          `Incorrect number of operands for operator or function; operator or function: ${fn}, number of operands: ${args.length}`,
        );
      if ((fn === "if_not_exists" || fn === "size") && args[0]!.kind !== "path")
        throw invalid(this.kind, `Operator or function requires a document path; operator or function: ${fn}`);
      return { kind: "call", fn, args };
    }
    if (t.type === "name" || t.type === "ident") return { kind: "path", path: this.path() };
    return this.fail(t);
  }

  private args(update: boolean): Operand[] {
    const args: Operand[] = [];
    if (this.peek.text === ")") return this.fail();
    for (;;) {
      args.push(this.term(update));
      const t = this.next();
      if (t.text === ")") return args;
      if (t.text !== ",") this.fail(t);
    }
  }

  // condition := or
  condition(): Condition {
    let left = this.andCondition();
    while (this.isKeyword("OR")) {
      this.next();
      left = { kind: "or", left, right: this.andCondition() };
    }
    return left;
  }
  private andCondition(): Condition {
    let left = this.notCondition();
    while (this.isKeyword("AND")) {
      this.next();
      left = { kind: "and", left, right: this.notCondition() };
    }
    return left;
  }
  private notCondition(): Condition {
    if (this.isKeyword("NOT")) {
      this.next();
      return { kind: "not", arg: this.notCondition() };
    }
    return this.primaryCondition();
  }
  private primaryCondition(): Condition {
    const t = this.peek;
    if (t.type === "punct" && t.text === "(") {
      this.next();
      const inner = this.condition();
      this.expectPunct(")");
      return inner;
    }
    if (t.type === "ident" && CONDITION_FUNCTIONS.has(t.text) && this.tokens[this.i + 1]?.text === "(") {
      this.next();
      this.next();
      const args = this.args(false);
      const arity = t.text === "attribute_exists" || t.text === "attribute_not_exists" ? 1 : 2;
      if (args.length !== arity)
        throw invalid(
          this.kind,
          `Incorrect number of operands for operator or function; operator or function: ${t.text}, number of operands: ${args.length}`,
        );
      if (args[0]!.kind !== "path")
        throw invalid(this.kind, `Operator or function requires a document path; operator or function: ${t.text}`);
      return { kind: "fn", fn: t.text, args };
    }
    const value = this.term(false);
    const op = this.peek;
    if (op.type === "punct" && COMPARATORS.has(op.text)) {
      this.next();
      return { kind: "compare", op: op.text, left: value, right: this.term(false) };
    }
    if (this.isKeyword("BETWEEN")) {
      this.next();
      const low = this.term(false);
      if (!this.isKeyword("AND")) this.fail();
      this.next();
      return { kind: "between", value, low, high: this.term(false) };
    }
    if (this.isKeyword("IN")) {
      this.next();
      this.expectPunct("(");
      const list = this.args(false);
      return { kind: "in", value, list };
    }
    return this.fail(op);
  }

  update(): UpdateActions {
    const actions: UpdateActions = { set: [], remove: [], add: [], delete: [] };
    const seen = new Set<string>();
    if (this.atEnd()) this.fail();
    while (!this.atEnd()) {
      const t = this.next();
      const clause = CLAUSES.find((c) => this.isKeyword(c, t));
      if (!clause) this.fail(t);
      if (seen.has(clause))
        throw invalid(this.kind, `The "${clause}" section can only be used once in an update expression;`);
      seen.add(clause);
      do {
        const path = this.path();
        if (clause === "SET") {
          this.expectPunct("=");
          actions.set.push({ path, value: this.updateValue() });
        } else if (clause === "REMOVE") actions.remove.push(path);
        else {
          const v = this.next();
          if (v.type !== "value") this.fail(v);
          this.placeholders.value(v.text, this.kind);
          actions[clause === "ADD" ? "add" : "delete"].push({ path, value: { kind: "value", ref: v.text } });
        }
      } while (this.peek.text === "," && this.next());
      if (!this.atEnd() && !CLAUSES.some((c) => this.isKeyword(c))) this.fail();
    }
    return actions;
  }
}

/** Parses an UpdateExpression; placeholders it names are marked used. */
export function parseUpdate(source: string, placeholders: Placeholders): UpdateActions {
  const p = new Parser(source, tokenize(source, "UpdateExpression"), "UpdateExpression", placeholders);
  const actions = p.update();
  const paths = [
    ...actions.set.map((a) => a.path),
    ...actions.remove,
    ...actions.add.map((a) => a.path),
    ...actions.delete.map((a) => a.path),
  ];
  for (let i = 0; i < paths.length; i++)
    for (let j = i + 1; j < paths.length; j++)
      if (overlaps(paths[i]!, paths[j]!))
        throw invalid(
          "UpdateExpression",
          `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${showPath(paths[i]!)}, path two: ${showPath(paths[j]!)}`,
        );
  return actions;
}

/** Parses a ConditionExpression. */
export function parseCondition(source: string, placeholders: Placeholders): Condition {
  const p = new Parser(source, tokenize(source, "ConditionExpression"), "ConditionExpression", placeholders);
  const c = p.condition();
  if (!p.atEnd()) p.fail();
  return c;
}

/** Parses a ProjectionExpression (comma-separated document paths). */
export function parseProjection(source: string, placeholders: Placeholders): Path[] {
  const p = new Parser(source, tokenize(source, "ProjectionExpression"), "ProjectionExpression", placeholders);
  const paths: Path[] = [p.path()];
  while (p.peek.text === ",") {
    p.next();
    paths.push(p.path());
  }
  if (!p.atEnd()) p.fail();
  return paths;
}

function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ("name" in x !== "name" in y) return false;
    if ("name" in x ? x.name !== (y as { name: string }).name : x.index !== (y as { index: number }).index)
      return false;
  }
  return true;
}

export function showPath(path: Path): string {
  return `[${path.map((e) => ("name" in e ? e.name : `[${e.index}]`)).join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------- evaluation

/** The value at `path` in `item`, or undefined when any step is missing or of the wrong type. */
export function resolvePath(item: Item, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined = item[(path[0] as { name: string }).name];
  for (const step of path.slice(1)) {
    if (!current) return undefined;
    if ("name" in step) current = current.M !== undefined ? (current.M as Item)[step.name] : undefined;
    else current = current.L !== undefined ? (current.L as AttributeValue[])[step.index] : undefined;
  }
  return current;
}

function operandValue(
  operand: Operand,
  item: Item,
  placeholders: Placeholders,
  kind: ExpressionKind,
): AttributeValue | undefined {
  switch (operand.kind) {
    case "value":
      return placeholders.value(operand.ref, kind);
    case "path":
      return resolvePath(item, operand.path);
    case "call": {
      if (operand.fn === "size") {
        const v = resolvePath(item, (operand.args[0] as { path: Path }).path);
        if (!v) return undefined;
        const t = typeOf(v);
        const x = v[t];
        const size =
          t === "S"
            ? Buffer.byteLength(x as string, "utf8")
            : t === "B"
              ? Buffer.from(x as string, "base64").length
              : t === "M"
                ? Object.keys(x as object).length
                : Array.isArray(x)
                  ? x.length
                  : undefined;
        return size === undefined ? undefined : { N: String(size) };
      }
      if (operand.fn === "if_not_exists") {
        const existing = resolvePath(item, (operand.args[0] as { path: Path }).path);
        return existing ?? operandValue(operand.args[1]!, item, placeholders, kind);
      }
      // list_append
      const [a, b] = operand.args.map((x) => operandValue(x, item, placeholders, kind));
      if (!a || !b) throw missingOperand();
      if (a.L === undefined || b.L === undefined)
        throw invalid(
          kind,
          "Incorrect operand type for operator or function; operator or function: list_append, operand type: " +
            (a.L === undefined ? typeOf(a) : typeOf(b)),
        );
      return { L: [...(a.L as AttributeValue[]), ...(b.L as AttributeValue[])] };
    }
    case "arith": {
      const a = operandValue(operand.left, item, placeholders, kind);
      const b = operandValue(operand.right, item, placeholders, kind);
      if (!a || !b) throw missingOperand();
      if (a.N === undefined || b.N === undefined)
        throw new AwsError("ValidationException", "An operand in the update expression has an incorrect data type");
      return { N: addNumbers(a.N as string, b.N as string, operand.op === "+" ? 1 : -1) };
    }
  }
}

function missingOperand(): AwsError {
  return new AwsError(
    "ValidationException",
    "The provided expression refers to an attribute that does not exist in the item",
  );
}

/** Evaluates a condition against an item (an absent item is `{}`). */
export function evaluateCondition(cond: Condition, item: Item, placeholders: Placeholders): boolean {
  const val = (o: Operand) => operandValue(o, item, placeholders, "ConditionExpression");
  switch (cond.kind) {
    case "and":
      return evaluateCondition(cond.left, item, placeholders) && evaluateCondition(cond.right, item, placeholders);
    case "or":
      return evaluateCondition(cond.left, item, placeholders) || evaluateCondition(cond.right, item, placeholders);
    case "not":
      return !evaluateCondition(cond.arg, item, placeholders);
    case "compare": {
      const a = val(cond.left);
      const b = val(cond.right);
      if (!a || !b) return cond.op === "<>" ? a !== b : false;
      if (cond.op === "=") return equalValues(a, b);
      if (cond.op === "<>") return !equalValues(a, b);
      const c = compareValues(a, b);
      if (c === undefined) return false;
      return cond.op === "<" ? c < 0 : cond.op === "<=" ? c <= 0 : cond.op === ">" ? c > 0 : c >= 0;
    }
    case "between": {
      const [v, lo, hi] = [val(cond.value), val(cond.low), val(cond.high)];
      if (!v || !lo || !hi) return false;
      const a = compareValues(v, lo);
      const b = compareValues(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case "in": {
      const v = val(cond.value);
      return (
        v !== undefined &&
        cond.list.some((o) => {
          const x = val(o);
          return x !== undefined && equalValues(v, x);
        })
      );
    }
    case "fn": {
      const target = resolvePath(item, (cond.args[0] as { path: Path }).path);
      switch (cond.fn) {
        case "attribute_exists":
          return target !== undefined;
        case "attribute_not_exists":
          return target === undefined;
        case "attribute_type": {
          const t = val(cond.args[1]!);
          if (!t || t.S === undefined) return false;
          return target !== undefined && typeOf(target) === t.S;
        }
        case "begins_with": {
          const prefix = val(cond.args[1]!);
          if (!target || !prefix) return false;
          if (target.S !== undefined && prefix.S !== undefined)
            return (target.S as string).startsWith(prefix.S as string);
          return false;
        }
        case "contains": {
          const x = val(cond.args[1]!);
          if (!target || !x) return false;
          if (target.S !== undefined && x.S !== undefined) return (target.S as string).includes(x.S as string);
          const t = typeOf(target);
          if (t === "SS" || t === "NS" || t === "BS") {
            const inner = t.slice(0, 1);
            return typeOf(x) === inner && (target[t] as string[]).some((e) => equalValues({ [inner]: e }, x));
          }
          if (t === "L") return (target.L as AttributeValue[]).some((e) => equalValues(e, x));
          return false;
        }
      }
      return false;
    }
  }
}

/**
 * Applies an update to a copy of `item`; returns the new item and the top-level attributes it touched
 * (what ReturnValues UPDATED_OLD / UPDATED_NEW answer).
 */
export function applyUpdate(
  actions: UpdateActions,
  item: Item,
  placeholders: Placeholders,
): { item: Item; touched: Set<string> } {
  const kind: ExpressionKind = "UpdateExpression";
  const next = clone(item);
  const touched = new Set<string>();
  // SET values are computed from the item as it was before the update, as AWS does.
  const setValues = actions.set.map((a) => {
    const v = operandValue(a.value, item, placeholders, kind);
    if (!v) throw missingOperand();
    return v;
  });
  actions.set.forEach((a, i) => {
    writePath(next, a.path, clone(setValues[i]!));
    touched.add(topName(a.path));
  });
  for (const path of actions.remove) {
    removePath(next, path);
    touched.add(topName(path));
  }
  for (const a of actions.add) {
    const v = operandValue(a.value, item, placeholders, kind)!;
    const existing = resolvePath(next, a.path);
    const t = typeOf(v);
    if (t !== "N" && t !== "SS" && t !== "NS" && t !== "BS")
      throw invalid(
        kind,
        `Incorrect operand type for operator or function; operator: ADD, operand type: ${typeName(t)}`,
      );
    let result: AttributeValue;
    if (!existing) result = clone(v);
    else if (typeOf(existing) !== t)
      throw new AwsError("ValidationException", "An operand in the update expression has an incorrect data type");
    else if (t === "N") result = { N: addNumbers(existing.N as string, v.N as string, 1) };
    else result = { [t]: [...new Set([...(existing[t] as string[]), ...(v[t] as string[])])] };
    writePath(next, a.path, result);
    touched.add(topName(a.path));
  }
  for (const a of actions.delete) {
    const v = operandValue(a.value, item, placeholders, kind)!;
    const t = typeOf(v);
    if (t !== "SS" && t !== "NS" && t !== "BS")
      throw invalid(
        kind,
        `Incorrect operand type for operator or function; operator: DELETE, operand type: ${typeName(t)}`,
      );
    const existing = resolvePath(next, a.path);
    if (existing) {
      if (typeOf(existing) !== t)
        throw new AwsError("ValidationException", "An operand in the update expression has an incorrect data type");
      const remaining = (existing[t] as string[]).filter(
        (e) => !(v[t] as string[]).some((d) => equalValues({ [t.slice(0, 1)]: e }, { [t.slice(0, 1)]: d })),
      );
      if (remaining.length === 0) removePath(next, a.path);
      else writePath(next, a.path, { [t]: remaining });
    }
    touched.add(topName(a.path));
  }
  return { item: next, touched };
}

function typeName(t: string): string {
  return { S: "STRING", N: "NUMBER", B: "BINARY", M: "MAP", L: "LIST", NULL: "NULL", BOOL: "BOOLEAN" }[t] ?? t;
}

function topName(path: Path): string {
  return (path[0] as { name: string }).name;
}

function invalidDocumentPath(): AwsError {
  return new AwsError(
    "ValidationException",
    "The document path provided in the update expression is invalid for update",
  );
}

function writePath(item: Item, path: Path, value: AttributeValue): void {
  if (path.length === 1) {
    item[topName(path)] = value;
    return;
  }
  const parent = resolvePath(item, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (!parent) throw invalidDocumentPath();
  if ("name" in last) {
    if (parent.M === undefined) throw invalidDocumentPath();
    (parent.M as Item)[last.name] = value;
  } else {
    if (parent.L === undefined) throw invalidDocumentPath();
    const list = parent.L as AttributeValue[];
    // An index past the end appends, as AWS does.
    if (last.index >= list.length) list.push(value);
    else list[last.index] = value;
  }
}

function removePath(item: Item, path: Path): void {
  if (path.length === 1) {
    delete item[topName(path)];
    return;
  }
  const parent = resolvePath(item, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (!parent) return;
  if ("name" in last) {
    if (parent.M !== undefined) delete (parent.M as Item)[last.name];
  } else if (parent.L !== undefined) {
    (parent.L as AttributeValue[]).splice(last.index, 1);
  }
}

/** The attributes named by a projection, nested paths kept in their maps/lists. */
export function project(item: Item, paths: Path[]): Item {
  const out: Item = {};
  for (const path of paths) {
    const v = resolvePath(item, path);
    if (v === undefined) continue;
    if (path.length === 1) {
      out[topName(path)] = clone(v);
      continue;
    }
    // Rebuild the containers down to the value (list indexes are compacted, as AWS does).
    let container: AttributeValue = (out[topName(path)] ??= "name" in path[1]! ? { M: {} } : { L: [] });
    for (let i = 1; i < path.length; i++) {
      const step = path[i]!;
      const isLast = i === path.length - 1;
      const child: AttributeValue = isLast ? clone(v) : "name" in path[i + 1]! ? { M: {} } : { L: [] };
      if ("name" in step) {
        const m = container.M as Item;
        container = m[step.name] = isLast ? child : (m[step.name] ?? child);
      } else {
        const l = container.L as AttributeValue[];
        l.push(child);
        container = child;
      }
    }
  }
  return out;
}

/** Validates ExpressionAttributeValues members (each a well-formed AttributeValue). */
export function checkExpressionValues(values: unknown): Record<string, AttributeValue> | undefined {
  if (values === undefined || values === null) return undefined;
  if (typeof values !== "object" || Array.isArray(values))
    throw new AwsError(
      "SerializationException",
      "Unexpected value type for 'ExpressionAttributeValues': expected a map",
    );
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!/^:[A-Za-z0-9_]+$/.test(k))
      throw new AwsError(
        "ValidationException",
        `ExpressionAttributeValues contains invalid key: Syntax error; key: "${k}"`,
      );
    try {
      out[k] = checkAttributeValue(v);
    } catch (err) {
      if (err instanceof AwsError && err.code === "ValidationException")
        throw new AwsError(
          "ValidationException",
          `ExpressionAttributeValues contains invalid value: ${err.message} for key ${k}`,
        );
      throw err;
    }
  }
  return out;
}

/** Validates ExpressionAttributeNames members. */
export function checkExpressionNames(names: unknown): Record<string, string> | undefined {
  if (names === undefined || names === null) return undefined;
  if (typeof names !== "object" || Array.isArray(names))
    throw new AwsError(
      "SerializationException",
      "Unexpected value type for 'ExpressionAttributeNames': expected a map",
    );
  for (const [k, v] of Object.entries(names)) {
    if (!/^#[A-Za-z0-9_]+$/.test(k))
      throw new AwsError(
        "ValidationException",
        `ExpressionAttributeNames contains invalid key: Syntax error; key: "${k}"`,
      );
    if (typeof v !== "string" || v.length === 0)
      throw new AwsError(
        "ValidationException",
        `ExpressionAttributeNames contains invalid value: Empty attribute name for key ${k}`,
      );
  }
  return names as Record<string, string>;
}
