// ExecutionParameters arrive as SQL literals ("'admin'", "42", "DATE '2024-01-01'"). Each is parsed into a
// typed value and bound to a DuckDB prepared-statement parameter: the text is never spliced into the SQL.
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  INTEGER,
  SQLNULL,
  TIMESTAMP,
  VARCHAR,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";

export interface BoundParameter {
  value: DuckDBValue;
  type: DuckDBType;
}

/** Thrown when an ExecutionParameter is not a literal this emulator understands. */
export class ParameterError extends Error {}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Parses one ExecutionParameter (an SQL literal) into the typed value Trino would give it. */
export function parseParameter(literal: string, index: number): BoundParameter {
  const text = literal.trim();
  const string = /^'((?:[^']|'')*)'$/s.exec(text);
  if (string) return { value: string[1]!.replace(/''/g, "'"), type: VARCHAR };
  const upper = text.toUpperCase();
  if (upper === "NULL") return { value: null, type: SQLNULL };
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE", type: BOOLEAN };
  if (/^[+-]?\d+$/.test(text)) {
    const n = BigInt(text);
    if (n >= BigInt(INT32_MIN) && n <= BigInt(INT32_MAX)) return { value: Number(n), type: INTEGER };
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return { value: n, type: BIGINT };
    throw new ParameterError(`Invalid numeric literal in ExecutionParameters[${index}]: ${literal}`);
  }
  const decimal = /^([+-]?)(\d*)\.(\d*)$/.exec(text);
  if (decimal && (decimal[2] || decimal[3])) {
    const [, sign, whole, fraction] = decimal as unknown as [string, string, string, string];
    const digits = (whole + fraction).replace(/^0+(?=\d)/, "") || "0";
    const width = Math.max(digits.length, fraction.length, 1);
    if (width > 38) throw new ParameterError(`Decimal literal too long in ExecutionParameters[${index}]: ${literal}`);
    const value = BigInt(`${sign}${whole}${fraction}` || "0");
    return { value: new DuckDBDecimalValue(value, width, fraction.length), type: DECIMAL(width, fraction.length) };
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text)) return { value: Number(text), type: DOUBLE };
  const typed = /^(DATE|TIMESTAMP)\s*'([^']*)'$/i.exec(text);
  if (typed) {
    const kind = typed[1]!.toUpperCase();
    const body = typed[2]!;
    if (kind === "DATE") {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(body);
      const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
      if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== body) {
        throw new ParameterError(`Value cannot be cast to date: ${body}`);
      }
      return { value: new DuckDBDateValue(ms / 86_400_000), type: DATE };
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/.exec(body);
    if (!m) throw new ParameterError(`Value cannot be cast to timestamp: ${body}`);
    const ms = Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
    );
    if (Number.isNaN(ms)) throw new ParameterError(`Value cannot be cast to timestamp: ${body}`);
    const micros = BigInt(ms) * 1000n + BigInt((m[7] ?? "").padEnd(6, "0") || "0");
    return { value: new DuckDBTimestampValue(micros), type: TIMESTAMP };
  }
  throw new ParameterError(
    `ExecutionParameters[${index}] must be an SQL literal (a quoted string, number, boolean, NULL, DATE '…' or TIMESTAMP '…'): ${literal}`,
  );
}

/** Parses every ExecutionParameter in order. */
export function parseParameters(literals: readonly string[]): BoundParameter[] {
  return literals.map((literal, i) => parseParameter(literal, i));
}
