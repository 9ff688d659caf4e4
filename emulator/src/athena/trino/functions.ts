// Trino functions DuckDB lacks, installed once per DuckDB instance: SQL macros where the meaning is a plain
// substitution, JS scalar functions where DuckDB needs a constant argument (date_parse) or has a different
// built-in of the same name (cardinality of an array). Calls that need a rewrite live in rewrite.ts.
import {
  ANY,
  BIGINT,
  DuckDBScalarFunction,
  DuckDBTimestampValue,
  LIST,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBListValue,
} from "@duckdb/node-api";
import { parseMysqlDate } from "./mysql-format";

/** Where the macros live; every query connection must have it on its search path. */
export const TRINO_MACRO_SCHEMA = "memory.main";

const MACROS: string[] = [
  "regexp_like(s, p) AS regexp_matches(s, p)",
  "approx_distinct(x) AS approx_count_distinct(x), (x, e) AS approx_count_distinct(x)",
  "approx_percentile(x, p) AS approx_quantile(x, p)",
  // Trino returns timestamp(3) with time zone; the session time zone is UTC so a plain timestamp reads the same.
  "from_unixtime(x) AS make_timestamp(CAST(round(CAST(x AS DOUBLE) * 1000000) AS BIGINT)), (x, tz) AS timezone(tz, to_timestamp(CAST(x AS DOUBLE)))",
  "to_unixtime(t) AS epoch(t)",
  "from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)",
  "from_iso8601_date(s) AS CAST(s AS DATE)",
  "to_iso8601(t) AS strftime(CAST(t AS TIMESTAMP), '%Y-%m-%dT%H:%M:%S.%gZ')",
  "json_extract_scalar(j, p) AS CASE WHEN json_type(json_extract(j, p)) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END",
  "json_parse(s) AS json(s)",
  "json_format(j) AS CAST(j AS VARCHAR)",
  "array_join(a, s) AS array_to_string(a, s)",
  "day_of_week(t) AS isodow(t)",
  "dow(t) AS isodow(t)",
  "day_of_month(t) AS dayofmonth(t)",
  "day_of_year(t) AS dayofyear(t)",
  "doy(t) AS dayofyear(t)",
  "year_of_week(t) AS isoyear(t)",
  "last_day_of_month(t) AS last_day(t)",
  "sequence(a, b) AS generate_series(a, b), (a, b, c) AS generate_series(a, b, c)",
  "arbitrary(x) AS any_value(x)",
  "levenshtein_distance(a, b) AS levenshtein(a, b)",
  "url_extract_host(u) AS regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1)",
  "url_extract_path(u) AS regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)', 1)",
  "is_nan(x) AS isnan(x)",
  "bitwise_and(a, b) AS (a & b)",
  "bitwise_or(a, b) AS (a | b)",
  "map_agg(k, v) AS map(list(k), list(v))",
  "to_utf8(s) AS encode(s)",
  "from_utf8(b) AS decode(b)",
  "json_array_contains(j, v) AS json_contains(j, to_json(v))",
  "json_size(j, p) AS CASE WHEN json_type(json_extract(j, p)) = 'OBJECT' THEN len(json_keys(j, p)) ELSE json_array_length(j, p) END",
  "truncate(x) AS trunc(x)",
  "codepoint(s) AS unicode(s)",
  "nan() AS CAST('NaN' AS DOUBLE)",
  "infinity() AS CAST('Infinity' AS DOUBLE)",
  "rand() AS random()",
  "array_max(a) AS list_max(a)",
  "array_min(a) AS list_min(a)",
];

/** Creates the Trino macros and JS functions on the instance behind `connection` (idempotent). */
export async function installTrinoFunctions(connection: DuckDBConnection): Promise<void> {
  for (const macro of MACROS) await connection.run(`CREATE OR REPLACE MACRO ${TRINO_MACRO_SCHEMA}.${macro}`);

  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "date_parse",
      returnType: TIMESTAMP,
      parameterTypes: [VARCHAR, VARCHAR],
      mainFunction: (info, input, output) => {
        const texts = input.getColumnVector(0);
        const formats = input.getColumnVector(1);
        for (let row = 0; row < input.rowCount; row++) {
          const text = texts.getItem(row);
          const format = formats.getItem(row);
          if (text === null || format === null) {
            output.setItem(row, null);
            continue;
          }
          try {
            output.setItem(row, new DuckDBTimestampValue(parseMysqlDate(String(text), String(format))));
          } catch (err) {
            info.setError((err as Error).message);
            return;
          }
        }
        output.flush();
      },
    }),
  );

  // DuckDB's cardinality() takes maps only; Trino's also counts array elements. An overload, not a macro,
  // so the built-in map version stays.
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: "cardinality",
      returnType: BIGINT,
      parameterTypes: [LIST(ANY)],
      mainFunction: (_info, input, output) => {
        const lists = input.getColumnVector(0);
        for (let row = 0; row < input.rowCount; row++) {
          const list = lists.getItem(row) as DuckDBListValue | null;
          output.setItem(row, list === null ? null : BigInt(list.items.length));
        }
        output.flush();
      },
    }),
  );
}
