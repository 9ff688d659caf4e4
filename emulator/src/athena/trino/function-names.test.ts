import { describe, expect, it } from "vitest";
import { unknownFunctionError } from "./function-names";

const duckdb = new Set(["list_value", "strftime", "abs", "date_trunc", "epoch", "t"]);

describe("unknownFunctionError", () => {
  it("reports a DuckDB-only function where Athena would, with line and column", () => {
    expect(unknownFunctionError("SELECT list_value(1, 2)", duckdb)).toBe(
      "FUNCTION_NOT_FOUND: line 1:8: Function 'list_value' not registered",
    );
    expect(unknownFunctionError("SELECT abs(-1),\n  EPOCH (now())", duckdb)).toBe(
      "FUNCTION_NOT_FOUND: line 2:3: Function 'epoch' not registered",
    );
  });

  it("leaves Trino functions, keywords, type names, qualified names and unknown names to the engine", () => {
    for (const sql of [
      "SELECT abs(-1), date_trunc('day', now())",
      "SELECT x FROM t WHERE x IN (1, 2) AND EXISTS (SELECT 1)",
      "SELECT CAST(x AS DECIMAL(10, 2)), CAST(y AS ARRAY(VARCHAR)) FROM t",
      "SELECT s.strftime(1) FROM s",
      "SELECT 'list_value(1)' -- strftime(x)",
      "SELECT no_such_function(1)",
    ]) {
      expect(unknownFunctionError(sql, duckdb), sql).toBeUndefined();
    }
  });
});
