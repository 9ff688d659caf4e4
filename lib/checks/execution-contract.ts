// The contract between a rule target (or Run now / Rerun) and the shared state machine, as schemas: the types are
// inferred from them, lib/reconcile builds the input (target-input.ts) and takes the output's keys from here
// (state-machine-definition.ts), and lib/executions parses both back (execution-io.ts).
import { z } from "zod";
import { checkParameterSchema, expectationSchema } from "./types";

/** What started an execution (not the check's trigger kind: a check has an event pattern or a schedule). */
export const executionTriggerSchema = z.enum(["event", "schedule", "manual", "rerun"]);
export type ExecutionTrigger = z.infer<typeof executionTriggerSchema>;

/** The kind an event parameter had in inputs written before it was named like the check's parameter. */
const LEGACY_EVENT_KIND = "event";

/**
 * One ExecutionParameter: an SQL literal, or the value EventBridge found at `path` in the triggering event (any JSON
 * type; the state machine quotes strings, doubling any single quote, and writes numbers / booleans
 * bare). The kinds are the check parameter's; inputs stored with the older kind "event" still read.
 */
export const parameterSourceSchema = z.preprocess(
  (v) =>
    v && typeof v === "object" && (v as { kind?: unknown }).kind === LEGACY_EVENT_KIND
      ? { ...v, kind: "eventPath" }
      : v,
  z.discriminatedUnion("kind", [
    checkParameterSchema.options[0],
    checkParameterSchema.options[1].extend({ value: z.unknown() }),
  ]),
);
export type ParameterSource = z.output<typeof parameterSourceSchema>;

/** Who started a run from the console (Run now, Rerun); rules and schedules start runs with no actor. */
export const executionActorSchema = z.object({ id: z.string().min(1), name: z.string() });
export type ExecutionActor = z.infer<typeof executionActorSchema>;

/** The execution input of the shared state machine. */
export const executionInputSchema = z.object({
  check: z.object({
    id: z.string().min(1),
    slug: z.string(),
    generation: z.coerce.number().int(),
    /** The check's name, for notification messages; absent in inputs written before messages (they still read). */
    name: z.string().optional(),
  }),
  trigger: z.object({
    kind: executionTriggerSchema,
    rerunOf: z.string().optional(),
    actor: executionActorSchema.optional(),
  }),
  query: z.object({
    sql: z.string(),
    catalog: z.string(),
    database: z.string(),
    workgroup: z.string(),
    outputLocation: z.string(),
    /** Athena ExecutionParameters as SQL literals, event slots as their path: informational once sources exist. */
    parameters: z.array(z.string()),
    /** Where each ExecutionParameter comes from; the state machine builds the parameters from this list. */
    parameterSources: z.array(parameterSourceSchema).optional(),
  }),
  expectation: expectationSchema,
  /** The whole triggering event (`<aws.events.event.json>`), or a synthesized one for manual runs. */
  event: z.record(z.string(), z.unknown()),
});
export type ExecutionInput = z.output<typeof executionInputSchema>;

export const verdictSchema = z.enum(["PASS", "FAIL", "ERROR"]);
export type Verdict = z.infer<typeof verdictSchema>;

/** The compact output of the shared state machine (never the full result set). */
export const executionOutputSchema = z.object({
  checkId: z.string(),
  generation: z.coerce.number().int(),
  verdict: verdictSchema,
  queryExecutionId: z.string().nullable(),
  /** Rows in the preview (≤ 20). */
  previewRowCount: z.coerce.number().nullable(),
  /** The first value of the first row, as Athena returned it. */
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
export type ExecutionOutput = z.output<typeof executionOutputSchema>;

/** The output's keys, in the order the state machine writes them. */
export const EXECUTION_OUTPUT_KEYS = executionOutputSchema.keyof().options;
