// What each `?` of a check's query receives when a trigger fires: the SQL literal the state machine builds from a
// parameter and the triggering event (lib/reconcile/state-machine-definition.ts, parameterProcessor): a literal as
// written; an event value as a quoted string (every ' doubled) or a bare number / boolean; anything else (missing,
// null, an object or a list) makes the run end in verdict ERROR, so it is flagged here before the query runs.
import { resolveEventPath } from "./json-path";
import { sqlLiteralError } from "./sql-literal";
import type { CheckParameter } from "./types";

export type ParameterLiteral = { ok: true; literal: string } | { ok: false; problem: string };

/** A string as one SQL string literal: quotes doubled, then wrapped (the state machine's QUOTE_STRING_LITERAL). */
export function quoteSqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The literal one parameter gives the query for `event` (null: no event to resolve paths against). */
export function parameterLiteral(parameter: CheckParameter, event: unknown): ParameterLiteral {
  if (parameter.kind === "literal") {
    const problem = sqlLiteralError(parameter.value);
    return problem ? { ok: false, problem } : { ok: true, literal: parameter.value.trim() };
  }
  if (event === null || event === undefined) return { ok: false, problem: "No sample event to take the value from." };
  const found = resolveEventPath(event, parameter.path);
  if (!found.found) return { ok: false, problem: `Resolves to nothing: ${found.reason}` };
  const v = found.value;
  if (typeof v === "string") return { ok: true, literal: quoteSqlString(v) };
  if (typeof v === "number" && Number.isFinite(v)) return { ok: true, literal: String(v) };
  if (typeof v === "boolean") return { ok: true, literal: String(v) };
  const what = v === null ? "null" : Array.isArray(v) ? "a list" : "an object";
  return {
    ok: false,
    problem: `The event has ${what} there, not text, a number or true/false: a run would end in verdict ERROR.`,
  };
}

/** Every parameter's literal, in order; `literals` is set only when all of them resolve. */
export function parameterLiterals(
  parameters: CheckParameter[],
  event: unknown,
): { each: ParameterLiteral[]; literals: string[] | null } {
  const each = parameters.map((p) => parameterLiteral(p, event));
  const literals = each.every((e) => e.ok) ? each.map((e) => (e as { literal: string }).literal) : null;
  return { each, literals };
}
