// A run's results for the console: a page for the table, or every row for the CSV. From the run's snapshot in
// PostgreSQL once it holds the rows (no Athena call, and it outlives Athena's 45 days and the S3 output), else
// straight from GetQueryResults.

import "server-only";
import { GetQueryExecutionCommand, GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { currentExecution } from "./current-execution";
import type { Failure, Result } from "@/lib/result";
import { toResultPage, type ResultPage } from "./result-page";
import type { FetchResultsPage } from "./results-csv";
import { readSnapshotRows, snapshotOfExecutionName, type SnapshotRecord } from "@/lib/db/result-snapshots";
import { isReadable } from "@/lib/snapshots/types";

export const RESULT_PAGE_SIZES = [25, 50, 100, 250, 500] as const;
export const DEFAULT_RESULT_PAGE_SIZE = 50;

export interface ResultsTarget {
  executionName: string;
  queryExecutionId: string;
  /** DML / DDL / UTILITY: decides whether the first row of the first page is a header. */
  statementType: string | null;
  state: string | null;
  error: string | null;
  /** The run's snapshot when it holds the rows: then pages and the CSV read it, never Athena. */
  snapshot: SnapshotRecord | null;
}

/** Tokens of snapshot pages: the last row number already shown (Athena's own tokens never look like this). */
const SNAPSHOT_TOKEN = /^row:(\d{1,10})$/;

export const isSnapshotToken = (token: string): boolean => SNAPSHOT_TOKEN.test(token);

/** One page of a snapshot, keyset on row_number; `token` is "row:<n>" from the previous page. */
export async function loadSnapshotPage(
  snapshot: SnapshotRecord,
  size: number,
  token: string | null,
): Promise<ResultPageResult> {
  const m = token ? SNAPSHOT_TOKEN.exec(token) : null;
  if (token && !m)
    return { ok: false, error: "This page link is from before the result was kept; start again from the first page." };
  const after = m ? Number(m[1]) : 0;
  const rows = await readSnapshotRows(snapshot.id, after, size + 1);
  const more = rows.length > size;
  const shown = rows.slice(0, size);
  return {
    ok: true,
    page: {
      columns: snapshot.columns ?? [],
      rows: shown.map((r) => r.values),
      nextToken: more ? `row:${shown[shown.length - 1]!.rowNumber}` : null,
    },
  };
}

/** The query behind an execution (by execution name), with what Athena says about it now. */
export async function resultsTarget(
  executionName: string,
): Promise<{ ok: true; target: ResultsTarget } | (Failure & { status: 404 | 410 })> {
  const snapshot = await snapshotOfExecutionName(executionName);
  if (snapshot && isReadable(snapshot)) {
    return {
      ok: true,
      target: {
        executionName,
        queryExecutionId: snapshot.queryExecutionId,
        statementType: snapshot.statementType,
        state: "SUCCEEDED",
        error: null,
        snapshot,
      },
    };
  }
  // Not only the index: a run that ended moments ago may not be indexed with its query id yet.
  const row = await currentExecution(executionName);
  if (!row) return { ok: false, error: "No such execution.", status: 404 };
  if (!row.queryExecutionId) return { ok: false, error: "This execution did not start a query.", status: 404 };
  try {
    const out = await awsClients().athena.send(
      new GetQueryExecutionCommand({ QueryExecutionId: row.queryExecutionId }),
    );
    const q = out.QueryExecution;
    return {
      ok: true,
      target: {
        executionName: row.name,
        queryExecutionId: row.queryExecutionId,
        statementType: q?.StatementType ?? null,
        state: q?.Status?.State ?? null,
        error: q?.Status?.AthenaError?.ErrorMessage ?? q?.Status?.StateChangeReason ?? null,
        snapshot: null,
      },
    };
  } catch (error) {
    const info = describeAwsError(error);
    if (snapshot?.state === "UNAVAILABLE") return { ok: false, error: unavailableText(snapshot), status: 410 };
    return {
      ok: false,
      error: `Athena could not find the query ${row.queryExecutionId} (${info.code}: ${info.message}). Athena keeps query history for 45 days.`,
      status: 410,
    };
  }
}

/** GetQueryResults page fetcher: `size` data rows per page (one more on a SELECT's first page, for the header). */
export function resultsFetcher(
  target: Pick<ResultsTarget, "queryExecutionId" | "statementType">,
  size: number,
): FetchResultsPage {
  const { athena } = awsClients();
  const header = target.statementType === "DML" || target.statementType === null ? 1 : 0;
  return (nextToken) =>
    athena.send(
      new GetQueryResultsCommand({
        QueryExecutionId: target.queryExecutionId,
        MaxResults: Math.min(1000, nextToken ? size : size + header),
        NextToken: nextToken ?? undefined,
      }),
    );
}

export type ResultPageResult = Result<{ page: ResultPage }>;

/** One page of the result table. */
export async function loadResultPage(
  target: Pick<ResultsTarget, "queryExecutionId" | "statementType">,
  size: number,
  nextToken: string | null,
): Promise<ResultPageResult> {
  try {
    const out = await resultsFetcher(target, size)(nextToken);
    return { ok: true, page: toResultPage(out, { firstPage: !nextToken, statementType: target.statementType }) };
  } catch (error) {
    const info = describeAwsError(error);
    return { ok: false, error: `${info.code}: ${info.message}` };
  }
}

/** What the page and the CSV say when neither a snapshot nor Athena has the rows. */
export function unavailableText(snapshot: Pick<SnapshotRecord, "error">): string {
  return `The result of this run is no longer available: ${snapshot.error ?? "Athena no longer has it."} It was not kept in time (the console copies a run's rows shortly after it ends).`;
}
