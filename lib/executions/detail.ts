// Everything an execution page shows: the index row (kept forever), and — while AWS still has them — the live
// description, the history timeline, Athena's view of the query and the first page of results.

import "server-only";
import { GetExecutionHistoryCommand, type HistoryEvent } from "@aws-sdk/client-sfn";
import type { QueryExecution } from "@aws-sdk/client-athena";
import { awsClients } from "@/lib/aws/clients";
import type { Result } from "@/lib/result";
import { describeAwsError } from "@/lib/aws/errors";
import { prisma } from "@/lib/db/client";
import type { Execution } from "@/lib/generated/prisma/client";
import { tokenBucket } from "./rate-limit";
import { executionArnFor, refreshOne } from "./runtime";
import { lookupQuery } from "./sync";
import { buildTimeline, type Timeline } from "./timeline";
import { isClosed } from "./execution-record";

export type ExecutionRow = Execution;

/** GetExecutionHistory refills at 20/s; pages of an open execution poll it, so keep under that. */
const historyBucket = tokenBucket(20, 20);
/** AWS fails an execution at 25,000 history events: 25 pages of 1,000 is all there can be. */
const MAX_HISTORY_PAGES = 25;

/** The newest indexed execution with this name, as the index has it (no AWS call). */
export function indexedExecution(name: string): Promise<ExecutionRow | null> {
  return prisma().execution.findFirst({ where: { name }, orderBy: [{ startDate: "desc" }, { id: "desc" }] });
}

/** The newest indexed execution with this name; when the index lacks it (just started), described from AWS. */
export async function findExecution(name: string): Promise<ExecutionRow | null> {
  const row = await indexedExecution(name);
  if (row && isClosed(row.status)) return row;
  try {
    // Open (or unknown): ask AWS now so the page is current, and keep the index in step.
    const arn = row?.executionArn ?? executionArnFor(name);
    await refreshOne(arn);
    return prisma().execution.findFirst({
      where: { executionArn: arn },
      orderBy: [{ startDate: "desc" }, { id: "desc" }],
    });
  } catch (error) {
    if (row) return row;
    const code = describeAwsError(error).code;
    if (code === "ExecutionDoesNotExist" || code === "InvalidArn" || code === "ValidationException") return null;
    throw error;
  }
}

export type HistoryResult = Result<{ timeline: Timeline }>;

/** The whole history (paged through NextToken), folded into a timeline. */
export async function loadTimeline(executionArn: string): Promise<HistoryResult> {
  const { sfn } = awsClients();
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
      await historyBucket.take();
      const out = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: true }),
      );
      events.push(...(out.events ?? []));
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
    return { ok: true, timeline: buildTimeline(events) };
  } catch (error) {
    const info = describeAwsError(error);
    if (info.code === "ExecutionDoesNotExist") {
      return {
        ok: false,
        error: "Step Functions no longer has this execution's history (it keeps closed executions for 90 days).",
      };
    }
    return { ok: false, error: `${info.code}: ${info.message}` };
  }
}

export type QueryResult = Result<{ query: QueryExecution }>;

/** Athena's record of the query: SQL as run, parameters, state, statistics. */
export async function loadQuery(queryExecutionId: string | null): Promise<QueryResult> {
  if (!queryExecutionId) return { ok: false, error: "This execution did not start a query." };
  const query = await lookupQuery(awsClients().athena, queryExecutionId);
  if (!query)
    return {
      ok: false,
      error:
        "Athena no longer has this query (it keeps query history for 45 days); the figures below are from the index.",
    };
  return { ok: true, query };
}

/** Records a query id found in the history, so the index (and the results routes) know it from now on. */
export async function rememberQueryId(id: bigint, queryExecutionId: string): Promise<void> {
  await prisma()
    .execution.update({ where: { id }, data: { queryExecutionId } })
    .catch(() => undefined);
}
