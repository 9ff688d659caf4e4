// Shared helpers for the Athena integration tests: run a query to its end, read every page of its results.
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
  type QueryExecution,
  type Row,
  type StartQueryExecutionCommandInput,
} from "@aws-sdk/client-athena";

/** Starts a query and polls GetQueryExecution until it leaves QUEUED/RUNNING. */
export async function runToEnd(
  athena: AthenaClient,
  input: StartQueryExecutionCommandInput,
  timeoutMs = 30_000,
): Promise<QueryExecution> {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand(input));
  return waitForEnd(athena, QueryExecutionId!, timeoutMs);
}

/** Polls a query until it is SUCCEEDED, FAILED or CANCELLED. */
export async function waitForEnd(athena: AthenaClient, id: string, timeoutMs = 30_000): Promise<QueryExecution> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = QueryExecution?.Status?.State;
    if (state !== "QUEUED" && state !== "RUNNING") return QueryExecution!;
    if (Date.now() > deadline) throw new Error(`query ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every page of GetQueryResults, in order. */
export async function allPages(athena: AthenaClient, id: string, maxResults = 1000): Promise<Row[][]> {
  const pages: Row[][] = [];
  let token: string | undefined;
  do {
    const page = await athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: maxResults, NextToken: token }),
    );
    pages.push(page.ResultSet?.Rows ?? []);
    token = page.NextToken;
  } while (token);
  return pages;
}

/** The VarCharValues of a row (undefined for NULL). */
export function values(row: Row | undefined): (string | undefined)[] {
  return (row?.Data ?? []).map((d) => d.VarCharValue);
}
