import { describe, expect, it } from "vitest";
import {
  BIGINT,
  DECIMAL,
  DOUBLE,
  HUGEINT,
  INTEGER,
  LIST,
  MAP,
  STRUCT,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampValue,
} from "@duckdb/node-api";
import { athenaType, formatDouble, formatTimestamp, formatterFor } from "./athena-types";

describe("athenaType", () => {
  it("uses Trino names with precision and scale", () => {
    expect(athenaType(VARCHAR)).toEqual({ type: "varchar", precision: 2147483647, scale: 0 });
    expect(athenaType(BIGINT).type).toBe("bigint");
    expect(athenaType(HUGEINT).type).toBe("bigint");
    expect(athenaType(INTEGER).type).toBe("integer");
    expect(athenaType(DOUBLE).type).toBe("double");
    expect(athenaType(DECIMAL(10, 2))).toEqual({ type: "decimal", precision: 10, scale: 2 });
    expect(athenaType(TIMESTAMP).type).toBe("timestamp");
    expect(athenaType(TIMESTAMPTZ).type).toBe("timestamp with time zone");
    expect(athenaType(LIST(INTEGER)).type).toBe("array");
    expect(athenaType(MAP(VARCHAR, INTEGER)).type).toBe("map");
    expect(athenaType(STRUCT({ x: INTEGER })).type).toBe("row");
  });
});

describe("value formatting", () => {
  it("prints doubles like Java's Double.toString", () => {
    expect(formatDouble(0.5)).toBe("0.5");
    expect(formatDouble(1)).toBe("1.0");
    expect(formatDouble(12345678.9)).toBe("1.23456789E7");
    expect(formatDouble(0.0001)).toBe("1.0E-4");
    expect(formatDouble(NaN)).toBe("NaN");
  });

  it("prints timestamps with milliseconds", () => {
    expect(formatTimestamp(1704067200123456n, false)).toBe("2024-01-01 00:00:00.123");
    expect(formatTimestamp(0n, true)).toBe("1970-01-01 00:00:00.000 UTC");
    expect(formatterFor(TIMESTAMP)(new DuckDBTimestampValue(1999n))).toBe("1970-01-01 00:00:00.001");
  });

  it("prints arrays, maps and rows as Athena does, with null inside", () => {
    expect(formatterFor(LIST(VARCHAR))(new DuckDBListValue(["a", null, ""]))).toBe("[a, null, ]");
    expect(formatterFor(MAP(VARCHAR, INTEGER))(new DuckDBMapValue([{ key: "k", value: 1 }]))).toBe("{k=1}");
    expect(formatterFor(STRUCT({ x: DOUBLE, y: VARCHAR }))(new DuckDBStructValue({ x: 1.5, y: "b" }))).toBe(
      "{x=1.5, y=b}",
    );
  });
});
