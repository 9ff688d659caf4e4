// Small fixed tables for result-rendering tests: every Athena type (with NULLs, empty strings and odd text), and
// a 100,000-row numbers table for paging and CSV-export tests. Written as Parquet by DuckDB itself.
import fs from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";

export const DEMO_ALL_TYPES_GENERATOR = "demo-all-types";
export const DEMO_NUMBERS_GENERATOR = "demo-numbers";

/** Rows of demo.all_types: a typical row, an all-NULL row, an "empty" row, and one with awkward text. */
const ALL_TYPES_SQL = `
SELECT * FROM (VALUES
  (1, 'alpha', 1::TINYINT, 100::SMALLINT, 9007199254740993::BIGINT, 12.50::DECIMAL(10,2), 0.5::DOUBLE, 1.25::FLOAT, true,
   DATE '2024-01-15', TIMESTAMP '2024-01-15 10:30:00.123', ['a', 'b'], MAP {'k1': 1, 'k2': 2}, {'x': 1.5, 'y': -2.0},
   '{"user":"admin","ok":true}', '\\x61\\x62'::BLOB),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, '', 0::TINYINT, 0::SMALLINT, 0::BIGINT, 0.00::DECIMAL(10,2), 0.0::DOUBLE, 0.0::FLOAT, false,
   DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00', []::VARCHAR[], MAP {}::MAP(VARCHAR, INTEGER), {'x': 0.0, 'y': 0.0},
   '{}', ''::BLOB),
  (4, 'quote '' comma , newline
and "double" ünïcødé ✓', (-128)::TINYINT, (-32768)::SMALLINT, (-9223372036854775808)::BIGINT, (-99999999.99)::DECIMAL(10,2),
   12345678.9::DOUBLE, (-3.5)::FLOAT, true, DATE '2999-12-31', TIMESTAMP '2024-02-29 23:59:59.999', ['x,y', NULL, ''],
   MAP {'a b': NULL}, {'x': NULL, 'y': 1e-5}, '[1,2,3]', NULL)
) t(id, label, tiny, small, big, price, ratio, score, active, day, ts, tags, attrs, point, payload, raw)`;

/** Writes demo.all_types' Parquet file into `dir` (replacing what was there). */
export async function generateAllTypes(connection: DuckDBConnection, dir: string): Promise<void> {
  await writeParquet(connection, dir, "all_types.parquet", ALL_TYPES_SQL);
}

/** Writes demo.numbers: n = 1..rows, a label, parity and a timestamp one minute apart. */
export async function generateNumbers(connection: DuckDBConnection, dir: string, rows = 100_000): Promise<void> {
  await writeParquet(
    connection,
    dir,
    "numbers.parquet",
    `SELECT n, 'row ' || n AS label, n % 2 = 0 AS is_even, TIMESTAMP '2024-01-01 00:00:00' + to_minutes(n) AS ts
     FROM range(1, ${Math.floor(rows) + 1}) t(n)`,
  );
}

async function writeParquet(connection: DuckDBConnection, dir: string, file: string, sql: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file).replace(/'/g, "''");
  await connection.run(`COPY (${sql}) TO '${target}' (FORMAT parquet)`);
}
