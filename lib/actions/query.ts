"use server";
// Server actions of the query workbench (/query): run, poll, stop and page an ad-hoc Athena query, and read the
// schema browser's metadata. The AWS side is lib/workbench (integration tests drive it without Next).
import { z } from "zod";
import { RESULT_PAGE_SIZES } from "@/lib/executions/results-source";
import { MAX_QUERY_BYTES, queryBytes } from "@/lib/workbench/run-status";
import * as queries from "@/lib/workbench/queries";
import * as catalog from "@/lib/workbench/schema-catalog";
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
});

const runAction = defineAction({
  name: "query.run",
  input: runInput,
  handler: async ({ sql, catalog: cat, database }, { actor }) => {
    const defaults = queries.defaultQueryContext();
    const context = { ...defaults, catalog: cat ?? defaults.catalog, database: database ?? defaults.database };
    const { queryExecutionId: id } = await queries.startQuery(sql, context, actor);
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

const schemaInput = z.object({ catalog: name.optional(), database: name.optional() });

const schemaAction = defineAction({
  name: "query.schema",
  input: schemaInput,
  handler: async ({ catalog: cat, database }) => {
    if (cat && database) return { kind: "tables" as const, tables: await catalog.listTables(cat, database) };
    if (cat) return { kind: "databases" as const, databases: await catalog.listDatabases(cat) };
    return { kind: "catalogs" as const, catalogs: await catalog.listCatalogs() };
  },
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
