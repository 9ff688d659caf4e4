// The JSON API's bodies and answers as zod schemas: route handlers validate with them, the OpenAPI document is
// generated from them (lib/api/openapi.ts) and the checks CLI types its calls with them. The check body is the
// edit form's draft (lib/checks/schema.ts), so the API answers with the same field messages the form shows.
import { z } from "zod";
import { checkDraftShape, sourcePathSchema } from "@/lib/checks/schema";
import { checkParameterSchema, expectationSchema, snapshotPolicySchema, syncStatusSchema } from "@/lib/checks/types";
import { executionTriggerSchema, verdictSchema } from "@/lib/checks/execution-contract";

/** Request bodies above this are refused with 413 before they are parsed (a check's SQL is at most 256 KiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

const draft = checkDraftShape.shape;

/** An event pattern as a JSON object (what the API and YAML speak) or as the form's text. */
const triggerInput = z.union([
  z.strictObject({ kind: z.literal("eventPattern"), pattern: z.record(z.string(), z.unknown()) }),
  z.strictObject({ kind: z.literal("eventPattern"), patternText: z.string() }),
  z.strictObject({ kind: z.literal("schedule"), expression: z.string() }),
]);

/** A check as the API takes it: the form's fields; unknown fields are refused. */
export const checkInputSchema = z.strictObject({
  name: draft.name,
  slug: draft.slug,
  description: draft.description.default(""),
  sql: draft.sql,
  catalog: draft.catalog,
  database: draft.database,
  workgroup: draft.workgroup,
  outputLocation: draft.outputLocation,
  parameters: draft.parameters.default([]),
  trigger: triggerInput,
  expectation: draft.expectation,
  findingKeys: z.array(z.string()).default([]).describe("result columns that identify one finding"),
  snapshotPolicy: snapshotPolicySchema
    .strict()
    .optional()
    .describe("how much of each result is kept; absent: defaults"),
  enabled: draft.enabled.default(true),
  /** Set by `npm run checks -- apply`: the YAML file this check comes from. */
  sourcePath: sourcePathSchema.nullable().optional(),
});
export type CheckInput = z.input<typeof checkInputSchema>;

/** The update body: the check plus the version it was read at (a stale version answers 409). */
export const checkUpdateSchema = checkInputSchema.extend({ version: z.number().int().min(1) });
export type CheckUpdate = z.input<typeof checkUpdateSchema>;

export const setEnabledSchema = z.strictObject({ enabled: z.boolean(), version: z.number().int().min(1) });

/** Run now: optionally other parameter values than the check's (same count, same rules as the form). */
export const runNowSchema = z.strictObject({ parameters: z.array(checkParameterSchema).optional() });

const isoDate = z.string().describe("ISO 8601 timestamp (UTC)");

export const syncSchema = z.object({
  status: syncStatusSchema,
  message: z.string().nullable(),
  terminal: z.boolean().describe("true: a spec change is needed before a retry can succeed"),
  generation: z.number().int(),
  observedGeneration: z.number().int().nullable(),
  lastReconciledAt: isoDate.nullable(),
});

export const apiCheckSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  sql: z.string(),
  catalog: z.string(),
  database: z.string(),
  workgroup: z.string(),
  outputLocation: z.string(),
  parameters: z.array(checkParameterSchema),
  trigger: z.union([
    z.object({ kind: z.literal("eventPattern"), pattern: z.record(z.string(), z.unknown()) }),
    z.object({ kind: z.literal("schedule"), expression: z.string() }),
  ]),
  expectation: expectationSchema,
  findingKeys: z.array(z.string()),
  snapshotPolicy: snapshotPolicySchema.optional(),
  enabled: z.boolean(),
  version: z.number().int().describe("send it back with an update: optimistic locking"),
  sourcePath: z.string().nullable().describe("the YAML file an apply wrote it from; null: made in the browser"),
  sync: syncSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  createdBy: z.string(),
  updatedBy: z.string(),
});
export type ApiCheck = z.infer<typeof apiCheckSchema>;

export const checkListSchema = z.object({
  checks: z.array(apiCheckSchema),
  next: z.string().nullable().describe("paging token for the next page (`cursor`), null on the last page"),
});

export const CHECK_PAGE_SIZES = { default: 50, max: 200 } as const;

export const checkListQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe("part of the name or slug"),
  sync: syncStatusSchema.optional(),
  enabled: z.enum(["true", "false"]).optional(),
  source: z.enum(["code", "browser"]).optional().describe("code: managed from YAML; browser: made in the console"),
  limit: z.coerce.number().int().min(1).max(CHECK_PAGE_SIZES.max).optional(),
  cursor: z.string().optional(),
});

export const savedCheckSchema = z.object({
  check: apiCheckSchema,
  reconcile: z.object({ status: syncStatusSchema, message: z.string() }),
});

export const deletedCheckSchema = z.object({
  deleted: z.string().describe("the slug"),
  reconcile: z.object({ status: syncStatusSchema, message: z.string() }),
});

export const startedExecutionSchema = z.object({
  name: z.string(),
  href: z.string().describe("this execution in the API"),
});

const executionStatusSchema = z.enum(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]);

export const executionSummarySchema = z.object({
  name: z.string(),
  executionArn: z.string(),
  status: executionStatusSchema,
  verdict: verdictSchema.nullable(),
  startDate: isoDate,
  stopDate: isoDate.nullable(),
  check: z.object({ id: z.string().nullable(), slug: z.string().nullable(), name: z.string().nullable() }),
  trigger: executionTriggerSchema.nullable(),
  actor: z.string().nullable(),
  firstValue: z.string().nullable(),
  dataScannedBytes: z.string().nullable().describe("bytes as a decimal string (may exceed 2^53)"),
  error: z.string().nullable(),
  cause: z.string().nullable(),
});

export const EXECUTION_PAGE_SIZES = [25, 50, 100, 200] as const;

export const executionListQuerySchema = z.strictObject({
  check: z.string().optional().describe("a check's slug or id"),
  status: z.string().optional().describe("comma-separated: RUNNING,SUCCEEDED,FAILED,TIMED_OUT,ABORTED"),
  verdict: z.string().optional().describe("comma-separated: PASS,FAIL,ERROR"),
  trigger: z.string().optional().describe("comma-separated: event,schedule,manual,rerun"),
  range: z.enum(["1h", "24h", "7d", "30d"]).optional(),
  from: z.string().optional().describe("ISO timestamp, UTC when no zone"),
  to: z.string().optional(),
  q: z.string().max(200).optional().describe("part of the execution name"),
  limit: z.coerce
    .number()
    .int()
    .refine((n) => (EXECUTION_PAGE_SIZES as readonly number[]).includes(n), "Use 25, 50, 100 or 200.")
    .optional(),
  cursor: z.string().optional(),
});

export const executionListSchema = z.object({
  executions: z.array(executionSummarySchema),
  total: z.number().int(),
  totalCapped: z.boolean().describe("true: more than `total` rows match"),
  next: z.string().nullable().describe("paging token for older executions"),
});

export const timelineStepSchema = z.object({
  name: z.string(),
  stateType: z.string(),
  status: z.enum(["running", "succeeded", "failed", "caught"]),
  enteredAt: isoDate,
  exitedAt: isoDate.nullable(),
  durationMs: z.number().nullable(),
  attempts: z.number().int(),
  errors: z.array(z.object({ error: z.string(), cause: z.string() })),
});

export const executionDetailSchema = executionSummarySchema.extend({
  input: z.unknown(),
  output: z.unknown(),
  rerunOf: z.string().nullable(),
  query: z.object({
    queryExecutionId: z.string().nullable(),
    state: z.string().nullable(),
    stateReason: z.string().nullable(),
  }),
  statistics: z.record(z.string(), z.number()).nullable(),
  timeline: z.union([
    z.object({
      startedAt: isoDate.nullable(),
      endedAt: isoDate.nullable(),
      outcome: z.string().nullable(),
      steps: z.array(timelineStepSchema),
    }),
    z.object({ error: z.string() }),
  ]),
});

export const RESULT_PAGE_LIMITS = [25, 50, 100, 250, 500] as const;

export const resultsQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .refine((n) => (RESULT_PAGE_LIMITS as readonly number[]).includes(n), "Use 25, 50, 100, 250 or 500.")
    .optional(),
  cursor: z.string().optional(),
});

export const resultPageSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.string().nullable())),
  next: z.string().nullable(),
});

export const reconcilePlanSchema = z.object({
  items: z.array(
    z.object({
      action: z.enum(["create", "update", "enable", "disable", "conflict", "noop", "delete", "unmanaged"]),
      ruleName: z.string(),
      checkId: z.string().nullable(),
      checkName: z.string().nullable(),
      reasons: z.array(z.string()),
      changes: z.array(z.unknown()),
      drift: z.boolean(),
    }),
  ),
  stateMachine: z.unknown(),
  error: z.string().nullable().describe("why AWS could not be read, when it could not"),
});

export const reconcileApplySchema = z.object({
  clean: z.boolean(),
  message: z.string(),
  details: z.array(z.string()),
});

export const syncStatusResponseSchema = z.object({ slug: z.string(), sync: syncSchema });
