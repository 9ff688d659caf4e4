import { describe, expect, it } from "vitest";
import { duckDbType, loadCatalogConfig, tableViewSql } from "./catalog";

describe("duckDbType", () => {
  it("reads Hive and Trino type names", () => {
    expect(duckDbType("string")).toBe("VARCHAR");
    expect(duckDbType("varchar(10)")).toBe("VARCHAR");
    expect(duckDbType("int")).toBe("INTEGER");
    expect(duckDbType("decimal(10,2)")).toBe("DECIMAL(10,2)");
    expect(duckDbType("array<varchar>")).toBe("VARCHAR[]");
    expect(duckDbType("array(integer)")).toBe("INTEGER[]");
    expect(duckDbType("map<varchar,array<int>>")).toBe("MAP(VARCHAR, INTEGER[])");
    expect(duckDbType("struct<x:double,y:string>")).toBe('STRUCT("x" DOUBLE, "y" VARCHAR)');
    expect(duckDbType("row(a bigint)")).toBe('STRUCT("a" BIGINT)');
    expect(() => duckDbType("geometry")).toThrow(/Unsupported/);
  });
});

describe("the shipped catalog", () => {
  const config = loadCatalogConfig();
  const audit = config.catalogs[0]!.databases.find((d) => d.name === "auditlogs")!.tables[0]!;

  it("declares the audit table the demo checks query", () => {
    expect(audit.name).toBe("aurora_audit_log");
    expect(audit.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      "timestamp bigint",
      "serverhost varchar",
      "username varchar",
      "host varchar",
      "connectionid bigint",
      "queryid bigint",
      "operation varchar",
      "database varchar",
      "object varchar",
      "retcode integer",
    ]);
    expect(audit.partitionKeys).toEqual([expect.objectContaining({ name: "dt", type: "varchar" })]);
    expect(config.workGroups.map((w) => w.name)).toContain("primary");
  });

  it("reads the audit files without sniffing, with the single-quote quoting of Aurora", () => {
    // An empty directory gives an empty typed SELECT; a populated one a read_csv with hive partitioning.
    expect(tableViewSql("/nonexistent", audit)).toMatch(/^SELECT CAST\(NULL AS BIGINT\) AS "timestamp".* WHERE false$/);
  });
});
