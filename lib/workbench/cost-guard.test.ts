import { describe, expect, it } from "vitest";
import { unfilteredPartitionScans } from "./cost-guard";
import type { SchemaTable } from "./schema-types";

const col = (name: string, partitionKey = false) => ({ name, type: "varchar", partitionKey, comment: null });
const tables = new Map<string, SchemaTable>([
  ["auditlogs.aurora_audit_log", { name: "aurora_audit_log", type: null, columns: [col("username"), col("dt", true)] }],
  ["auditlogs.plain", { name: "plain", type: null, columns: [col("a")] }],
]);

describe("unfilteredPartitionScans", () => {
  it("warns when a partitioned table is read with no predicate on its partition key", () => {
    expect(
      unfilteredPartitionScans("SELECT count(*) FROM aurora_audit_log WHERE username = 'admin'", tables, "auditlogs"),
    ).toEqual([{ table: "aurora_audit_log", partitionKeys: ["dt"] }]);
    expect(unfilteredPartitionScans('SELECT * FROM "auditlogs"."aurora_audit_log"', tables, "other")).toHaveLength(1);
  });

  it("is quiet when the partition key is filtered, the table is not partitioned or unknown", () => {
    expect(
      unfilteredPartitionScans("SELECT * FROM auditlogs.aurora_audit_log a WHERE a.dt = '2026-12-01'", tables, "x"),
    ).toEqual([]);
    expect(unfilteredPartitionScans("SELECT * FROM plain", tables, "auditlogs")).toEqual([]);
    expect(unfilteredPartitionScans("SELECT * FROM elsewhere.t", tables, "auditlogs")).toEqual([]);
  });

  it("ignores the key's name in comments, strings and the select list", () => {
    const sql = "-- WHERE dt = 1\nSELECT dt FROM aurora_audit_log WHERE username = 'dt'";
    expect(unfilteredPartitionScans(sql, tables, "auditlogs")).toHaveLength(1);
  });
});
