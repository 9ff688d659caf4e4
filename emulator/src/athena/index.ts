// The Athena service of the emulator (JSON 1.1, X-Amz-Target AmazonAthena.<Op>): queries run on DuckDB through a
// Trino compatibility layer against the tables of emulator/data/catalog.json; results land under
// <dataDir>/results/<bucket>/<prefix>/<QueryExecutionId>.csv, standing in for the S3 output location.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AwsError } from "../core/aws-error";
import type { ServiceDefinition, ServiceDeps } from "../core/types";
import { DEFAULT_CATALOG_PATH, loadCatalogConfig } from "./catalog";
import { DEFAULT_AUDIT_ROWS } from "./datasets";
import { AthenaEngine, type ExecuteOutcome } from "./engine";
import { classifyStatement } from "./statement";
import { metadataOperations } from "./metadata-operations";
import { queryOperations } from "./query-operations";
import { QueryQueue } from "./query-queue";
import { QueryStore, type QueryRecord } from "./query-store";
import { fileTimeSec, type AthenaContext } from "./service-context";

const INTERRUPTED_REASON = "Query did not finish: the emulator stopped while it was queued or running.";

/** Creates the Athena service; start() generates missing data sets and opens DuckDB. */
export function createAthenaService(deps: ServiceDeps): ServiceDefinition {
  const options = deps.config.options ?? {};
  const catalogFile = options["athena-catalog"] ?? process.env.EMULATOR_ATHENA_CATALOG ?? DEFAULT_CATALOG_PATH;
  const auditRows = positiveInt(options["audit-rows"] ?? process.env.EMULATOR_AUDIT_ROWS, DEFAULT_AUDIT_ROWS);
  const auditSeed = positiveInt(options["audit-seed"] ?? process.env.EMULATOR_AUDIT_SEED, 20240601);
  // DuckDB already uses every core for one query; two at a time keeps a long query from blocking short ones.
  const concurrency = positiveInt(
    options["athena-concurrency"] ?? process.env.EMULATOR_ATHENA_CONCURRENCY,
    Math.min(2, Math.max(1, os.cpus().length)),
  );

  const store = new QueryStore(deps.stateDir);
  const ctx: AthenaContext = {
    dataDir: deps.config.dataDir,
    catalog: loadCatalogConfig(catalogFile),
    catalogCreatedSec: fileTimeSec(catalogFile),
    store,
    queue: new QueryQueue(concurrency, 1000, (id) => runQuery(ctx, id)),
    engine: undefined,
  };
  // Whatever was in flight when the emulator last stopped can never finish now.
  let interrupted = false;
  for (const q of store.list()) {
    if (q.state === "QUEUED" || q.state === "RUNNING") {
      markInterrupted(q);
      interrupted = true;
    }
  }
  if (interrupted) store.changed();

  return {
    name: "athena",
    targetPrefix: "AmazonAthena",
    jsonVersion: "1.1",
    operations: { ...queryOperations(ctx), ...metadataOperations(ctx) },

    async start() {
      ctx.engine = await AthenaEngine.open({
        dataDir: ctx.dataDir,
        catalog: ctx.catalog,
        auditRows,
        seed: auditSeed,
        concurrency,
        log: (m) => console.error(`[athena] ${m}`),
      });
    },

    async stop() {
      ctx.queue.stop();
      for (const q of store.list()) if (q.state === "QUEUED" || q.state === "RUNNING") markInterrupted(q);
      const engine = ctx.engine;
      ctx.engine = undefined;
      await engine?.close();
      await store.flush();
    },

    async reset() {
      for (const id of ctx.queue.pending()) ctx.queue.remove(id);
      for (const q of store.list()) if (q.state === "RUNNING") ctx.engine?.cancel(q.id);
      store.clear();
      fs.rmSync(path.join(ctx.dataDir, "results"), { recursive: true, force: true });
    },

    admin: {
      // POST /_emulator/athena/delete-result {"queryExecutionId", "forgetQuery"?: true}: the result file goes (an S3
      // lifecycle rule); with forgetQuery the query itself too (Athena's 45 days). Lets tests and demos show what
      // the console does once AWS no longer has a run's rows.
      "delete-result": (input, method) => {
        if (method !== "POST") throw new AwsError("ValidationException", "Use POST.", 405);
        const id = typeof input.queryExecutionId === "string" ? input.queryExecutionId : "";
        const q = store.get(id);
        if (!q) throw new AwsError("ResourceNotFoundException", `QueryExecution ${id} was not found`, 404);
        const existed = fs.existsSync(q.resultFile);
        fs.rmSync(q.resultFile, { force: true });
        fs.rmSync(`${q.resultFile}.metadata`, { force: true });
        const forgotten = input.forgetQuery === true ? store.forget(id) : false;
        return { queryExecutionId: id, resultDeleted: existed, queryForgotten: forgotten };
      },
    },

    health() {
      const counts: Record<string, number> = {};
      for (const q of store.list()) counts[q.state] = (counts[q.state] ?? 0) + 1;
      return { queries: counts, engine: ctx.engine ? "ready" : "starting", auditRows };
    },
  };
}

/** Runs one queued query on the engine and records its outcome (called by the queue). */
async function runQuery(ctx: AthenaContext, id: string): Promise<void> {
  const q = ctx.store.get(id);
  const engine = ctx.engine;
  if (!q || q.state !== "QUEUED") return;
  if (!engine) {
    markInterrupted(q);
    ctx.store.changed();
    return;
  }
  q.state = "RUNNING";
  q.startedMs = Date.now();
  ctx.store.changed();
  let outcome: ExecuteOutcome;
  try {
    outcome = await engine.execute({
      queryId: q.id,
      sql: q.query,
      catalog: q.context.Catalog ?? "AwsDataCatalog",
      database: q.context.Database ?? "default",
      parameters: q.parameters ?? [],
      resultFile: q.resultFile,
    });
  } catch (err) {
    // An emulator bug, not the user's: report it as Athena's internal error rather than leave the query RUNNING.
    console.error(`[athena] query ${id} failed inside the emulator:`, err);
    const message = `GENERIC_INTERNAL_ERROR: ${(err as Error)?.message ?? String(err)}`;
    outcome = {
      state: "FAILED",
      kind: classifyStatement(q.query),
      failure: { errorCategory: 1, errorType: 200, retryable: true, message },
      planningMs: 0,
      engineMs: 0,
      preProcessingMs: 0,
      processingMs: 0,
    };
  }
  // stop() may already have failed the query as interrupted: keep that answer.
  if (q.state !== "RUNNING") return;
  q.completedMs = Date.now();
  q.engineMs = outcome.engineMs;
  q.planningMs = outcome.planningMs;
  q.preProcessingMs = outcome.preProcessingMs;
  q.processingMs = outcome.processingMs;
  q.state = outcome.state;
  if (outcome.state === "SUCCEEDED") {
    delete q.stateChangeReason; // a StopQueryExecution that came too late leaves no trace
    q.dataScannedBytes = outcome.dataScannedBytes;
    q.columns = outcome.columns;
    q.rowCount = outcome.rowCount;
    q.hasHeader = outcome.hasHeader;
    q.resultBytes = outcome.resultBytes;
  } else if (outcome.state === "FAILED") {
    q.failure = outcome.failure;
    q.stateChangeReason = outcome.failure.message;
  } else {
    q.stateChangeReason ??= "Query was cancelled by StopQueryExecution.";
  }
  ctx.store.changed();
}

function markInterrupted(q: QueryRecord): void {
  q.state = "FAILED";
  q.completedMs = Date.now();
  q.stateChangeReason = INTERRUPTED_REASON;
  q.failure = { errorCategory: 1, errorType: 100, retryable: true, message: INTERRUPTED_REASON };
}

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
