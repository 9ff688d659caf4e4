"use server";
// Server actions of the query workbench (/query): run, poll, stop and page an ad-hoc Athena query, and read the
// schema browser's metadata. The AWS side is lib/workbench (integration tests drive it without Next).
import { z } from "zod";
import { sqlLiteralError } from "@/lib/checks/sql-literal";
import { RESULT_PAGE_SIZES } from "@/lib/executions/results-source";
import { MAX_QUERY_BYTES, queryBytes } from "@/lib/workbench/run-status";
import * as queries from "@/lib/workbench/queries";
import * as catalog from "@/lib/workbench/schema-catalog";
import * as triggerEvents from "@/lib/workbench/trigger-events";
import { defineAction } from "./client";

const name = z.string().trim().min(1).max(256);
const queryExecutionId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,128}$/, "Not an Athena query id.");

const runInput = z.object({
  sql: z
    .string()
    .refine((s) => s.trim() !== "", "Write a query first.")
    .refine((s) => queryBytes(s) <= MAX_QUERY_BYTES, `The query is over Athena's limit of ${MAX_QUERY_BYTES} bytes.`),
  catalog: name.optional(),
  database: name.optional(),
  workgroup: name.optional(),
  outputLocation: z.string().trim().startsWith("s3://", "The output location is an s3:// folder.").max(1024).optional(),
  /** SQL literals for the query's `?` placeholders, in order (a check's parameters as a trigger would give them). */
  parameters: z
    .array(
      z
        .string()
        .max(10_000)
        .superRefine((v, ctx) => {
          const problem = sqlLiteralError(v);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
    )
    .max(100)
    .default([]),
});

const runAction = defineAction({
  name: "query.run",
  input: runInput,
  handler: async ({ sql, catalog: cat, database, workgroup, outputLocation, parameters }, { actor }) => {
    const defaults = queries.defaultQueryContext();
    const context = {
      catalog: cat ?? defaults.catalog,
      database: database ?? defaults.database,
      workgroup: workgroup ?? defaults.workgroup,
      outputLocation: outputLocation ?? defaults.outputLocation,
    };
    const { queryExecutionId: id } = await queries.startQuery(sql, context, actor, parameters);
    return { queryExecutionId: id, startedAt: new Date().toISOString() };
  },
});

const statusAction = defineAction({
  name: "query.status",
  input: z.object({ queryExecutionId }),
  handler: async ({ queryExecutionId: id }) => queries.queryStatus(id),
});

const stopAction = defineAction({
  name: "query.stop",
  input: z.object({ queryExecutionId }),
  handler: async ({ queryExecutionId: id }) => {
    await queries.stopQuery(id);
    return { queryExecutionId: id };
  },
});

const resultsInput = z.object({
  queryExecutionId,
  size: z.coerce
    .number()
    .int()
    .refine((n) => (RESULT_PAGE_SIZES as readonly number[]).includes(n), "Not a page size."),
  token: z.string().min(1).max(4096).nullable(),
});

const resultsAction = defineAction({
  name: "query.results",
  input: resultsInput,
  handler: async ({ queryExecutionId: id, size, token }) => queries.queryResultPage(id, size, token),
});

const schemaInput = z.object({
  catalog: name.optional(),
  database: name.optional(),
  /** The next slice of a database's tables (the `next` of the previous answer). */
  token: z.string().min(1).max(4096).optional(),
});

const schemaAction = defineAction({
  name: "query.schema",
  input: schemaInput,
  handler: async ({ catalog: cat, database, token }) => {
    if (cat && database) {
      // The first slice comes back at once (one page, so the first rows show quickly), the rest in bigger slices.
      const slice = await catalog.listTablesSlice(cat, database, token ?? null, token ? undefined : 1);
      return { kind: "tables" as const, tables: slice.tables, next: slice.next, more: token !== undefined };
    }
    if (cat) return { kind: "databases" as const, databases: await catalog.listDatabases(cat) };
    return { kind: "catalogs" as const, catalogs: await catalog.listCatalogs() };
  },
});

const workgroupAction = defineAction({
  name: "query.workgroup",
  input: z.object({ workgroup: name }),
  handler: async ({ workgroup }) => queries.workgroupLimits(workgroup),
});

const draftTriggerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("eventPattern"), patternText: z.string().max(20_000) }),
  z.object({ kind: z.literal("schedule"), expression: z.string().max(256) }),
]);
const sampleEventInput = z.object({ trigger: draftTriggerSchema, slug: z.string().max(256) });

const sampleEventAction = defineAction({
  name: "query.sampleEvent",
  input: sampleEventInput,
  handler: async ({ trigger, slug }) => triggerEvents.sampleTriggerEvent(trigger, slug),
});

const recentEventsAction = defineAction({
  name: "query.recentEvents",
  input: z.object({ checkId: z.string().uuid() }),
  handler: async ({ checkId }) => triggerEvents.recentEvents(checkId),
});

export async function runQueryAction(input: z.input<typeof runInput>) {
  return runAction(input);
}
export async function queryStatusAction(input: { queryExecutionId: string }) {
  return statusAction(input);
}
export async function stopQueryAction(input: { queryExecutionId: string }) {
  return stopAction(input);
}
/** One page of a finished query's results (also behind GET /query/<id>/results, which the result table reads). */
export async function queryResultsAction(input: z.input<typeof resultsInput>) {
  return resultsAction(input);
}
export async function querySchemaAction(input: z.input<typeof schemaInput>) {
  return schemaAction(input);
}
/** The workgroup's per-query scan limit and enforced output location (the cost guard shows them before a run). */
export async function workgroupLimitsAction(input: { workgroup: string }) {
  return workgroupAction(input);
}
/** The event the draft's trigger would deliver (ECS sample fitted to the pattern, or the next scheduled event). */
export async function sampleTriggerEventAction(input: z.input<typeof sampleEventInput>) {
  return sampleEventAction(input);
}
/** The triggering events of the check's recent executions. */
export async function recentTriggerEventsAction(input: { checkId: string }) {
  return recentEventsAction(input);
}
