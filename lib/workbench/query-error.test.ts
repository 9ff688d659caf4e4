import { describe, expect, it } from "vitest";
import { errorRange, parseQueryError } from "./query-error";

describe("parseQueryError", () => {
  it("splits a Trino error into its name, position and sentence", () => {
    expect(parseQueryError("SYNTAX_ERROR: line 3:14: mismatched input 'FORM'. Expecting: <expression>")).toEqual({
      code: "SYNTAX_ERROR",
      title: "Syntax error",
      message: "mismatched input 'FORM'. Expecting: <expression>",
      line: 3,
      column: 14,
    });
  });

  it("names column and table errors in words", () => {
    const col = parseQueryError(
      "COLUMN_NOT_FOUND: line 1:8: Column 'usernme' cannot be resolved or requester is not authorized to access requested resources",
    );
    expect([col.title, col.line, col.column]).toEqual(["Unknown column", 1, 8]);
    expect(col.message).toMatch(/^Column 'usernme' cannot be resolved/);
    const table = parseQueryError("TABLE_NOT_FOUND: line 2:6: Table 'awsdatacatalog.auditlogs.nope' does not exist");
    expect([table.code, table.title, table.line, table.column]).toEqual(["TABLE_NOT_FOUND", "Unknown table", 2, 6]);
  });

  it("reads Hive's `Line L:C` and messages without a position", () => {
    const hive = parseQueryError("FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'x'");
    expect([hive.line, hive.column]).toEqual([1, 14]);
    expect(hive.code).toBeNull();
    const denied = parseQueryError(
      "Access denied when writing output to url: s3://bucket/ . Please ensure you are allowed",
    );
    expect([denied.title, denied.line, denied.column]).toEqual(["Permission denied", null, null]);
    expect(parseQueryError("WorkGroup primary is disabled.").title).toBe("Workgroup error");
    expect(parseQueryError("NOT_SUPPORTED: Unsupported statement").title).toBe("Not supported");
  });
});

describe("errorRange", () => {
  const sql = "SELECT count(*)\nFROM aurora_audit_log\nWHERE usernme = 'admin'";

  it("covers the word at the line and column", () => {
    const r = errorRange(sql, parseQueryError("COLUMN_NOT_FOUND: line 3:7: Column 'usernme' cannot be resolved"))!;
    expect(sql.slice(r.from, r.to)).toBe("usernme");
  });

  it("is shifted by where a selection starts in the editor", () => {
    const doc = `-- notes\n${sql}`;
    const r = errorRange(sql, parseQueryError("SYNTAX_ERROR: line 2:6: x"), 9)!;
    expect(doc.slice(r.from, r.to)).toBe("aurora_audit_log");
  });

  it("marks one character at a non-word position and the last one at the end of the text", () => {
    const r = errorRange("SELECT (", parseQueryError("SYNTAX_ERROR: line 1:8: mismatched input '('"))!;
    expect(r).toEqual({ from: 7, to: 8 });
    const eof = errorRange("SELECT", parseQueryError("SYNTAX_ERROR: line 1:7: mismatched input '<EOF>'"))!;
    expect(eof).toEqual({ from: 5, to: 6 });
  });

  it("is null without a position or outside the text", () => {
    expect(errorRange(sql, parseQueryError("Query exhausted resources"))).toBeNull();
    expect(errorRange(sql, parseQueryError("SYNTAX_ERROR: line 9:1: x"))).toBeNull();
  });
});
