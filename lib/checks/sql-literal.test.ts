import { describe, expect, it } from "vitest";
import { sqlLiteralError } from "./sql-literal";

describe("sqlLiteralError", () => {
  it.each([
    "'text'",
    "''",
    "'it''s'",
    "'multi\nline'",
    "42",
    "-1",
    "+3.5",
    ".5",
    "1e10",
    "2.5E-3",
    "true",
    "FALSE",
    "NULL",
    "null",
    "DATE '2026-01-31'",
    "date '2024-02-29'",
    "TIMESTAMP '2026-01-31 12:00:00'",
    "TIMESTAMP '2026-01-31 12:00'",
    "TIMESTAMP '2026-01-31 23:59:59.123'",
    "TIMESTAMP '2026-01-31'",
    "  'padded'  ",
    "'日本語'",
  ])("accepts %j", (v) => {
    expect(sqlLiteralError(v)).toBeNull();
  });

  it.each([
    ["", /Enter a value/],
    ["   ", /Enter a value/],
    ["text", /Not an SQL literal/],
    ["'unterminated", /must end with '/],
    ["'it's'", /must end with '|''/],
    ['"double"', /Not an SQL literal/],
    ["1.2.3", /Not an SQL literal/],
    ["0x1F", /Not an SQL literal/],
    ["DATE '2026-02-30'", /not a real calendar day/],
    ["DATE '2025-02-29'", /not a real calendar day/],
    ["DATE '2026-13-01'", /not a real calendar day/],
    ["DATE 2026-01-01", /Not an SQL literal/],
    ["TIMESTAMP '2026-01-31 24:00:00'", /impossible time/],
    ["TIMESTAMP '2026-01-31 12:60'", /impossible time/],
    ["TIMESTAMP '2026-04-31 12:00'", /not a real calendar day/],
    ["1; DROP TABLE x", /Not an SQL literal/],
    ["'a' || 'b'", /must end with '|''/],
  ])("refuses %j", (v, message) => {
    expect(sqlLiteralError(v)).toMatch(message);
  });
});
