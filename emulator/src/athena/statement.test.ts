import { describe, expect, it } from "vitest";
import { classifyStatement } from "./statement";

describe("classifyStatement", () => {
  it("classifies queries as DML", () => {
    for (const sql of ["SELECT 1", "  with x AS (SELECT 1) SELECT * FROM x", "-- c\nVALUES (1)", "(SELECT 1)"]) {
      expect(classifyStatement(sql)).toMatchObject({
        statementType: "DML",
        substatementType: "SELECT",
        handler: "query",
      });
    }
  });

  it("classifies SHOW / DESCRIBE as UTILITY with their target", () => {
    expect(classifyStatement("SHOW TABLES IN auditlogs LIKE 'aurora*'")).toMatchObject({
      statementType: "UTILITY",
      handler: "show-tables",
      target: ["auditlogs"],
      like: "aurora*",
    });
    expect(classifyStatement("SHOW PARTITIONS auditlogs.aurora_audit_log")).toMatchObject({
      handler: "show-partitions",
      target: ["auditlogs", "aurora_audit_log"],
    });
    expect(classifyStatement("DESCRIBE aurora_audit_log")).toMatchObject({
      handler: "describe",
      target: ["aurora_audit_log"],
    });
    expect(classifyStatement("SHOW DATABASES")).toMatchObject({ handler: "show-databases" });
  });

  it("classifies DDL, accepting only the partition-refresh statements", () => {
    expect(classifyStatement("MSCK REPAIR TABLE aurora_audit_log")).toMatchObject({
      statementType: "DDL",
      handler: "noop-ddl",
      target: ["aurora_audit_log"],
    });
    expect(classifyStatement("ALTER TABLE t ADD PARTITION (dt='2024-01-01')")).toMatchObject({
      statementType: "DDL",
      handler: "noop-ddl",
    });
    expect(classifyStatement("CREATE EXTERNAL TABLE t (a int)")).toMatchObject({
      statementType: "DDL",
      substatementType: "CREATE_TABLE",
      handler: "unsupported",
    });
    expect(classifyStatement("INSERT INTO t VALUES (1)")).toMatchObject({
      statementType: "DML",
      handler: "unsupported",
    });
  });
});
