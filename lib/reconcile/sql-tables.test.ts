import { describe, expect, it } from "vitest";
import { tablesInSql } from "./sql-tables";

describe("tablesInSql", () => {
  it("reads qualified and unqualified tables after FROM and JOIN", () => {
    expect(tablesInSql("SELECT * FROM auditlogs.aurora_audit_log a JOIN users u ON a.username = u.name")).toEqual([
      { catalog: null, database: "auditlogs", table: "aurora_audit_log" },
      { catalog: null, database: null, table: "users" },
    ]);
  });

  it("handles catalogs, quoted identifiers, and ignores CTE names, comments and strings", () => {
    const sql = `WITH recent AS (SELECT * FROM "AwsDataCatalog"."auditlogs"."Aurora_Log")
      -- FROM commented.out
      SELECT 'FROM fake.table', count(*) FROM recent`;
    expect(tablesInSql(sql)).toEqual([{ catalog: "AwsDataCatalog", database: "auditlogs", table: "Aurora_Log" }]);
  });

  it("finds nothing in a query without tables", () => {
    expect(tablesInSql("SELECT 1")).toEqual([]);
  });
});
