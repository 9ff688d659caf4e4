// Ad-hoc Athena queries of the query workbench: started directly (StartQueryExecution, not through the state
// machine), polled, stopped and read page by page. Each run is recorded in the operator's history (query_runs).
import "server-only";
import {
  GetQueryExecutionCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
} from "@aws-sdk/client-athena";
import type { Actor } from "@/lib/actor";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { getQueryRun, recordQueryRun, updateQueryRunState, type QueryRunRecord } from "@/lib/db/query-runs";
import { env } from "@/lib/env";
import { OperatorError } from "@/lib/errors";
import type { ResultPage } from "@/lib/executions/result-page";
import { loadResultPage } from "@/lib/executions/results-source";
import { MAX_QUERY_BYTES, queryBytes, runStatusFrom, type RunStatus } from "./run-status";

/** A refusal or an Athena failure the operator can act on (shown as it is). */
export class WorkbenchError extends OperatorError {}

/** Where a query runs: catalog and database (the unqualified names' context), workgroup and output location. */
export interface QueryContext {
  catalog: string;
  database: string;
  workgroup: string;
  outputLocation: string;
}

/** The context a query runs in when the operator picks none: the console's defaults (lib/env.ts). */
export function defaultQueryContext(): QueryContext {
  return {
    catalog: env.DEFAULT_CATALOG,
    database: env.DEFAULT_DATABASE,
    workgroup: env.DEFAULT_WORKGROUP,
    outputLocation: env.DEFAULT_OUTPUT_LOCATION,
  };
}

function athenaFailure(error: unknown, doing: string): WorkbenchError {
  const info = describeAwsError(error);
  if (info.throttling) {
    return new WorkbenchError(
      `Athena is throttling requests (${info.code}) while ${doing}. Wait a moment and try again.`,
    );
  }
  return new WorkbenchError(`Athena refused ${doing}: ${info.message} (${info.code})`);
}

/**
 * Starts `sql` on Athena and records it in the actor's history. `parameters` are SQL literals for the query's `?`
 * placeholders (Athena ExecutionParameters, omitted when empty: Athena refuses an empty list).
 */
export async function startQuery(
  sql: string,
  context: QueryContext,
  actor: Actor,
  parameters: string[] = [],
): Promise<{ queryExecutionId: string }> {
  if (sql.trim() === "") throw new WorkbenchError("Write a query first.", "sql");
  if (queryBytes(sql) > MAX_QUERY_BYTES) {
    throw new WorkbenchError(
      `The query is over Athena's limit of ${MAX_QUERY_BYTES.toLocaleString("en-US")} bytes.`,
      "sql",
    );
  }
  let id: string | undefined;
  try {
    const out = await awsClients().athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        QueryExecutionContext: { Catalog: context.catalog, Database: context.database },
        WorkGroup: context.workgroup,
        ResultConfiguration: { OutputLocation: context.outputLocation },
        ...(parameters.length > 0 ? { ExecutionParameters: parameters } : {}),
      }),
    );
    id = out.QueryExecutionId;
  } catch (error) {
    throw athenaFailure(error, "to start the query");
  }
  if (!id) throw new WorkbenchError("Athena started the query but returned no query id.");
  await recordQueryRun(
    {
      queryExecutionId: id,
      sql,
      catalog: context.catalog,
      database: context.database,
      workgroup: context.workgroup,
      state: "QUEUED",
    },
    actor,
  );
  return { queryExecutionId: id };
}

async function knownRun(queryExecutionId: string): Promise<QueryRunRecord> {
  const run = await getQueryRun(queryExecutionId);
  if (!run) throw new WorkbenchError("This query was not started from the query workbench, or it left the history.");
  return run;
}

async function describe(queryExecutionId: string): Promise<QueryExecution> {
  try {
    const out = await awsClients().athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
    if (!out.QueryExecution) throw new WorkbenchError("Athena did not describe the query.");
    return out.QueryExecution;
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw athenaFailure(error, "to describe the query");
  }
}

/** The query's state now; once it is final, the history row gets its outcome. */
export async function queryStatus(queryExecutionId: string): Promise<RunStatus> {
  const run = await knownRun(queryExecutionId);
  const q = await describe(queryExecutionId);
  const status = runStatusFrom(q);
  if (status.state !== run.state || (status.done && !run.finishedAt)) {
    await updateQueryRunState(queryExecutionId, {
      state: status.state,
      dataScannedBytes: status.dataScannedBytes,
      error: status.error ? (q.Status?.AthenaError?.ErrorMessage ?? q.Status?.StateChangeReason ?? null) : null,
      finishedAt: status.done ? (q.Status?.CompletionDateTime ?? new Date()) : null,
    });
  }
  return status;
}

/** Asks Athena to stop the query (StopQueryExecution); the next status says how it ended. */
export async function stopQuery(queryExecutionId: string): Promise<void> {
  await knownRun(queryExecutionId);
  try {
    await awsClients().athena.send(new StopQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
  } catch (error) {
    throw athenaFailure(error, "to stop the query");
  }
}

/** One page of a finished query's result set (the same paging and typing as an execution's result). */
export async function queryResultPage(
  queryExecutionId: string,
  size: number,
  nextToken: string | null,
): Promise<ResultPage> {
  await knownRun(queryExecutionId);
  const q = await describe(queryExecutionId);
  if (q.Status?.State !== "SUCCEEDED") throw new WorkbenchError("The query has no results: it did not succeed.");
  const result = await loadResultPage({ queryExecutionId, statementType: q.StatementType ?? null }, size, nextToken);
  if (!result.ok) throw new WorkbenchError(`Athena did not return the results: ${result.error}`);
  return result.page;
}

/** What a workgroup imposes on a query: its per-query scan limit, and the output location it enforces (if any). */
export interface WorkgroupLimits {
  workgroup: string;
  /** BytesScannedCutoffPerQuery: Athena cancels a query that scans more. Null: no limit. */
  bytesScannedCutoffPerQuery: number | null;
  /** The workgroup's own output location when it overrides the query's (EnforceWorkGroupConfiguration). */
  enforcedOutputLocation: string | null;
}

export async function workgroupLimits(workgroup: string): Promise<WorkgroupLimits> {
  try {
    const out = await awsClients().athena.send(new GetWorkGroupCommand({ WorkGroup: workgroup }));
    const config = out.WorkGroup?.Configuration;
    return {
      workgroup,
      bytesScannedCutoffPerQuery: config?.BytesScannedCutoffPerQuery ?? null,
      enforcedOutputLocation: config?.EnforceWorkGroupConfiguration
        ? (config.ResultConfiguration?.OutputLocation ?? null)
        : null,
    };
  } catch (error) {
    throw athenaFailure(error, `to describe the workgroup ${workgroup}`);
  }
}
