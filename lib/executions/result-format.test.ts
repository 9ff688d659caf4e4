import { describe, expect, it } from "vitest";
// The original story's result set, as published (fixtures/seed).
import seedJson from "../../fixtures/seed/seed-athena-get-query-results.json";
import type { GetQueryResultsCommandOutput } from "@aws-sdk/client-athena";
import { columnKind, toResultColumn } from "./result-columns";
import { formatCell, formatTimestamp, groupDigits } from "./result-format";
import { toResultPage } from "./result-page";

// JSON imports widen "UNKNOWN" to string; the file is exactly what GetQueryResults answered.
const seed = seedJson as unknown as GetQueryResultsCommandOutput;

describe("the original result set", () => {
  it("renders as one column _col0 with the value 0", () => {
    const page = toResultPage(seed, { firstPage: true, statementType: "DML" });
    expect(page.columns).toEqual([{ name: "_col0", type: "bigint", kind: "integer", align: "right" }]);
    expect(page.rows).toEqual([["0"]]);
    expect(formatCell(page.columns[0]!.kind, page.rows[0]![0]).text).toBe("0");
  });

  it("is recognised as having a header even without a statement type (the row spells the column names)", () => {
    expect(toResultPage(seed, { firstPage: true }).rows).toEqual([["0"]]);
  });
});

describe("header quirk", () => {
  const info = [{ Name: "n", Label: "n", Type: "integer" }];
  const rows = (...vals: (string | undefined)[]) =>
    vals.map((v) => ({ Data: [v === undefined ? {} : { VarCharValue: v }] }));

  it("drops the first row of the first page of a SELECT", () => {
    const out = { ResultSet: { ResultSetMetadata: { ColumnInfo: info }, Rows: rows("n", "1", "2") }, NextToken: "t" };
    const page = toResultPage(out, { firstPage: true, statementType: "DML" });
    expect(page.rows).toEqual([["1"], ["2"]]);
    expect(page.nextToken).toBe("t");
  });

  it("keeps every row of later pages of a SELECT", () => {
    const out = { ResultSet: { ResultSetMetadata: { ColumnInfo: info }, Rows: rows("3", "4") } };
    expect(toResultPage(out, { firstPage: false, statementType: "DML" }).rows).toEqual([["3"], ["4"]]);
  });

  it("keeps the first row of DDL and UTILITY results, even when it looks like the header", () => {
    const ddl = {
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: "tab_name", Type: "string" }] },
        Rows: rows("tab_name", "audit_log"),
      },
    };
    expect(toResultPage(ddl, { firstPage: true, statementType: "DDL" }).rows).toEqual([["tab_name"], ["audit_log"]]);
    expect(toResultPage(ddl, { firstPage: true, statementType: "UTILITY" }).rows).toHaveLength(2);
  });

  it("handles a SELECT with no rows at all (header only)", () => {
    const out = { ResultSet: { ResultSetMetadata: { ColumnInfo: info }, Rows: rows("n") } };
    expect(toResultPage(out, { firstPage: true, statementType: "DML" }).rows).toEqual([]);
  });

  it("keeps NULL (no VarCharValue) apart from the empty string", () => {
    const out = {
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: [{ Name: "s", Type: "varchar" }] },
        Rows: rows("s", undefined, ""),
      },
    };
    const page = toResultPage(out, { firstPage: true, statementType: "DML" });
    expect(page.rows).toEqual([[null], [""]]);
    const [nul, empty] = page.rows.map((r) => formatCell("text", r[0]));
    expect(nul).toMatchObject({ tone: "null", text: "NULL", raw: null });
    expect(empty).toMatchObject({ tone: "empty", text: "", raw: "" });
  });

  it("fills short rows with NULL so every row has a value per column", () => {
    const out = {
      ResultSet: {
        ResultSetMetadata: {
          ColumnInfo: [
            { Name: "a", Type: "varchar" },
            { Name: "b", Type: "varchar" },
          ],
        },
        Rows: [{ Data: [{ VarCharValue: "x" }] }],
      },
    };
    expect(toResultPage(out, { firstPage: false, statementType: "DML" }).rows).toEqual([["x", null]]);
  });
});

describe("every Athena type", () => {
  const cases: [type: string, raw: string, kind: string, text: string, align: "left" | "right"][] = [
    ["tinyint", "-12", "integer", "-12", "right"],
    ["smallint", "12345", "integer", "12,345", "right"],
    ["integer", "1234567", "integer", "1,234,567", "right"],
    ["int", "1000", "integer", "1,000", "right"],
    ["bigint", "9223372036854775807", "integer", "9,223,372,036,854,775,807", "right"],
    ["double", "1234567.125", "float", "1,234,567.125", "right"],
    ["double", "1.0E10", "float", "10,000,000,000", "right"],
    ["double", "1.5E-7", "float", "1.5E-7", "right"],
    ["double", "NaN", "float", "NaN", "right"],
    ["double", "Infinity", "float", "Infinity", "right"],
    ["real", "0.5", "float", "0.5", "right"],
    ["float", "-2048.25", "float", "-2,048.25", "right"],
    ["decimal(20,2)", "-1234567.50", "decimal", "-1,234,567.50", "right"],
    ["boolean", "true", "boolean", "true", "left"],
    ["date", "2026-11-27", "date", "2026-11-27", "left"],
    ["timestamp", "2026-11-27 23:59:59.000", "timestamp", "2026-11-27 23:59:59", "left"],
    ["timestamp(3)", "2026-11-27 23:59:59.120", "timestamp", "2026-11-27 23:59:59.12", "left"],
    ["timestamp with time zone", "2026-11-27 23:59:59.000 UTC", "timestamp", "2026-11-27 23:59:59 UTC", "left"],
    [
      "timestamp(3) with time zone",
      "2026-11-27 23:59:59.500 Asia/Tokyo",
      "timestamp",
      "2026-11-27 23:59:59.5 Asia/Tokyo",
      "left",
    ],
    ["time", "23:59:59.000", "time", "23:59:59", "left"],
    ["interval day to second", "1 02:03:04.000", "interval", "1 02:03:04.000", "left"],
    ["interval year to month", "1-2", "interval", "1-2", "left"],
    ["varchar", "admin", "text", "admin", "left"],
    ["varchar(10)", "admin", "text", "admin", "left"],
    ["char(3)", "abc", "text", "abc", "left"],
    ["string", "hello", "text", "hello", "left"],
    ["varbinary", "68 65 6c 6c 6f", "binary", "68 65 6c 6c 6f", "left"],
    ["array(integer)", "[1, 2, 3]", "structured", "[1, 2, 3]", "left"],
    ["map(varchar,integer)", "{a=1, b=2}", "structured", "{a=1, b=2}", "left"],
    ["row(x integer,y varchar)", "{x=1, y=a}", "structured", "{x=1, y=a}", "left"],
    ["json", '{"a":1}', "json", '{"a":1}', "left"],
    ["uuid", "12151fd2-7586-11e9-8f9e-2a86e4085a59", "text", "12151fd2-7586-11e9-8f9e-2a86e4085a59", "left"],
    ["ipaddress", "10.0.0.1", "text", "10.0.0.1", "left"],
    ["hyperloglog", "opaque", "other", "opaque", "left"],
  ];
  it.each(cases)("%s %j", (type, raw, kind, text, align) => {
    const col = toResultColumn({ Name: "c", Type: type }, 0);
    expect(col.kind).toBe(kind);
    expect(col.align).toBe(align);
    expect(formatCell(col.kind, raw)).toEqual({ raw, text, tone: "value", long: false });
  });

  it("shows NULL distinctly for every type", () => {
    for (const [type] of cases) expect(formatCell(columnKind(type), null).tone).toBe("null");
  });

  it("marks long and multi-line text as expandable, untouched", () => {
    const long = "x".repeat(200);
    expect(formatCell("text", long)).toMatchObject({ long: true, text: long });
    expect(formatCell("text", "a\nb").long).toBe(true);
    expect(formatCell("text", "short").long).toBe(false);
  });

  it("names decimal columns with their precision and scale from ColumnInfo", () => {
    expect(toResultColumn({ Name: "d", Type: "decimal", Precision: 10, Scale: 2 }, 0).type).toBe("decimal(10,2)");
  });

  it("falls back to _colN when a column has no name", () => {
    expect(toResultColumn({ Name: undefined, Type: "bigint" }, 3).name).toBe("_col3");
  });
});

describe("number and timestamp helpers", () => {
  it("groups digits without losing bigint precision", () => {
    expect(groupDigits("123")).toBe("123");
    expect(groupDigits("-1234")).toBe("-1,234");
    expect(groupDigits("12345678901234567890.5")).toBe("12,345,678,901,234,567,890.5");
    expect(groupDigits("1e5")).toBeNull();
  });

  it("reads ISO and offset timestamps as well", () => {
    expect(formatTimestamp("2026-11-27T23:59:59.000Z")).toBe("2026-11-27 23:59:59 UTC");
    expect(formatTimestamp("2026-11-27 23:59:59+00")).toBe("2026-11-27 23:59:59 UTC");
    expect(formatTimestamp("2026-11-27 23:59:59.250+09:00")).toBe("2026-11-27 23:59:59.25 +09:00");
    expect(formatTimestamp("not a time")).toBe("not a time");
  });
});
