// Reads ExecutionInput / ExecutionOutput back from an execution's JSON. Executions started by anything else
// (or by an older contract) are still indexed; they just carry no check.

import {
  executionInputSchema,
  executionOutputSchema,
  type ExecutionInput,
  type ExecutionOutput,
} from "@/lib/checks/execution-contract";

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The ExecutionInput carried by an execution, or null when the input is not one (foreign or malformed). */
export function parseExecutionInput(text: string | null | undefined): ExecutionInput | null {
  const r = executionInputSchema.safeParse(parseJson(text));
  return r.success ? r.data : null;
}

/** The ExecutionOutput of a SUCCEEDED execution, or null. Missing optional fields are tolerated as null. */
export function parseExecutionOutput(text: string | null | undefined): ExecutionOutput | null {
  const json = parseJson(text);
  if (!json || typeof json !== "object") return null;
  const filled = {
    queryExecutionId: null,
    previewRowCount: null,
    firstValue: null,
    statistics: null,
    error: null,
    ...(json as Record<string, unknown>),
  };
  const r = executionOutputSchema.safeParse(filled);
  return r.success ? r.data : null;
}

/** A best-effort check attribution for inputs that do not parse fully (e.g. a hand-started execution). */
export function looseCheckRef(
  text: string | null | undefined,
): { id: string; slug: string | null; generation: number | null } | null {
  const json = parseJson(text) as { check?: { id?: unknown; slug?: unknown; generation?: unknown } } | undefined;
  const c = json?.check;
  if (!c || typeof c.id !== "string") return null;
  return {
    id: c.id,
    slug: typeof c.slug === "string" ? c.slug : null,
    generation: typeof c.generation === "number" ? c.generation : null,
  };
}
