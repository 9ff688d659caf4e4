// Turns DuckDB failures into what Athena reports for a FAILED query: a Trino-style message with an error
// name and `line L:C` position in the SQL the user wrote, plus AthenaError's category and type.
import { lineColumn, significant, tokenize } from "./trino/tokenizer";

/** Athena's AthenaError for a FAILED query. Category 1 = system, 2 = user, 3 = other. */
export interface QueryFailure {
  errorCategory: 1 | 2 | 3;
  errorType: number;
  retryable: boolean;
  message: string;
}

/** Athena error types used here (see the Athena error catalog): 1000 user error, 1001 data error, 200 engine. */
export const ERROR_TYPE = { USER: 1000, DATA: 1001, ENGINE: 200, RESULT_WRITE: 401 } as const;

/** A failure the user caused (bad SQL, unknown table, wrong parameters). */
export function userFailure(message: string, errorType: number = ERROR_TYPE.USER): QueryFailure {
  return { errorCategory: 2, errorType, retryable: false, message };
}

interface Context {
  /** The SQL as the user sent it (positions are reported against it). */
  originalSql: string;
  /** The rewritten SQL DuckDB saw (its caret positions point into this). */
  engineSql: string;
  catalog: string;
  database: string;
}

/** Maps a DuckDB error message to Athena's FAILED-query error. */
export function translateDuckDbError(raw: string, ctx: Context): QueryFailure {
  const firstLine = raw.split("\n")[0] ?? raw;
  const caret = caretOffset(raw, ctx.engineSql);
  const at = (name?: string) => position(ctx, name, caret);
  let m: RegExpExecArray | null;

  if (
    (m = /^Binder Error: Referenced column "?([^"]+?)"? not found/.exec(firstLine)) ||
    (m = /^Binder Error: Values list "[^"]*" does not have a column named "([^"]+)"/.exec(firstLine)) ||
    (m = /^Binder Error: Table "[^"]*" does not have a column named "([^"]+)"/.exec(firstLine))
  ) {
    const column = m[1]!;
    return userFailure(
      `COLUMN_NOT_FOUND: ${at(column)}Column '${column}' cannot be resolved or requester is not authorized to access requested resources`,
    );
  }
  if (
    (m = /^Catalog Error: Table with name "?([^"!]+?)"? does not exist because schema "([^"]+)" does not exist/.exec(
      firstLine,
    ))
  ) {
    const schema = m[2]!;
    return userFailure(`SCHEMA_NOT_FOUND: ${at(schema)}Schema '${schema.toLowerCase()}' does not exist`);
  }
  if ((m = /^Catalog Error: Table with name "?([^"!]+?)"? does not exist/.exec(firstLine))) {
    const table = m[1]!;
    const parts = table.toLowerCase().split(".");
    const qualified = [ctx.catalog.toLowerCase(), ctx.database.toLowerCase(), ...parts].slice(-3).join(".");
    return userFailure(`TABLE_NOT_FOUND: ${at(parts[parts.length - 1])}Table '${qualified}' does not exist`);
  }
  if (
    (m = /^Catalog Error: (?:Scalar |Aggregate |Table )?Function with name "?([^"!]+?)"? does not exist/.exec(
      firstLine,
    ))
  ) {
    const fn = m[1]!;
    return userFailure(`FUNCTION_NOT_FOUND: ${at(fn)}Function '${fn.toLowerCase()}' not registered`);
  }
  if (
    (m = /^Binder Error: No function matches the given name and argument types '([^(]+)\(([^']*)\)'/.exec(firstLine))
  ) {
    const fn = m[1]!;
    return userFailure(
      `FUNCTION_NOT_FOUND: ${at(fn)}Unexpected parameters (${trinoTypes(m[2]!)}) for function ${fn.toLowerCase()}`,
    );
  }
  if (
    (m = /^Binder Error: Could not choose a best candidate function for the function call "([^(]+)\(([^)]*)\)"/.exec(
      firstLine,
    ))
  ) {
    return userFailure(`TYPE_MISMATCH: ${at()}Cannot apply operator: ${trinoTypes(m[2]!).replace(", ", ` ${m[1]} `)}`);
  }
  if ((m = /^Binder Error: column "?([^"\s]+)"? must appear in the GROUP BY clause/.exec(firstLine))) {
    return userFailure(
      `EXPRESSION_NOT_AGGREGATE: ${at(m[1])}'${m[1]}' must be an aggregate expression or appear in GROUP BY clause`,
    );
  }
  if ((m = /^Binder Error: Ambiguous reference to column name "([^"]+)"/.exec(firstLine))) {
    return userFailure(`AMBIGUOUS_NAME: ${at(m[1])}Column '${m[1]}' is ambiguous`);
  }
  if ((m = /^Parser Error: syntax error at or near "([^"]*)"/.exec(firstLine))) {
    return userFailure(`SYNTAX_ERROR: ${at(m[1])}mismatched input '${m[1]}'. Expecting: <expression>`);
  }
  if (/^Parser Error: syntax error at end of input/.test(firstLine)) {
    const end = lineColumn(ctx.originalSql, ctx.originalSql.trimEnd().length);
    return userFailure(
      `SYNTAX_ERROR: line ${end.line}:${end.column}: mismatched input '<EOF>'. Expecting: <expression>`,
    );
  }
  if (/^Parser Error:/.test(firstLine)) {
    return userFailure(`SYNTAX_ERROR: ${at()}${firstLine.replace(/^Parser Error:\s*/, "")}`);
  }
  if ((m = /^Conversion Error: Could not convert string '(.*)' to ([A-Z0-9]+)/.exec(firstLine))) {
    const target: Record<string, string> = {
      INT8: "TINYINT",
      INT16: "SMALLINT",
      INT32: "INT",
      INT64: "BIGINT",
      DOUBLE: "DOUBLE",
      FLOAT: "REAL",
    };
    return userFailure(`INVALID_CAST_ARGUMENT: Cannot cast '${m[1]}' to ${target[m[2]!] ?? m[2]}`, ERROR_TYPE.DATA);
  }
  if ((m = /^Conversion Error: (.*)$/.exec(firstLine))) {
    return userFailure(`INVALID_CAST_ARGUMENT: ${m[1]}`, ERROR_TYPE.DATA);
  }
  if ((m = /^Out of Range Error: (.*)$/.exec(firstLine))) {
    return userFailure(`NUMERIC_VALUE_OUT_OF_RANGE: ${m[1]}`, ERROR_TYPE.DATA);
  }
  if ((m = /^Invalid Input Error: (.*)$/.exec(firstLine))) {
    return userFailure(`INVALID_FUNCTION_ARGUMENT: ${m[1]}`, ERROR_TYPE.DATA);
  }
  if ((m = /^(?:Binder|Catalog|Not implemented|Permission|Invalid) Error: (.*)$/.exec(firstLine))) {
    return userFailure(`GENERIC_USER_ERROR: ${at()}${m[1]}`);
  }
  return {
    errorCategory: 1,
    errorType: ERROR_TYPE.ENGINE,
    retryable: true,
    message: `GENERIC_INTERNAL_ERROR: ${firstLine}`,
  };
}

// DuckDB prints "LINE n: <sql excerpt>" and a caret line under it; turn that into an offset in engineSql.
function caretOffset(raw: string, engineSql: string): number | undefined {
  const lines = raw.split("\n");
  const idx = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (idx < 0) return undefined;
  const header = /^LINE (\d+): (.*)$/.exec(lines[idx]!)!;
  const caretLine = lines[idx + 1] ?? "";
  const caretCol = caretLine.indexOf("^");
  if (caretCol < 0) return undefined;
  const prefix = `LINE ${header[1]}: `.length;
  let excerpt = header[2]!;
  let shift = 0;
  if (excerpt.startsWith("...")) {
    excerpt = excerpt.slice(3);
    shift = 3;
  }
  const within = caretCol - prefix - shift;
  const sqlLines = engineSql.split("\n");
  const lineNo = Number(header[1]);
  const lineText = sqlLines[lineNo - 1] ?? "";
  const excerptStart = lineText.indexOf(excerpt.replace(/\.\.\.$/, ""));
  if (excerptStart < 0) return undefined;
  let offset = 0;
  for (let i = 0; i < lineNo - 1; i++) offset += sqlLines[i]!.length + 1;
  return offset + excerptStart + within;
}

// Positions refer to what the user wrote: find the named identifier there; else fall back to the caret when the
// SQL was not rewritten; else leave the position out.
function position(ctx: Context, name: string | undefined, caret: number | undefined): string {
  if (name) {
    const wanted = name.toLowerCase();
    const hit = significant(tokenize(ctx.originalSql)).find(
      (t) =>
        (t.kind === "ident" && t.text.toLowerCase() === wanted) ||
        (t.kind === "qident" && t.text.slice(1, -1).toLowerCase() === wanted),
    );
    if (hit) {
      const lc = lineColumn(ctx.originalSql, hit.start);
      return `line ${lc.line}:${lc.column}: `;
    }
  }
  if (caret !== undefined && ctx.originalSql === ctx.engineSql) {
    const lc = lineColumn(ctx.originalSql, caret);
    return `line ${lc.line}:${lc.column}: `;
  }
  return "";
}

const DUCKDB_TO_TRINO: Record<string, string> = {
  VARCHAR: "varchar",
  STRING_LITERAL: "varchar",
  INTEGER: "integer",
  INTEGER_LITERAL: "integer",
  BIGINT: "bigint",
  DOUBLE: "double",
  FLOAT: "real",
  BOOLEAN: "boolean",
  DATE: "date",
  TIMESTAMP: "timestamp(3)",
  "TIMESTAMP WITH TIME ZONE": "timestamp(3) with time zone",
  SMALLINT: "smallint",
  TINYINT: "tinyint",
  HUGEINT: "bigint",
};

function trinoTypes(list: string): string {
  return list
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => DUCKDB_TO_TRINO[t] ?? t.toLowerCase())
    .join(", ");
}
