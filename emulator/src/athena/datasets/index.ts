// Builds the files of catalog tables that have a generator, when they are missing or out of date.
import fs from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableDir, type CatalogConfig } from "../catalog";
import { AUDIT_LOG_GENERATOR, auditLogsUpToDate, generateAuditLogs } from "./aurora-audit-log";
import { DEMO_ALL_TYPES_GENERATOR, DEMO_NUMBERS_GENERATOR, generateAllTypes, generateNumbers } from "./demo-tables";

export interface DatasetOptions {
  /** Lines of the Aurora audit log (the `--audit-rows` flag). */
  auditRows: number;
  /** Seed of the audit log generator. */
  seed?: number;
  log?: (message: string) => void;
}

/** Default audit log size: small so that start-up stays fast. */
export const DEFAULT_AUDIT_ROWS = 20_000;

/** Generates every generated table that is missing or stale; returns the names of the tables it (re)built. */
export async function ensureDatasets(
  connection: DuckDBConnection,
  dataDir: string,
  catalog: CatalogConfig,
  options: DatasetOptions,
): Promise<string[]> {
  const built: string[] = [];
  for (const c of catalog.catalogs) {
    for (const db of c.databases) {
      for (const table of db.tables) {
        const dir = tableDir(dataDir, table);
        const name = `${db.name}.${table.name}`;
        switch (table.generator) {
          case AUDIT_LOG_GENERATOR:
            if (!auditLogsUpToDate(dir, options.auditRows)) {
              const started = Date.now();
              generateAuditLogs(dir, { rows: options.auditRows, seed: options.seed });
              options.log?.(`generated ${name}: ${options.auditRows} lines in ${Date.now() - started} ms`);
              built.push(name);
            }
            break;
          case DEMO_ALL_TYPES_GENERATOR:
            if (!hasFile(dir, ".parquet")) {
              await generateAllTypes(connection, dir);
              built.push(name);
            }
            break;
          case DEMO_NUMBERS_GENERATOR:
            if (!hasFile(dir, ".parquet")) {
              await generateNumbers(connection, dir);
              built.push(name);
            }
            break;
          case undefined:
            break;
          default:
            throw new Error(`catalog table ${name}: unknown generator ${table.generator}`);
        }
      }
    }
  }
  return built;
}

function hasFile(dir: string, ext: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith(ext));
  } catch {
    return false;
  }
}
