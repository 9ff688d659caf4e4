import { describe, expect, it } from "vitest";
import { rewriteTrinoSql, statementCount } from "./rewrite";
import { mysqlToStrftime, parseMysqlDate } from "./mysql-format";
import { lineColumn, tokenize } from "./tokenizer";

const rw = (sql: string) => rewriteTrinoSql(sql).sql;

describe("tokenize", () => {
  it("gives back the input exactly and keeps strings, quoted names and comments whole", () => {
    const sql = `SELECT 'a,(b)' AS "x(y)", f(1) -- c(2)\n/* d(3) */ FROM t WHERE x = ?`;
    const tokens = tokenize(sql);
    expect(tokens.map((t) => t.text).join("")).toBe(sql);
    expect(tokens.find((t) => t.kind === "string")?.text).toBe("'a,(b)'");
    expect(tokens.find((t) => t.kind === "qident")?.text).toBe('"x(y)"');
    expect(tokens.filter((t) => t.kind === "comment")).toHaveLength(2);
    expect(tokens.filter((t) => t.kind === "param")).toHaveLength(1);
  });

  it("reads doubled quotes as part of the literal", () => {
    expect(tokenize("'it''s'")).toHaveLength(1);
  });

  it("reports 1-based line and column", () => {
    expect(lineColumn("SELECT\n  x", 9)).toEqual({ line: 2, column: 3 });
  });
});

describe("rewriteTrinoSql", () => {
  it("turns 3-argument date_add into interval arithmetic", () => {
    expect(rw("SELECT date_add('day', -7, now())")).toBe("SELECT ((now()) + to_days(CAST(-7 AS INTEGER)))");
    expect(rw("SELECT date_add('hour', 2, ts) FROM t")).toBe("SELECT ((ts) + to_hours(CAST(2 AS BIGINT))) FROM t");
  });

  it("leaves DuckDB's own 2-argument date_add alone", () => {
    expect(rw("SELECT date_add(d, INTERVAL 1 DAY)")).toBe("SELECT date_add(d, INTERVAL 1 DAY)");
  });

  it("refuses an unknown date_add unit with a Trino-like message", () => {
    expect(() => rw("SELECT date_add('fortnight', 1, now())")).toThrow(/not a valid unit/);
  });

  it("turns element_at into 1-based subscripts, including array constructors with commas", () => {
    expect(rw("SELECT element_at(ARRAY[1, 2, 3], 2)")).toBe("SELECT (ARRAY[1, 2, 3])[2]");
    expect(rw("SELECT element_at(m, 'k') FROM t")).toBe("SELECT (m)['k'] FROM t");
  });

  it("converts a literal date_format pattern from MySQL to strftime", () => {
    expect(rw("SELECT date_format(ts, '%Y-%m-%d %H:%i:%s')")).toBe("SELECT strftime(ts, '%Y-%m-%d %H:%M:%S')");
  });

  it("makes regexp_replace global and turns $1 into \\1", () => {
    expect(rw("SELECT regexp_replace(s, '(a)', '<$1>')")).toBe("SELECT regexp_replace(s, '(a)', '<\\1>', 'g')");
    expect(rw("SELECT regexp_replace(s, '[0-9]')")).toBe("SELECT regexp_replace(s, '[0-9]', '', 'g')");
  });

  it("keeps current_date minus an interval a DATE, as in Trino", () => {
    expect(rw("SELECT current_date - interval '7' day")).toBe("SELECT CAST(current_date - interval '7' day AS DATE)");
    expect(rw("SELECT DATE '2024-01-10' + INTERVAL '1' MONTH")).toBe(
      "SELECT CAST(DATE '2024-01-10' + INTERVAL '1' MONTH AS DATE)",
    );
    expect(rw("SELECT now() - interval '1' hour")).toBe("SELECT now() - interval '1' hour");
  });

  it("rewrites nested calls and never touches strings, comments or qualified names", () => {
    expect(rw("SELECT element_at(element_at(a, 1), 2)")).toBe("SELECT ((a)[1])[2]");
    expect(rw("SELECT 'element_at(a, 1)' -- element_at(b, 2)")).toBe("SELECT 'element_at(a, 1)' -- element_at(b, 2)");
    expect(rw("SELECT s.element_at(a, 1)")).toBe("SELECT s.element_at(a, 1)");
  });

  it("counts ? placeholders outside strings", () => {
    expect(rewriteTrinoSql("SELECT '?' FROM t WHERE a = ? AND b = ?").parameterCount).toBe(2);
  });

  it("counts statements separated by semicolons", () => {
    expect(statementCount("SELECT 1;")).toBe(1);
    expect(statementCount("SELECT 1; SELECT 2")).toBe(2);
    expect(statementCount("SELECT ';'")).toBe(1);
    expect(statementCount("  -- nothing\n")).toBe(0);
  });
});

describe("MySQL date formats", () => {
  it("maps specifiers to strftime", () => {
    expect(mysqlToStrftime("%Y-%m-%dT%H:%i:%s.%f %p %W %M %e %c %T %%")).toBe(
      "%Y-%m-%dT%H:%M:%S.%f %p %A %B %-d %-m %H:%M:%S %%",
    );
    expect(() => mysqlToStrftime("%Q")).toThrow(/Unsupported/);
  });

  it("parses like Trino's date_parse", () => {
    const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;
    expect(parseMysqlDate("2024-03-04 05:06:07", "%Y-%m-%d %H:%i:%s")).toBe(micros("2024-03-04T05:06:07Z"));
    expect(parseMysqlDate("04/03/2024 1:02 PM", "%d/%m/%Y %h:%i %p")).toBe(micros("2024-03-04T13:02:00Z"));
    expect(parseMysqlDate("12:00:00 AM 05 Jan 2024", "%r %d %b %Y")).toBe(micros("2024-01-05T00:00:00Z"));
    expect(parseMysqlDate("2024-01-01 00:00:00.123456", "%Y-%m-%d %H:%i:%s.%f")).toBe(
      micros("2024-01-01T00:00:00Z") + 123456n,
    );
  });

  it("rejects text that does not match the whole format", () => {
    expect(() => parseMysqlDate("2024-13-01", "%Y-%m-%d")).toThrow(/Invalid format/);
    expect(() => parseMysqlDate("2024-02-30", "%Y-%m-%d")).toThrow(/Invalid format/);
    expect(() => parseMysqlDate("2024-01-01 junk", "%Y-%m-%d")).toThrow(/malformed/);
  });
});

describe("Joda patterns", () => {
  it("converts format_datetime / parse_datetime patterns", async () => {
    const { jodaToStrftime } = await import("./mysql-format");
    expect(jodaToStrftime("yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe("%Y-%m-%dT%H:%M:%S.%g");
    expect(jodaToStrftime("d MMM yyyy h:mm a")).toBe("%-d %b %Y %-I:%M %p");
    expect(() => jodaToStrftime("Q")).toThrow(/Unsupported/);
    expect(rw("SELECT format_datetime(ts, 'yyyy/MM/dd')")).toBe("SELECT strftime(ts, '%Y/%m/%d')");
    expect(rw("SELECT slice(a, 2, 3)")).toBe("SELECT list_slice(a, 2, (2) + (3) - 1)");
    expect(rw("SELECT transform(a, x -> x + 1)")).toBe("SELECT list_transform(a, x -> x + 1)");
  });
});
