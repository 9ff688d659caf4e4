// The Trino layer run on an in-memory DuckDB (no files): each function answers what Trino answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTrinoSession, type TrinoSession } from "../../../test/trino-session";
import { rewriteTrinoSql } from "./rewrite";

let session: TrinoSession;
beforeAll(async () => {
  session = await openTrinoSession();
});
afterAll(() => session?.close());

const value = (trinoSql: string) => session.value(trinoSql);

describe("Trino functions on DuckDB", () => {
  const cases: [string, string | null][] = [
    ["date_parse('2024-03-04 05:06:07', '%Y-%m-%d %H:%i:%s')", "2024-03-04 05:06:07.000"],
    ["from_iso8601_timestamp('2024-01-02T03:04:05Z')", "2024-01-02 03:04:05.000 UTC"],
    ["from_iso8601_timestamp('2024-01-02T03:04:05+02:00')", "2024-01-02 03:04:05.000 +02:00"],
    ["from_iso8601_date('2024-01-02')", "2024-01-02"],
    ["regexp_like('prod-aurora-cluster-instance-1', '^prod-.*-[0-9]$')", "true"],
    ["regexp_like('abc', 'x')", "false"],
    ["from_unixtime(1700000000)", "2023-11-14 22:13:20.000 UTC"],
    ["to_unixtime(TIMESTAMP '2024-01-01 00:00:01')", "1.704067201E9"],
    ["date_format(TIMESTAMP '2024-03-04 05:06:07', '%Y/%m/%d %H:%i')", "2024/03/04 05:06"],
    ['json_extract_scalar(\'{"a":{"b":"x"}}\', \'$.a.b\')', "x"],
    ["json_extract_scalar('{\"a\":{\"b\":1}}', '$.a')", null],
    ["cardinality(sequence(1, 5))", "5"],
    ["cardinality(ARRAY['a', 'b'])", "2"],
    ["cardinality(MAP(ARRAY['a'], ARRAY[1]))", "1"],
    ["element_at(ARRAY[10, 20, 30], 1)", "10"],
    ["element_at(ARRAY[10, 20, 30], -1)", "30"],
    ["element_at(ARRAY[10, 20, 30], 5)", null],
    ["element_at(MAP(ARRAY['k'], ARRAY[7]), 'k')", "7"],
    ["element_at(MAP(ARRAY['k'], ARRAY[7]), 'missing')", null],
    ["array_join(ARRAY['a', 'b', 'c'], ', ')", "a, b, c"],
    ["day_of_week(DATE '2024-01-07')", "7"],
    ["day_of_week(DATE '2024-01-08')", "1"],
    ["date_add('day', 3, TIMESTAMP '2024-01-30 10:00:00')", "2024-02-02 10:00:00.000"],
    ["date_add('month', 1, TIMESTAMP '2024-01-31 00:00:00')", "2024-02-29 00:00:00.000"],
    ["TIMESTAMP '2024-01-01 00:00:00' - interval '1' day", "2023-12-31 00:00:00.000"],
    ["DATE '2024-03-01' - interval '1' day", "2024-02-29"],
    ["sequence(1, 10, 4)", "[1, 5, 9]"],
    ["regexp_replace('a1b22c', '[0-9]+', '#')", "a#b#c"],
    ["arbitrary(x) FROM (VALUES (5)) t(x)", "5"],
    ["url_extract_host('https://example.com:8443/a?b=1')", "example.com"],
    ["format_datetime(TIMESTAMP '2024-01-02 03:04:05', 'yyyy-MM-dd HH:mm')", "2024-01-02 03:04"],
    ["parse_datetime('2024-01-02 03:04', 'yyyy-MM-dd HH:mm')", "2024-01-02 03:04:00.000"],
    ["transform(ARRAY[1, 2], x -> x * 2)", "[2, 4]"],
    ["slice(ARRAY[1, 2, 3, 4], 2, 2)", "[2, 3]"],
    ["array_max(ARRAY[1, 5, 3])", "5"],
    ["map_agg(k, v) FROM (VALUES ('a', 1)) t(k, v)", "{a=1}"],
    ["from_utf8(to_utf8('abc'))", "abc"],
    ["json_array_contains('[1, 2]', 2)", "true"],
    ["truncate(1.7)", "1"],
  ];
  it.each(cases)("%s → %s", async (sql, expected) => {
    expect(await value(sql)).toBe(expected);
  });

  it("approx_distinct and approx_percentile aggregate", async () => {
    const reader = await session.conn.runAndReadAll(
      rewriteTrinoSql(
        "SELECT approx_distinct(x % 10), approx_percentile(x, 0.5) FROM unnest(sequence(1, 1001)) AS t(x)",
      ).sql,
    );
    const [distinct, median] = reader.getRows()[0]!;
    expect(Math.abs(Number(distinct) - 10)).toBeLessThanOrEqual(1); // HyperLogLog: approximate
    expect(Math.abs(Number(median) - 501)).toBeLessThan(20);
  });

  it("unnest(sequence(1, 100000)) yields 100,000 rows", async () => {
    const reader = await session.conn.runAndReadAll(
      rewriteTrinoSql("SELECT count(*), max(n) FROM unnest(sequence(1, 100000)) AS t(n)").sql,
    );
    expect(reader.getRows()[0]!.map(String)).toEqual(["100000", "100000"]);
  });

  it("date_parse fails the query with Trino's message on bad input", async () => {
    await expect(session.conn.runAndReadAll("SELECT date_parse('not a date', '%Y-%m-%d')")).rejects.toThrow(
      /Invalid format: "not a date"/,
    );
  });
});
