// An in-memory DuckDB set up as the Athena engine sets up its connections, for testing the Trino layer without
// data sets: queries go through the rewrite, the per-query zone and Athena's result formatting.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { athenaType, formatterFor } from "../src/athena/athena-types";
import { displayZone, sessionZone } from "../src/athena/engine";
import { installTrinoFunctions, TRINO_MACRO_SCHEMA } from "../src/athena/trino/functions";
import { rewriteTrinoSql } from "../src/athena/trino/rewrite";

export interface TrinoSession {
  /** The connection, for statements the test runs as they are. */
  conn: DuckDBConnection;
  /** Runs a Trino statement; the first row as Athena prints it (null = NULL) and the columns' Athena types. */
  run(trinoSql: string): Promise<{ values: (string | null)[]; types: string[] }>;
  /** `SELECT <expression>`: the single value as Athena prints it. */
  value(expression: string): Promise<string | null>;
  close(): void;
}

export async function openTrinoSession(): Promise<TrinoSession> {
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false" });
  const admin = await instance.connect();
  await admin.run("SET GLOBAL TimeZone = 'UTC'");
  await admin.run("SET GLOBAL integer_division = true");
  await installTrinoFunctions(admin);
  await admin.run("ATTACH ':memory:' AS awsdatacatalog; CREATE SCHEMA awsdatacatalog.db");
  const conn = await instance.connect();
  await conn.run("USE awsdatacatalog.db");
  await conn.run(`SET search_path = 'awsdatacatalog.db,${TRINO_MACRO_SCHEMA}'`);

  const run: TrinoSession["run"] = async (trinoSql) => {
    const rewritten = rewriteTrinoSql(trinoSql);
    const zone = displayZone(rewritten);
    await conn.run(`SET TimeZone = '${sessionZone(zone)}'`);
    const reader = await conn.runAndReadAll(rewritten.sql);
    const types = reader.columnTypes();
    const row = reader.getRows()[0] ?? [];
    return {
      values: row.map((v, i) => (v === null ? null : formatterFor(types[i]!, zone)(v))),
      types: types.map((t) => athenaType(t).type),
    };
  };
  return {
    conn,
    run,
    value: async (expression) => (await run(`SELECT ${expression}`)).values[0] ?? null,
    close: () => {
      conn.closeSync();
      admin.closeSync();
      instance.closeSync();
    },
  };
}
