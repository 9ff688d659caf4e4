import { describe, expect, it } from "vitest";
import { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue } from "@duckdb/node-api";
import { ParameterError, parseParameter } from "./parameters";

describe("parseParameter", () => {
  it("reads a quoted string and undoes doubled quotes", () => {
    expect(parseParameter("'admin'", 0)).toMatchObject({ value: "admin" });
    expect(parseParameter("'it''s'", 0).value).toBe("it's");
    expect(parseParameter("''", 0).value).toBe("");
    expect(parseParameter("'x'' OR 1=1 --'", 0).value).toBe("x' OR 1=1 --");
  });

  it("types numbers like Trino literals: integer, bigint, decimal, double", () => {
    expect(parseParameter("42", 0)).toMatchObject({ value: 42 });
    expect(String(parseParameter("42", 0).type)).toBe("INTEGER");
    expect(parseParameter("9007199254740993", 0).value).toBe(9007199254740993n);
    const dec = parseParameter("-12.50", 0).value as DuckDBDecimalValue;
    expect(dec.toString()).toBe("-12.50");
    expect(dec.scale).toBe(2);
    expect(parseParameter("1e3", 0).value).toBe(1000);
  });

  it("reads booleans, NULL, DATE and TIMESTAMP literals", () => {
    expect(parseParameter("TRUE", 0).value).toBe(true);
    expect(parseParameter("false", 0).value).toBe(false);
    expect(parseParameter("NULL", 0).value).toBeNull();
    expect((parseParameter("DATE '2024-01-02'", 0).value as DuckDBDateValue).days).toBe(19724);
    expect((parseParameter("TIMESTAMP '2024-01-02 03:04:05.5'", 0).value as DuckDBTimestampValue).micros).toBe(
      1704164645500000n,
    );
  });

  it("refuses anything that is not a literal, so nothing can be spliced into SQL", () => {
    expect(() => parseParameter("admin", 0)).toThrow(ParameterError);
    expect(() => parseParameter("'a' OR 1=1", 0)).toThrow(ParameterError);
    expect(() => parseParameter("(SELECT 1)", 2)).toThrow(/ExecutionParameters\[2\]/);
    expect(() => parseParameter("DATE '2024-02-30'", 0)).toThrow(/cannot be cast to date/);
  });
});
