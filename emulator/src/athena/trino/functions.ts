// Trino functions DuckDB lacks, installed once per DuckDB instance: SQL macros where the meaning is a plain
// substitution, JS scalar functions where DuckDB needs a constant argument (date_parse) or has a different
// built-in of the same name (cardinality of an array). Calls that need a rewrite live in rewrite.ts.
import {
  ANY,
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBScalarFunction,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  INTEGER,
  LIST,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBListValue,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { formatterFor } from "../athena-types";
import { parseMysqlDate } from "./mysql-format";
import {
  canonicalJson,
  formatNumber,
  humanReadableSeconds,
  isoOffset,
  javaFormat,
  soundex,
  luhnCheck,
  parseDataSize,
  regexpCount,
  regexpPosition,
  trinoTypeName,
  urlDecode,
  urlEncode,
} from "./scalars";
import { formatTimestamp, zoneOffsetMinutes } from "../athena-types";

/** Where the macros live; every query connection must have it on its search path. */
export const TRINO_MACRO_SCHEMA = "memory.main";

const MACROS: string[] = [
  "regexp_like(s, p) AS regexp_matches(s, p)",
  "approx_distinct(x) AS approx_count_distinct(x), (x, e) AS approx_count_distinct(x)",
  "approx_percentile(x, p) AS approx_quantile(x, p)",
  // Trino returns timestamp(3) with time zone (UTC; rewrite.ts handles the zone argument).
  "from_unixtime(x) AS to_timestamp(CAST(x AS DOUBLE))",
  "to_unixtime(t) AS epoch(t)",
  "from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)",
  "from_iso8601_date(s) AS CAST(s AS DATE)",
  "json_extract_scalar(j, p) AS CASE WHEN json_type(json_extract(j, p)) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(j, p) END",
  "json_parse(s) AS json(s)",
  "array_join(a, s) AS array_to_string(a, s)",
  "day_of_week(t) AS isodow(t)",
  "dow(t) AS isodow(t)",
  "day_of_month(t) AS dayofmonth(t)",
  "day_of_year(t) AS dayofyear(t)",
  "doy(t) AS dayofyear(t)",
  "year_of_week(t) AS isoyear(t)",
  "yow(t) AS isoyear(t)",
  "week_of_year(t) AS week(t)",
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
  // Trino answers NULL past the last field; DuckDB's split_part answers ''.
  "split_part(s, d, i) AS CASE WHEN i < 1 THEN error('Index must be greater than zero') ELSE string_split(s, d)[i] END",
  "regexp_split(s, p) AS string_split_regex(s, p)",
  "parse_data_size(s) AS CAST(trino_parse_data_size(s) AS DECIMAL(38, 0))",
  "is_json_scalar(j) AS json_type(json(j)) NOT IN ('OBJECT', 'ARRAY')",
  "json_array_get(j, i) AS json_extract(json(j), CASE WHEN i < 0 THEN '$[#' || i || ']' ELSE '$[' || i || ']' END)",
  // Trino's JSON values cast to SQL types unwrap the JSON: a JSON string is its text, JSON null is NULL.
  "trino_json_to_varchar(j) AS CASE json_type(json(j)) WHEN 'NULL' THEN NULL WHEN 'VARCHAR' THEN json_extract_string(json(j), '$') WHEN 'OBJECT' THEN error('Cannot cast JSON object to varchar') WHEN 'ARRAY' THEN error('Cannot cast JSON array to varchar') ELSE CAST(json(j) AS VARCHAR) END",
  "with_timezone(t, z) AS trino_at_time_zone(t)",
  "at_timezone(t, z) AS trino_at_time_zone(t)",
  // Athena's session zone.
  "current_timezone() AS 'UTC'",
  "width_bucket(x, lo, hi, n) AS CAST(CASE WHEN CAST(x AS DOUBLE) < lo THEN 0 WHEN CAST(x AS DOUBLE) >= hi THEN n + 1 ELSE floor((CAST(x AS DOUBLE) - lo) / (CAST(hi AS DOUBLE) - lo) * n) + 1 END AS BIGINT)",
  // Trino keeps the first occurrence of each element, in order; DuckDB's list_distinct does not keep the order.
  "array_distinct(a) AS list_filter(a, (x, i) -> list_position(a, x) = i)",
  "array_remove(a, v) AS list_filter(a, x -> x IS DISTINCT FROM v)",
  "split_to_map(s, entry, kv) AS map_from_entries(list_transform(string_split(s, entry), e -> {'k': string_split(e, kv)[1], 'v': string_split(e, kv)[2]}))",
  "url_extract_protocol(u) AS nullif(regexp_extract(u, '^([A-Za-z][A-Za-z0-9+.-]*):', 1), '')",
  "url_extract_query(u) AS CASE WHEN regexp_matches(u, '\\?') THEN regexp_extract(u, '\\?([^#]*)', 1) END",
  "url_extract_fragment(u) AS CASE WHEN regexp_matches(u, '#') THEN regexp_extract(u, '#(.*)$', 1) END",
  "url_extract_port(u) AS TRY_CAST(nullif(regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://[^/:?#]+:([0-9]+)', 1), '') AS BIGINT)",
  "url_extract_parameter(u, n) AS CASE WHEN regexp_matches(regexp_extract(u, '^[^#]*'), '[?&]' || n || '(=|&|$)') THEN regexp_extract(regexp_extract(u, '^[^#]*'), '[?&]' || n || '=([^&]*)', 1) END",
  // DuckDB's millisecond() counts the seconds too.
  "millisecond(t) AS CAST(microsecond(t) // 1000 AS BIGINT) % 1000",
  "bitwise_xor(a, b) AS xor(a, b)",
  "bitwise_not(a) AS ~a",
  "hamming_distance(a, b) AS hamming(a, b)",
  "normalize(s) AS nfc_normalize(s)",
  "ngrams(a, n) AS CASE WHEN len(a) <= n THEN [a] ELSE list_transform(generate_series(1, len(a) - n + 1), i -> a[i:i + n - 1]) END",
];

/** A DuckDB function computed in JavaScript, one row at a time; a thrown Error fails the query with its message. */
function rowFunction(
  name: string,
  parameterTypes: DuckDBType[],
  returnType: DuckDBType,
  compute: (args: unknown[], types: DuckDBType[]) => unknown,
  options: { varArgs?: DuckDBType; nulls?: "propagate" | "pass" } = {},
): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name,
    returnType,
    parameterTypes,
    varArgsType: options.varArgs,
    specialHandling: options.nulls === "pass",
    mainFunction: (info, input, output) => {
      const vectors = Array.from({ length: input.columnCount }, (_, i) => input.getColumnVector(i));
      const types = vectors.map((v) => v.type);
      for (let row = 0; row < input.rowCount; row++) {
        const args = vectors.map((v) => v.getItem(row));
        if (options.nulls !== "pass" && args.some((a) => a === null)) {
          output.setItem(row, null);
          continue;
        }
        try {
          output.setItem(row, compute(args, types) as DuckDBValue);
        } catch (err) {
          info.setError((err as Error).message);
          return;
        }
      }
      output.flush();
    },
  });
}

/** Java's String.valueOf as Trino's format() applies it to `%s`: the value as a query result would show it. */
function argumentText(types: DuckDBType[], offset: number) {
  return (value: unknown, index: number) =>
    value === null ? "null" : formatterFor(types[index + offset]!)(value as DuckDBValue);
}

/** ISO 8601 text of a timestamp with time zone shown in `zone` (a DuckDB TimeZone setting). */
function isoZoned(micros: bigint, zone: string): string {
  const ms = Number(micros / 1000n);
  let offset = 0;
  const etc = /^Etc\/GMT([+-])(\d+)$/.exec(zone);
  if (etc) offset = (etc[1] === "+" ? -60 : 60) * Number(etc[2]);
  else if (zone !== "UTC") offset = zoneOffsetMinutes(zone, ms);
  const local = formatTimestamp(micros + BigInt(offset) * 60_000_000n, false).replace(" ", "T");
  return `${local}${isoOffset(offset)}`;
}

const JS_FUNCTIONS: DuckDBScalarFunction[] = [
  rowFunction("human_readable_seconds", [DOUBLE], VARCHAR, ([x]) => humanReadableSeconds(Number(x))),
  rowFunction("from_base", [VARCHAR, BIGINT], BIGINT, ([text, radix]) => {
    const r = Number(radix);
    const digits = String(text).toLowerCase();
    const negative = digits.startsWith("-");
    const body = negative ? digits.slice(1) : digits;
    if (r < 2 || r > 36 || body === "" || [...body].some((c) => Number.isNaN(parseInt(c, r)))) {
      throw new Error(`Not a valid base-${r} number: ${String(text)}`);
    }
    const value = [...body].reduce((acc, c) => acc * BigInt(r) + BigInt(parseInt(c, r)), 0n);
    return negative ? -value : value;
  }),
  rowFunction("soundex", [VARCHAR], VARCHAR, ([s]) => soundex(String(s))),
  rowFunction("trino_url_encode", [VARCHAR], VARCHAR, ([s]) => urlEncode(String(s))),
  rowFunction("trino_url_decode", [VARCHAR], VARCHAR, ([s]) => urlDecode(String(s))),
  rowFunction("json_format", [VARCHAR], VARCHAR, ([s]) => canonicalJson(String(s))),
  // to_iso8601 by argument type; the zone is the query's session zone (rewrite.ts passes it).
  rowFunction("trino_to_iso8601", [DATE, VARCHAR], VARCHAR, ([d]) => String(d)),
  rowFunction("trino_to_iso8601", [TIMESTAMP, VARCHAR], VARCHAR, ([t]) =>
    formatTimestamp((t as DuckDBTimestampValue).micros, false).replace(" ", "T"),
  ),
  rowFunction("trino_to_iso8601", [TIMESTAMPTZ, VARCHAR], VARCHAR, ([t, zone]) =>
    isoZoned((t as DuckDBTimestampTZValue).micros, String(zone)),
  ),
  rowFunction("trino_type_name", [VARCHAR], VARCHAR, ([t]) => trinoTypeName(String(t))),
  rowFunction("luhn_check", [VARCHAR], BOOLEAN, ([s]) => luhnCheck(String(s))),
  rowFunction("trino_parse_data_size", [VARCHAR], VARCHAR, ([s]) => parseDataSize(String(s))),
  rowFunction("format_number", [DOUBLE], VARCHAR, ([x]) => formatNumber(Number(x))),
  rowFunction("regexp_count", [VARCHAR, VARCHAR], BIGINT, ([s, p]) => BigInt(regexpCount(String(s), String(p)))),
  rowFunction("regexp_position", [VARCHAR, VARCHAR], INTEGER, ([s, p]) => regexpPosition(String(s), String(p))),
  rowFunction("regexp_position", [VARCHAR, VARCHAR, BIGINT], INTEGER, ([s, p, start]) =>
    regexpPosition(String(s), String(p), Number(start)),
  ),
  rowFunction("regexp_position", [VARCHAR, VARCHAR, BIGINT, BIGINT], INTEGER, ([s, p, start, n]) =>
    regexpPosition(String(s), String(p), Number(start), Number(n)),
  ),
  rowFunction(
    "trino_format",
    [VARCHAR],
    VARCHAR,
    ([format, ...args], types) => {
      if (format === null) return null;
      return javaFormat(String(format), args, argumentText(types, 1));
    },
    { varArgs: ANY, nulls: "pass" },
  ),
  // `AT TIME ZONE` and with_timezone keep the instant; the zone only changes how it is shown (see rewrite.ts).
  rowFunction("trino_at_time_zone", [TIMESTAMPTZ], TIMESTAMPTZ, ([t]) => t),
  rowFunction(
    "trino_at_time_zone",
    [TIMESTAMP],
    TIMESTAMPTZ,
    ([t]) => new DuckDBTimestampTZValue((t as DuckDBTimestampValue).micros),
  ),
];

/** Creates the Trino macros and JS functions on the instance behind `connection` (idempotent). */
export async function installTrinoFunctions(connection: DuckDBConnection): Promise<void> {
  // Registered first: some macros call them.
  for (const fn of JS_FUNCTIONS) connection.registerScalarFunction(fn);
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
