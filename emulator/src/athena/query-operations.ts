// StartQueryExecution, GetQueryExecution, GetQueryResults, StopQueryExecution, BatchGetQueryExecution and
// ListQueryExecutions, with the service model's limits and Athena's error answers.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { AwsError } from "../core/aws-error";
import { decodeToken, encodeToken } from "../core/paging";
import { Violations } from "../core/validation";
import type { Operation } from "../core/types";
import { readCsvPage, resultFilePath, resultS3Location } from "./results";
import type { QueryRecord } from "./query-store";
import { classifyStatement } from "./statement";
import { ENGINE_VERSION, invalidRequest, requireWorkGroup, type AthenaContext } from "./service-context";

const QUERY_ID = /^[a-zA-Z_0-9-]{1,128}$/;
const MAX_QUERY_BYTES = 262_144;

/** Builds the query operations over a shared context. */
export function queryOperations(ctx: AthenaContext): Record<string, Operation> {
  return {
    StartQueryExecution: (input) => startQueryExecution(ctx, input),

    GetQueryExecution(input) {
      const v = new Violations();
      const id = v.string(input.QueryExecutionId, "queryExecutionId", { required: true, min: 1, max: 128 });
      v.throwIfAny("InvalidRequestException");
      return { QueryExecution: describe(requireQuery(ctx, id!)) };
    },

    GetQueryResults: (input) => getQueryResults(ctx, input),

    GetQueryRuntimeStatistics(input) {
      const v = new Violations();
      const id = v.string(input.QueryExecutionId, "queryExecutionId", { required: true, min: 1, max: 128 });
      v.throwIfAny("InvalidRequestException");
      const q = requireQuery(ctx, id!);
      const {
        ResultReuseInformation: _reuse,
        DataScannedInBytes: _scanned,
        ...timeline
      } = describe(q).Statistics as Record<string, unknown>;
      return {
        QueryRuntimeStatistics: {
          Timeline: timeline,
          Rows: { InputBytes: q.dataScannedBytes, OutputRows: q.rowCount ?? 0, OutputBytes: q.resultBytes ?? 0 },
        },
      };
    },

    StopQueryExecution(input) {
      const v = new Violations();
      const id = v.string(input.QueryExecutionId, "queryExecutionId", { required: true, min: 1, max: 128 });
      v.throwIfAny("InvalidRequestException");
      const q = requireQuery(ctx, id!);
      if (q.state === "QUEUED" && ctx.queue.remove(q.id)) {
        const now = Date.now();
        Object.assign(q, {
          state: "CANCELLED",
          stateChangeReason: "Query was cancelled by StopQueryExecution.",
          completedMs: now,
        });
        ctx.store.changed();
      } else if (q.state === "QUEUED" || q.state === "RUNNING") {
        // Running, or already taken off the queue but not yet marked RUNNING (a stop there used to be lost and the
        // query ran to its end): the engine checks the flag before each long step, and the runner records CANCELLED.
        q.stateChangeReason = "Query was cancelled by StopQueryExecution.";
        ctx.engine?.cancel(q.id);
      }
      return {};
    },

    BatchGetQueryExecution(input) {
      const v = new Violations();
      const ids = v.list(input.QueryExecutionIds, "queryExecutionIds", { required: true, min: 1, max: 50 });
      v.throwIfAny("InvalidRequestException");
      const found: unknown[] = [];
      const missing: unknown[] = [];
      for (const raw of ids!) {
        const id = String(raw);
        const q = ctx.store.get(id);
        if (q) found.push(describe(q));
        else
          missing.push({
            QueryExecutionId: id,
            ErrorCode: "INVALID_INPUT",
            ErrorMessage: `QueryExecution ${id} was not found`,
          });
      }
      return { QueryExecutions: found, UnprocessedQueryExecutionIds: missing };
    },

    ListQueryExecutions(input) {
      const v = new Violations();
      const workGroup = v.string(input.WorkGroup, "workGroup", { pattern: /[a-zA-Z0-9._-]{1,128}/ }) ?? "primary";
      const max = v.integer(input.MaxResults, "maxResults", { min: 0, max: 50 }) ?? 50;
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
      v.throwIfAny("InvalidRequestException");
      requireWorkGroup(ctx, workGroup);
      const all = ctx.store.list().filter((q) => q.workGroup === workGroup);
      const start = token
        ? decodeToken<number>(token, "athena-list-queries", "InvalidRequestException", "Invalid NextToken")
        : 0;
      const page = all.slice(start, start + max);
      const next =
        start + page.length < all.length ? encodeToken("athena-list-queries", start + page.length) : undefined;
      return { QueryExecutionIds: page.map((q) => q.id), ...(next ? { NextToken: next } : {}) };
    },
  };
}

function startQueryExecution(ctx: AthenaContext, input: Record<string, unknown>): unknown {
  const v = new Violations();
  const query = v.string(input.QueryString, "queryString", { required: true, min: 1, max: MAX_QUERY_BYTES });
  const token = v.string(input.ClientRequestToken, "clientRequestToken", { min: 32, max: 128 });
  const workGroup = v.string(input.WorkGroup, "workGroup", { pattern: /[a-zA-Z0-9._-]{1,128}/ }) ?? "primary";
  const context = (input.QueryExecutionContext ?? {}) as Record<string, unknown>;
  const database = v.string(context.Database, "queryExecutionContext.database", { min: 1, max: 255 });
  const catalog = v.string(context.Catalog, "queryExecutionContext.catalog", { min: 1, max: 256 });
  const resultConfig = (input.ResultConfiguration ?? {}) as Record<string, unknown>;
  const outputLocation = v.string(resultConfig.OutputLocation, "resultConfiguration.outputLocation");
  const params = v.list(input.ExecutionParameters, "executionParameters", { min: 1 });
  const parameters = params?.map(
    (p, i) => v.string(p, `executionParameters.${i + 1}.member`, { required: true, min: 1, max: 1024 }) ?? "",
  );
  v.throwIfAny("InvalidRequestException");
  if (query !== undefined && Buffer.byteLength(query) > MAX_QUERY_BYTES) {
    throw invalidRequest(
      `1 validation error detected: Value at 'queryString' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERY_BYTES}`,
    );
  }

  if (token) {
    const earlier = ctx.store.byClientToken(token);
    if (earlier) {
      const same =
        earlier.query === query &&
        earlier.workGroup === workGroup &&
        JSON.stringify(earlier.parameters ?? null) === JSON.stringify(parameters ?? null) &&
        (earlier.context.Database ?? null) === (database ?? null) &&
        (earlier.context.Catalog ?? null) === (catalog ?? null);
      if (!same)
        throw invalidRequest(
          "Idempotent parameters do not match the earlier request with the same ClientRequestToken.",
        );
      return { QueryExecutionId: earlier.id };
    }
  }

  const wg = requireWorkGroup(ctx, workGroup);
  if (wg.state === "DISABLED") throw invalidRequest(`WorkGroup ${workGroup} is disabled.`);
  const output = outputLocation ?? wg.outputLocation;
  if (!output) {
    throw invalidRequest(
      "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.",
    );
  }
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(output)) {
    throw invalidRequest(`outputLocation is not a valid S3 path. Provided ${output}`);
  }
  if (!ctx.engine) throw new AwsError("InternalServerException", "The Athena engine is still starting.", 500);

  const id = randomUUID();
  const kind = classifyStatement(query!);
  const file = resultFilePath(ctx.dataDir, output, id);
  const record: QueryRecord = {
    id,
    query: query!,
    statementType: kind.statementType,
    substatementType: kind.substatementType,
    workGroup,
    context: {
      ...(database !== undefined ? { Database: database } : {}),
      ...(catalog !== undefined ? { Catalog: catalog } : {}),
    },
    outputLocation: output,
    resultFile: kind.statementType === "DML" ? file : file.replace(/\.csv$/, ".txt"),
    ...(parameters ? { parameters } : {}),
    ...(token ? { clientRequestToken: token } : {}),
    state: "QUEUED",
    submittedMs: Date.now(),
    dataScannedBytes: 0,
    engineMs: 0,
    planningMs: 0,
    preProcessingMs: 0,
    processingMs: 0,
  };
  if (!ctx.queue.enqueue(id))
    throw new AwsError("TooManyRequestsException", "Rate exceeded: too many queued queries.", 400, {
      Reason: "CONCURRENT_QUERY_LIMIT_EXCEEDED",
    });
  ctx.store.add(record);
  return { QueryExecutionId: id };
}

/** The QueryExecution shape of GetQueryExecution / BatchGetQueryExecution. */
export function describe(q: QueryRecord): Record<string, unknown> {
  const now = Date.now();
  const end = q.completedMs ?? now;
  const queueEnd = q.startedMs ?? (q.state === "QUEUED" ? now : end);
  const status: Record<string, unknown> = { State: q.state, SubmissionDateTime: q.submittedMs / 1000 };
  if (q.completedMs !== undefined) status.CompletionDateTime = q.completedMs / 1000;
  if (q.stateChangeReason) status.StateChangeReason = q.stateChangeReason;
  if (q.failure) {
    status.AthenaError = {
      ErrorCategory: q.failure.errorCategory,
      ErrorType: q.failure.errorType,
      Retryable: q.failure.retryable,
      ErrorMessage: q.failure.message,
    };
  }
  const ext = path.extname(q.resultFile);
  return {
    QueryExecutionId: q.id,
    Query: q.query,
    StatementType: q.statementType,
    SubstatementType: q.substatementType,
    ResultConfiguration: { OutputLocation: resultS3Location(q.outputLocation, q.id).replace(/\.csv$/, ext) },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
    QueryExecutionContext: q.context,
    Status: status,
    Statistics: {
      EngineExecutionTimeInMillis: q.engineMs,
      DataScannedInBytes: q.dataScannedBytes,
      TotalExecutionTimeInMillis: Math.max(0, end - q.submittedMs),
      QueryQueueTimeInMillis: Math.max(0, queueEnd - q.submittedMs),
      ServicePreProcessingTimeInMillis: q.preProcessingMs,
      QueryPlanningTimeInMillis: q.planningMs,
      ServiceProcessingTimeInMillis: q.processingMs,
      ResultReuseInformation: { ReusedPreviousResult: false },
    },
    WorkGroup: q.workGroup,
    EngineVersion: ENGINE_VERSION,
    ...(q.parameters ? { ExecutionParameters: q.parameters } : {}),
  };
}

function requireQuery(ctx: AthenaContext, id: string): QueryRecord {
  const q = QUERY_ID.test(id) ? ctx.store.get(id) : undefined;
  if (!q) throw invalidRequest(`QueryExecution ${id} was not found`);
  return q;
}

interface ResultsPosition {
  /** Byte offset of the next row in the result file. */
  o: number;
}

async function getQueryResults(ctx: AthenaContext, input: Record<string, unknown>): Promise<unknown> {
  const v = new Violations();
  const id = v.string(input.QueryExecutionId, "queryExecutionId", { required: true, min: 1, max: 128 });
  const max = v.integer(input.MaxResults, "maxResults", { min: 1, max: 1000 }) ?? 1000;
  const token = v.string(input.NextToken, "nextToken", { min: 1, max: 1024 });
  v.throwIfAny("InvalidRequestException");
  const q = requireQuery(ctx, id!);
  if (q.state === "FAILED") throw invalidRequest(q.failure?.message ?? q.stateChangeReason ?? "Query failed");
  if (q.state === "CANCELLED") throw invalidRequest("Query has been cancelled");
  if (q.state !== "SUCCEEDED") throw invalidRequest(`Query has not yet finished. Current state: ${q.state}`);

  const kind = `athena-results:${q.id}`;
  const offset = token
    ? decodeToken<ResultsPosition>(token, kind, "InvalidRequestException", "Invalid NextToken").o
    : 0;
  if (typeof offset !== "number" || offset < 0) throw invalidRequest("Invalid NextToken");
  let page;
  try {
    page = await readCsvPage(q.resultFile, offset, max);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw invalidRequest(
        `Unable to read the query results at ${resultS3Location(q.outputLocation, q.id)}: the result file was deleted.`,
      );
    }
    throw err;
  }
  const columns = q.columns ?? [];
  return {
    UpdateCount: 0,
    ResultSet: {
      Rows: page.rows.map((row) => ({ Data: row.map((value) => (value === null ? {} : { VarCharValue: value })) })),
      ResultSetMetadata: {
        ColumnInfo: columns.map((c) => ({
          CatalogName: "hive",
          SchemaName: "",
          TableName: "",
          Name: c.name,
          Label: c.name,
          Type: c.type,
          Precision: c.precision,
          Scale: c.scale,
          Nullable: "UNKNOWN",
          CaseSensitive: c.caseSensitive,
        })),
      },
    },
    ...(page.done ? {} : { NextToken: encodeToken(kind, { o: page.nextOffset } satisfies ResultsPosition) }),
  };
}
