import { describe, expect, it } from "vitest";
import { translateDuckDbError } from "./errors";

const ctx = (sql: string) => ({ originalSql: sql, engineSql: sql, catalog: "AwsDataCatalog", database: "auditlogs" });

describe("translateDuckDbError", () => {
  it("reports a missing column at its position in the user's SQL", () => {
    const sql = "SELECT x FROM aurora_audit_log";
    const f = translateDuckDbError(
      'Binder Error: Referenced column "x" not found in FROM clause!\nCandidate bindings: "y"\n\nLINE 1: SELECT x FROM aurora_audit_log\n               ^',
      ctx(sql),
    );
    expect(f).toMatchObject({ errorCategory: 2, errorType: 1000, retryable: false });
    expect(f.message).toBe(
      "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not authorized to access requested resources",
    );
  });

  it("names a missing table with catalog and database", () => {
    const sql = "SELECT * FROM\n  nope";
    const f = translateDuckDbError('Catalog Error: Table with name nope does not exist!\nDid you mean "x"?', ctx(sql));
    expect(f.message).toBe("TABLE_NOT_FOUND: line 2:3: Table 'awsdatacatalog.auditlogs.nope' does not exist");
  });

  it("reports a missing schema", () => {
    const f = translateDuckDbError(
      'Catalog Error: Table with name "nodb.t" does not exist because schema "nodb" does not exist.',
      ctx("SELECT * FROM nodb.t"),
    );
    expect(f.message).toBe("SCHEMA_NOT_FOUND: line 1:15: Schema 'nodb' does not exist");
  });

  it("maps syntax errors, unknown functions and bad casts", () => {
    expect(translateDuckDbError('Parser Error: syntax error at or near "FORM"', ctx("SELECT * FORM t")).message).toBe(
      "SYNTAX_ERROR: line 1:10: mismatched input 'FORM'. Expecting: <expression>",
    );
    expect(
      translateDuckDbError("Catalog Error: Scalar Function with name foo does not exist!", ctx("SELECT foo(1)"))
        .message,
    ).toBe("FUNCTION_NOT_FOUND: line 1:8: Function 'foo' not registered");
    const cast = translateDuckDbError(
      "Conversion Error: Could not convert string 'a' to INT32",
      ctx("SELECT CAST('a' AS integer)"),
    );
    expect(cast.message).toBe("INVALID_CAST_ARGUMENT: Cannot cast 'a' to INT");
    expect(cast.errorType).toBe(1001);
  });

  it("reports a column missing from GROUP BY", () => {
    const f = translateDuckDbError(
      "Binder Error: column b must appear in the GROUP BY clause or be used in an aggregate function",
      ctx("SELECT a, b FROM t GROUP BY a"),
    );
    expect(f.message).toBe(
      "EXPRESSION_NOT_AGGREGATE: line 1:11: 'b' must be an aggregate expression or appear in GROUP BY clause",
    );
  });

  it("treats anything unknown as an internal, retryable engine error", () => {
    const f = translateDuckDbError("INTERNAL Error: something broke", ctx("SELECT 1"));
    expect(f).toMatchObject({ errorCategory: 1, retryable: true });
    expect(f.message).toMatch(/^GENERIC_INTERNAL_ERROR: /);
  });
});
