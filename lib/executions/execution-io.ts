// Reads ExecutionInput / ExecutionOutput back from an execution's JSON. Executions started by anything else
// (or by an older contract) are still indexed; they just carry no check.

import { z } from "zod";
import type { ExecutionInput, ExecutionOutput } from "@/lib/checks/execution-contract";
import type { Expectation } from "@/lib/checks/types";

const op = z.enum(["eq", "ne", "lt", "le", "gt", "ge"]);
const expectation = z.union([
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("noRows") }),
  z.object({ kind: z.literal("rowCount"), op, value: z.number() }),
  z.object({ kind: z.literal("firstValue"), op, value: z.number() }),
]);

const inputSchema = z.object({
  check: z.object({ id: z.string().min(1), slug: z.string(), generation: z.coerce.number().int() }),
  trigger: z.object({
    kind: z.enum(["event", "schedule", "manual", "rerun"]),
    rerunOf: z.string().optional(),
  }),
  query: z.object({
    sql: z.string(),
    catalog: z.string(),
    database: z.string(),
    workgroup: z.string(),
    outputLocation: z.string(),
    parameters: z.array(z.string()),
  }),
  expectation,
  event: z.record(z.string(), z.unknown()),
});

const outputSchema = z.object({
  checkId: z.string(),
  generation: z.coerce.number().int(),
  verdict: z.enum(["PASS", "FAIL", "ERROR"]),
  queryExecutionId: z.string().nullable(),
  previewRowCount: z.coerce.number().nullable(),
  firstValue: z.union([z.string(), z.number(), z.boolean()]).transform(String).nullable(),
  // Athena's Statistics also hold objects (ResultReuseInformation): keep the numbers.
  statistics: z
    .record(z.string(), z.unknown())
    .nullable()
    .transform((s) =>
      s ? Object.fromEntries(Object.entries(s).filter((e): e is [string, number] => typeof e[1] === "number")) : null,
    ),
  error: z.object({ error: z.string(), cause: z.string() }).nullable(),
});

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
  const r = inputSchema.safeParse(parseJson(text));
  if (!r.success) return null;
  return { ...r.data, expectation: r.data.expectation as Expectation };
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
  const r = outputSchema.safeParse(filled);
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
