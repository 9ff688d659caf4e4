// Rows of `checks` ⇄ the Check type of lib/checks/types.ts. JSON columns are parsed with zod on the way out, so a
// row someone edited by hand fails loudly here instead of deep inside a page or the reconciler.
import { z } from "zod";
import { Prisma, type Check as CheckRow } from "@/lib/generated/prisma/client";
import { canonicalJson } from "@/lib/canonical-json";
import {
  CHECK_SPEC_FIELDS,
  checkParameterSchema,
  expectationSchema,
  snapshotPolicySchema,
  type Check,
  type CheckSummary,
  type SnapshotPolicy,
  type CheckParameter,
  type CheckSpec,
  type Expectation,
  type Trigger,
} from "@/lib/checks/types";

const parametersSchema = z.array(checkParameterSchema);

const eventPatternSchema = z.record(z.string(), z.unknown());

/** What an error about a row names. */
type RowName = Pick<CheckRow, "id" | "slug">;

function parseColumn<T>(schema: z.ZodType<T>, value: unknown, row: RowName, column: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `Check ${row.id} (${row.slug}) has an unreadable ${column} column: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

function triggerOf(row: RowName & Pick<CheckRow, "triggerKind" | "eventPattern" | "scheduleExpression">): Trigger {
  if (row.triggerKind === "EVENT_PATTERN") {
    return { kind: "eventPattern", pattern: parseColumn(eventPatternSchema, row.eventPattern, row, "event_pattern") };
  }
  return {
    kind: "schedule",
    expression: parseColumn(z.string().min(1), row.scheduleExpression, row, "schedule_expression"),
  };
}

/** A database row as the domain's Check. */
export function checkFromRow(row: CheckRow): Check {
  return {
    ...checkSummaryFromRow(row),
    description: row.description,
    sql: row.sql,
    catalog: row.catalog,
    database: row.database,
    workgroup: row.workgroup,
    outputLocation: row.outputLocation,
    parameters: parseColumn<CheckParameter[]>(parametersSchema, row.parameters, row, "parameters"),
    findingKeys: row.findingKeys,
    snapshotPolicy: parseColumn<SnapshotPolicy>(snapshotPolicySchema, row.snapshotPolicy, row, "snapshot_policy"),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

/** The columns the checks list reads: not the query text, parameters or policy, which a long list would carry for nothing. */
export const CHECK_SUMMARY_COLUMNS = {
  id: true,
  name: true,
  slug: true,
  triggerKind: true,
  eventPattern: true,
  scheduleExpression: true,
  expectation: true,
  enabled: true,
  generation: true,
  sourcePath: true,
  syncStatus: true,
  syncMessage: true,
  syncErrorTerminal: true,
  observedGeneration: true,
  lastReconciledAt: true,
} as const satisfies Prisma.CheckSelect;

/** A row read with CHECK_SUMMARY_COLUMNS as the list's CheckSummary. */
export function checkSummaryFromRow(
  row: Prisma.CheckGetPayload<{ select: typeof CHECK_SUMMARY_COLUMNS }>,
): CheckSummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    trigger: triggerOf(row),
    expectation: parseColumn<Expectation>(expectationSchema, row.expectation, row, "expectation"),
    enabled: row.enabled,
    generation: row.generation,
    sourcePath: row.sourcePath,
    syncStatus: row.syncStatus,
    syncMessage: row.syncMessage,
    syncErrorTerminal: row.syncErrorTerminal,
    observedGeneration: row.observedGeneration,
    lastReconciledAt: row.lastReconciledAt,
  };
}

/** The spec columns of a row, for create and update. */
export function specColumns(spec: CheckSpec) {
  return {
    name: spec.name,
    slug: spec.slug,
    slugLower: spec.slug.toLowerCase(),
    description: spec.description,
    sql: spec.sql,
    catalog: spec.catalog,
    database: spec.database,
    workgroup: spec.workgroup,
    outputLocation: spec.outputLocation,
    parameters: spec.parameters as unknown as Prisma.InputJsonValue,
    triggerKind: spec.trigger.kind === "eventPattern" ? ("EVENT_PATTERN" as const) : ("SCHEDULE" as const),
    eventPattern:
      spec.trigger.kind === "eventPattern" ? (spec.trigger.pattern as Prisma.InputJsonValue) : Prisma.DbNull,
    scheduleExpression: spec.trigger.kind === "schedule" ? spec.trigger.expression : null,
    expectation: spec.expectation as unknown as Prisma.InputJsonValue,
    findingKeys: spec.findingKeys,
    enabled: spec.enabled,
    ...(spec.snapshotPolicy ? { snapshotPolicy: spec.snapshotPolicy as Prisma.InputJsonValue } : {}),
  };
}

/** Whether two specs differ in any field (JSON fields compared by meaning, not key order). */
export function specChanged(before: CheckSpec, after: CheckSpec): boolean {
  // A spec without a snapshot policy leaves the stored one as it is: not a change.
  return CHECK_SPEC_FIELDS.some(
    (field) =>
      !(field === "snapshotPolicy" && after[field] === undefined) &&
      canonicalJson(before[field]) !== canonicalJson(after[field]),
  );
}
