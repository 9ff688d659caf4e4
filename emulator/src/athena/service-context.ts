// What the Athena operations share: config, catalog, the engine, the query store and the queue.
import fs from "node:fs";
import { AwsError } from "../core/aws-error";
import type { CatalogConfig, WorkGroupConfig } from "./catalog";
import type { AthenaEngine } from "./engine";
import type { QueryQueue } from "./query-queue";
import type { QueryStore } from "./query-store";

export interface AthenaContext {
  dataDir: string;
  catalog: CatalogConfig;
  /** Epoch seconds used as CreationTime of workgroups and tables (when the catalog file was written). */
  catalogCreatedSec: number;
  store: QueryStore;
  queue: QueryQueue;
  /** Set once start() has opened DuckDB. */
  engine: AthenaEngine | undefined;
}

export const ENGINE_VERSION = { SelectedEngineVersion: "AUTO", EffectiveEngineVersion: "Athena engine version 3" };

/** Athena answers a bad request with InvalidRequestException, carrying an AthenaErrorCode. */
export function invalidRequest(message: string, athenaErrorCode = "INVALID_INPUT"): AwsError {
  return new AwsError("InvalidRequestException", message, 400, { AthenaErrorCode: athenaErrorCode });
}

/** The workgroup with this name, or InvalidRequestException as AWS answers for an unknown one. */
export function requireWorkGroup(ctx: AthenaContext, name: string): WorkGroupConfig {
  const wg = ctx.catalog.workGroups.find((w) => w.name === name);
  if (!wg) throw invalidRequest(`WorkGroup ${name} is not found.`);
  return wg;
}

/** Epoch seconds of a file's modification time, or now. */
export function fileTimeSec(file: string): number {
  try {
    return Math.floor(fs.statSync(file).mtimeMs / 1000);
  } catch {
    return Math.floor(Date.now() / 1000);
  }
}
