// Domain values as the JSON API answers them (lib/api/schemas.ts): dates as ISO strings, byte counts as decimal
// strings, a check's sync state grouped. Types come from the schemas.
import type { z } from "zod";
import type { Check } from "@/lib/checks/types";
import { snapshotPolicyDraft, type CheckDraft } from "@/lib/checks/schema";
import type { ExecutionListRow } from "@/lib/db/executions";
import type { ExecutionRecord } from "@/lib/executions/execution-record";
import type { Timeline } from "@/lib/executions/timeline";
import type {
  ApiCheck,
  checkInputSchema,
  executionDetailSchema,
  executionSummarySchema,
  syncSchema,
  timelineStepSchema,
} from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSync(c: Check): z.infer<typeof syncSchema> {
  return {
    status: c.syncStatus,
    message: c.syncMessage,
    terminal: c.syncErrorTerminal,
    generation: c.generation,
    observedGeneration: c.observedGeneration,
    lastReconciledAt: iso(c.lastReconciledAt),
  };
}

export function presentCheck(c: Check): ApiCheck {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    sql: c.sql,
    catalog: c.catalog,
    database: c.database,
    workgroup: c.workgroup,
    outputLocation: c.outputLocation,
    parameters: c.parameters,
    trigger: c.trigger,
    expectation: c.expectation,
    findingKeys: c.findingKeys,
    ...(c.snapshotPolicy ? { snapshotPolicy: c.snapshotPolicy } : {}),
    enabled: c.enabled,
    version: c.version,
    sourcePath: c.sourcePath,
    sync: presentSync(c),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    createdBy: c.createdBy,
    updatedBy: c.updatedBy,
  };
}

/** The API's check body as the edit form's draft: an event pattern given as an object becomes the form's JSON text. */
export function draftFromInput(input: z.output<typeof checkInputSchema>): CheckDraft {
  const { trigger } = input;
  return {
    name: input.name,
    slug: input.slug,
    description: input.description,
    sql: input.sql,
    catalog: input.catalog,
    database: input.database,
    workgroup: input.workgroup,
    outputLocation: input.outputLocation,
    parameters: input.parameters,
    expectation: input.expectation,
    findingKeys: input.findingKeys.join(", "),
    ...(input.snapshotPolicy ? { snapshotPolicy: snapshotPolicyDraft(input.snapshotPolicy) } : {}),
    enabled: input.enabled,
    trigger:
      trigger.kind === "schedule"
        ? { kind: "schedule", expression: trigger.expression }
        : {
            kind: "eventPattern",
            patternText: "pattern" in trigger ? JSON.stringify(trigger.pattern, null, 2) : trigger.patternText,
          },
  };
}

/** Field paths of the form's draft as the API body names them (the pattern is `trigger.pattern` there). */
export function inputFieldErrors(fields: Record<string, string[]>, patternAsObject: boolean): Record<string, string[]> {
  if (!patternAsObject) return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k === "trigger.patternText" ? "trigger.pattern" : k, v]),
  );
}

type Summary = z.infer<typeof executionSummarySchema>;

export function presentExecutionRow(r: ExecutionListRow): Summary {
  return {
    name: r.name,
    executionArn: r.executionArn,
    status: r.status,
    verdict: r.verdict,
    startDate: r.startDate.toISOString(),
    stopDate: iso(r.stopDate),
    check: { id: r.checkId, slug: r.checkSlug, name: r.checkName },
    trigger: r.triggerKind,
    actor: r.actorName,
    firstValue: r.firstValue,
    dataScannedBytes: r.dataScannedBytes === null ? null : String(r.dataScannedBytes),
    error: r.error,
    cause: r.cause,
  };
}

export function presentExecution(
  e: ExecutionRecord,
  extra: {
    checkName: string | null;
    rerunOf: string | null;
    queryExecutionId: string | null;
    timeline: { ok: true; timeline: Timeline } | { ok: false; error: string };
  },
): z.infer<typeof executionDetailSchema> {
  return {
    name: e.name,
    executionArn: e.executionArn,
    status: e.status,
    verdict: e.verdict,
    startDate: e.startDate.toISOString(),
    stopDate: iso(e.stopDate),
    check: { id: e.checkId, slug: e.checkSlug, name: extra.checkName },
    trigger: e.triggerKind,
    actor: e.actorName,
    firstValue: e.firstValue,
    dataScannedBytes: e.dataScannedBytes === null ? null : String(e.dataScannedBytes),
    error: e.error,
    cause: e.cause,
    input: e.input,
    output: e.output,
    rerunOf: extra.rerunOf,
    query: { queryExecutionId: extra.queryExecutionId, state: e.queryState, stateReason: e.queryStateReason },
    statistics: e.statistics,
    timeline: extra.timeline.ok
      ? {
          startedAt: iso(extra.timeline.timeline.startedAt),
          endedAt: iso(extra.timeline.timeline.endedAt),
          outcome: extra.timeline.timeline.outcome?.type ?? null,
          steps: extra.timeline.timeline.steps.map((s): z.infer<typeof timelineStepSchema> => ({
            name: s.name,
            stateType: s.stateType,
            status: s.status,
            enteredAt: s.enteredAt.toISOString(),
            exitedAt: iso(s.exitedAt),
            durationMs: s.durationMs,
            attempts: s.attempts,
            errors: s.errors,
          })),
        }
      : { error: extra.timeline.error },
  };
}
