// The wrapped query of "no unacknowledged findings", run for real on DuckDB (the engine behind the local Athena):
// its first column counts the rows that are not acknowledged, NULL keys included, quotes escaped.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNACKNOWLEDGED_COLUMN, unacknowledgedFindingsSql } from "./verdict-sql";

const SQL = `SELECT * FROM (VALUES ('admin', '10.0.0.1', 3), ('rdsadmin', NULL, 1), ('o''brien', 'h2', 7)) AS t(username, host, n);`;

let db: DuckDBInstance;
beforeAll(async () => {
  db = await DuckDBInstance.create(":memory:");
});
afterAll(() => db.closeSync());

async function run(sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const conn = await db.connect();
  const reader = await conn.runAndReadAll(sql);
  const out = { columns: reader.columnNames(), rows: reader.getRowsJS() };
  conn.closeSync();
  return out;
}

describe("unacknowledgedFindingsSql", () => {
  it("counts every row when nothing is acknowledged, keeping all rows and columns", async () => {
    const r = await run(unacknowledgedFindingsSql(SQL, ["username", "host"], []));
    expect(r.columns).toEqual([UNACKNOWLEDGED_COLUMN, "username", "host", "n"]);
    expect(r.rows).toHaveLength(3);
    expect(r.rows.map((x) => Number(x[0]))).toEqual([3, 3, 3]);
  });

  it("leaves out acknowledged keys from the count, a NULL key and a quote included", async () => {
    const r = await run(
      unacknowledgedFindingsSql(
        SQL,
        ["username", "host"],
        [
          ["rdsadmin", null],
          ["o'brien", "h2"],
        ],
      ),
    );
    expect(r.rows).toHaveLength(3);
    expect(Number(r.rows[0]![0])).toBe(1);
  });

  it("counts 0 once every row is acknowledged, and matches keys as text", async () => {
    const r = await run(unacknowledgedFindingsSql(SQL, ["n"], [["3"], ["1"], ["7"]]));
    expect(r.rows.map((x) => Number(x[0]))).toEqual([0, 0, 0]);
  });

  it("a NULL acknowledged key does not match a non-NULL value", async () => {
    const r = await run(unacknowledgedFindingsSql(SQL, ["host"], [[null]]));
    expect(Number(r.rows[0]![0])).toBe(2);
  });

  it("an empty result stays empty (the verdict is then PASS by the row count)", async () => {
    const r = await run(unacknowledgedFindingsSql("SELECT 1 AS username WHERE false", ["username"], [["1"]]));
    expect(r.rows).toEqual([]);
  });
});
