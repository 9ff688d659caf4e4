// Everything an execution page shows: the index row (kept forever), and — while AWS still has them — the live
// description, the history timeline, Athena's view of the query and the first page of results.

import "server-only";
import { GetExecutionHistoryCommand, type HistoryEvent } from "@aws-sdk/client-sfn";
import type { QueryExecution } from "@aws-sdk/client-athena";
import type { ExecutionInput } from "@/lib/checks/execution-contract";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { getCheck } from "@/lib/db/checks";
import { newestExecution } from "@/lib/db/executions";
import type { Result } from "@/lib/result";
import { parseExecutionInput } from "./execution-io";
import { isClosed, type ExecutionRecord } from "./execution-record";
import { tokenBucket } from "./rate-limit";
import {
  DEFAULT_RESULT_PAGE_SIZE,
  loadResultPage,
  loadSnapshotPage,
  unavailableText,
  type ResultPageResult,
} from "./results-source";
import { snapshotOfExecutionName, type SnapshotRecord } from "@/lib/db/result-snapshots";
import { isReadable } from "@/lib/snapshots/types";
import { currentExecution } from "./current-execution";
import { lookupQuery } from "./sync";
import { buildTimeline, type Timeline } from "./timeline";

/** GetExecutionHistory refills at 20/s; pages of an open execution poll it, so keep under that. */
const historyBucket = tokenBucket(20, 20);
/** AWS fails an execution at 25,000 history events: 25 pages of 1,000 is all there can be. */
const MAX_HISTORY_PAGES = 25;

/** Everything an execution page renders, read without writing anything. */
export interface ExecutionView {
  execution: ExecutionRecord;
  /** The ExecutionInput, when the execution was started with one (then it can be rerun). */
  input: ExecutionInput | null;
  /** The triggering event, also from an input that is not a whole ExecutionInput. */
  event: Record<string, unknown> | null;
  running: boolean;
  timeline: HistoryResult;
  /** From the index, else from the history (a stopped or failed execution's output does not name its query). */
  queryExecutionId: string | null;
  query: QueryResult;
  /** The check it ran, while that check exists. */
  check: { id: string; name: string } | null;
  /** The execution this one reran, while the index has it. */
  rerunOf: { name: string } | null;
  /** The first page of the result set, when the query succeeded (from the snapshot once it holds the rows). */
  results: ResultPageResult | null;
  /** The run's result snapshot, when one was enqueued. */
  snapshot: SnapshotRecord | null;
  /** Set when the rows exist nowhere any more (no snapshot, Athena's output gone): what the page says instead. */
  resultsGone: string | null;
}

/**
 * The newest execution with this name and everything its page shows. An open (or not yet indexed) execution is
 * described from AWS now, so the page is current; storing that is the sync's job (the page's live refresh asks
 * for a sync pass). Null when neither the index nor Step Functions knows the name.
 */
export async function loadExecutionView(name: string): Promise<ExecutionView | null> {
  const execution = await currentExecution(name);
  if (!execution) return null;
  const input = parseExecutionInput(execution.input === null ? null : JSON.stringify(execution.input));
  const event = input?.event ?? eventOf(execution.input);
  const timeline = await loadTimeline(execution.executionArn);
  const queryExecutionId = execution.queryExecutionId ?? (timeline.ok ? timeline.timeline.queryExecutionId : null);
  const [query, check, rerunOf, snapshot] = await Promise.all([
    loadQuery(queryExecutionId),
    execution.checkId ? getCheck(execution.checkId) : null,
    execution.rerunOf ? newestExecution({ executionArn: execution.rerunOf }) : null,
    snapshotOfExecutionName(execution.name),
  ]);
  const live = query.ok ? query.query : null;
  const results =
    snapshot && isReadable(snapshot)
      ? await loadSnapshotPage(snapshot, DEFAULT_RESULT_PAGE_SIZE, null)
      : live?.Status?.State === "SUCCEEDED"
        ? await loadResultPage(
            { queryExecutionId: live.QueryExecutionId!, statementType: live.StatementType ?? null },
            DEFAULT_RESULT_PAGE_SIZE,
            null,
          )
        : null;
  let resultsGone: string | null = null;
  if (!(snapshot && isReadable(snapshot)) && execution.queryState === "SUCCEEDED") {
    if (snapshot?.state === "UNAVAILABLE") resultsGone = unavailableText(snapshot);
    else if (!live && queryExecutionId)
      resultsGone = `Athena no longer has the query ${queryExecutionId} (it keeps query history for 45 days), and no copy of its rows was kept.`;
    else if (
      results &&
      !results.ok &&
      /deleted|not found|no longer|does not exist|NoSuchKey|expired/i.test(results.error)
    )
      resultsGone = `The result of this run is no longer available: Athena's output was deleted (${results.error}).`;
  }
  return {
    execution,
    input,
    event,
    running: !isClosed(execution.status),
    timeline,
    queryExecutionId,
    query,
    check: check ? { id: check.id, name: check.name } : null,
    rerunOf: rerunOf ? { name: rerunOf.name } : null,
    results,
    snapshot,
    resultsGone,
  };
}

function eventOf(input: unknown): Record<string, unknown> | null {
  const event = (input as { event?: unknown } | null)?.event;
  return event && typeof event === "object" && !Array.isArray(event) ? (event as Record<string, unknown>) : null;
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
