// JSONata in Step Functions: strings written `{% expression %}` are evaluated with the `jsonata` package, with
// `$states` and the workflow variables bound, plus the functions Step Functions adds ($partition, $range, $hash,
// $random, $uuid, $parse). `$eval` is not available, as in AWS.
import { createHash, randomUUID } from "node:crypto";
import jsonata from "jsonata";
import { HASHES } from "./intrinsics";

/** A JSONata expression that failed; reported as States.QueryEvaluationError. */
export class QueryError extends Error {
  constructor(
    message: string,
    /** The field where it happened, as AWS names it in EvaluationFailed (e.g. "Arguments", "Output"). */
    readonly location: string,
  ) {
    super(message);
  }
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;

/** The expression inside `{% … %}`, or undefined when `value` is not one. */
export function expressionOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = EXPRESSION.exec(value);
  return m ? m[1]! : undefined;
}

type Compiled = ReturnType<typeof jsonata>;
const cache = new Map<string, Compiled>();

function register(expr: Compiled): void {
  expr.registerFunction(
    "partition",
    (items: unknown[], size: number) => {
      if (!Array.isArray(items)) throw new Error("$partition: the first argument must be an array");
      if (!Number.isInteger(size) || size <= 0) throw new Error("$partition: the size must be a positive integer");
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    },
    "<an:a>",
  );
  expr.registerFunction(
    "range",
    (start: number, end: number, stepBy: number) => {
      if (stepBy === 0) throw new Error("$range: the step must not be 0");
      const out: number[] = [];
      for (let i = start; stepBy > 0 ? i <= end : i >= end; i += stepBy) {
        out.push(i);
        if (out.length > 1000) throw new Error("$range: the result has more than 1000 elements");
      }
      return out;
    },
    "<nnn:a>",
  );
  expr.registerFunction(
    "hash",
    (data: unknown, algorithm: string) => {
      const node = HASHES[algorithm];
      if (!node) throw new Error(`$hash: the algorithm must be one of ${Object.keys(HASHES).join(", ")}`);
      const text = typeof data === "string" ? data : JSON.stringify(data);
      return createHash(node).update(text, "utf8").digest("hex");
    },
    "<xs:s>",
  );
  expr.registerFunction("random", (seed?: number) => (seed === undefined ? Math.random() : seeded(seed)), "<n?:n>");
  expr.registerFunction("uuid", () => randomUUID(), "<:s>");
  expr.registerFunction(
    "parse",
    (text: string) => {
      try {
        return JSON.parse(text);
      } catch (err) {
        throw new Error(`$parse: ${(err as Error).message}`);
      }
    },
    "<s:x>",
  );
  expr.registerFunction(
    "eval",
    () => {
      throw new Error("The function $eval is not supported; use $parse");
    },
    "<x-o?:x>",
  );
}

// A repeatable value for $random(seed) (mulberry32).
function seeded(seed: number): number {
  let t = (Math.floor(seed) + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Compiles (cached) or throws QueryError naming the syntax problem. */
export function compile(expression: string, location: string): Compiled {
  let hit = cache.get(expression);
  if (!hit) {
    try {
      hit = jsonata(expression);
    } catch (err) {
      throw new QueryError(`${jsonataMessage(err)}`, location);
    }
    register(hit);
    if (cache.size > 2000) cache.clear();
    cache.set(expression, hit);
  }
  return hit;
}

function jsonataMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err) {
    const e = err as { message: string; position?: number; token?: string };
    return e.position !== undefined ? `${e.message} (position ${e.position})` : e.message;
  }
  return String(err);
}

/** Evaluates one expression; undefined (no match) is an error, as Step Functions reports it. */
export async function evaluateExpression(
  expression: string,
  bindings: Record<string, unknown>,
  location: string,
): Promise<unknown> {
  const compiled = compile(expression, location);
  let result: unknown;
  try {
    result = await compiled.evaluate(null, bindings);
  } catch (err) {
    throw new QueryError(
      `An error occurred while evaluating the JSONata expression '${expression.trim()}' specified for the field '${location}': ${jsonataMessage(err)}`,
      location,
    );
  }
  if (result === undefined) {
    throw new QueryError(
      `The JSONata expression '${expression.trim()}' specified for the field '${location}' returned nothing (undefined).`,
      location,
    );
  }
  return toJson(result);
}

// JSONata results can carry sequence flags and functions: keep plain JSON only.
function toJson(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) return value.map(toJson).filter((v) => v !== undefined);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const j = toJson(v);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return value;
}

/** Evaluates every `{% %}` string inside a JSON template (Arguments, Output, Assign, ItemSelector…). */
export async function evaluateTemplate(
  template: unknown,
  bindings: Record<string, unknown>,
  location: string,
): Promise<unknown> {
  const expression = expressionOf(template);
  if (expression !== undefined) return evaluateExpression(expression, bindings, location);
  if (Array.isArray(template)) {
    const out: unknown[] = [];
    for (const item of template) out.push(await evaluateTemplate(item, bindings, location));
    return out;
  }
  if (template && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = await evaluateTemplate(v, bindings, location);
    return out;
  }
  return template;
}

/** Every `{% %}` expression in a template, for validation at create time. */
export function templateExpressions(template: unknown, visit: (expression: string) => void): void {
  const expression = expressionOf(template);
  if (expression !== undefined) visit(expression);
  else if (Array.isArray(template)) template.forEach((t) => templateExpressions(t, visit));
  else if (template && typeof template === "object")
    Object.values(template).forEach((t) => templateExpressions(t, visit));
}
