import { describe, expect, it } from "vitest";
import { countPlaceholders } from "./sql-placeholders";

describe("countPlaceholders", () => {
  it.each([
    ["SELECT 1", 0],
    ["SELECT * FROM t WHERE a = ?", 1],
    ["SELECT * FROM t WHERE a = ? AND b = ?", 2],
    ["SELECT '?' FROM t", 0],
    ["SELECT 'it''s ?' FROM t WHERE a = ?", 1],
    ['SELECT "weird?col" FROM t WHERE a = ?', 1],
    ['SELECT "a""?b" FROM t', 0],
    ["SELECT 1 -- is this ?\nWHERE a = ?", 1],
    ["SELECT 1 /* ? ? ? */ WHERE a = ?", 1],
    ["SELECT 1 /* unterminated ? ", 0],
    ["SELECT '?", 0],
    ["SELECT ?, ?, ?", 3],
    ["SELECT `x?` FROM t WHERE a=?", 1],
    ["SELECT 1 -- trailing ?", 0],
    ["SELECT a-?-b", 1],
    ["SELECT a/?", 1],
    ["SELECT '' , ?", 1],
  ])("%j has %i placeholders", (sql, n) => {
    expect(countPlaceholders(sql)).toBe(n);
  });

  it("counts placeholders across lines and nested-looking quotes", () => {
    const sql = `SELECT count(*)\nFROM audit_log\nWHERE cluster = ? -- the cluster name\n  AND user = 'admin?'\n  AND ts > ?`;
    expect(countPlaceholders(sql)).toBe(2);
  });
});
