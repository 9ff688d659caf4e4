// Athena's error text for a failed query, split into what the operator reads (a kind and a sentence) and where it
// points in the SQL (`line L:C`, 1-based, counted in the text that was sent). Pure: the page uses it to mark the
// editor, the service to store the sentence.

export interface QueryError {
  /** Athena/Trino's error name (`SYNTAX_ERROR`, `COLUMN_NOT_FOUND`, …) when the message starts with one. */
  code: string | null;
  /** What kind of error it is, in words. */
  title: string;
  /** The message without its name and position. */
  message: string;
  /** 1-based line and column in the SQL that was sent, when the message names them. */
  line: number | null;
  column: number | null;
}

const TITLES: Record<string, string> = {
  SYNTAX_ERROR: "Syntax error",
  COLUMN_NOT_FOUND: "Unknown column",
  TABLE_NOT_FOUND: "Unknown table",
  SCHEMA_NOT_FOUND: "Unknown database",
  CATALOG_NOT_FOUND: "Unknown catalog",
  FUNCTION_NOT_FOUND: "Unknown function",
  TYPE_MISMATCH: "Type mismatch",
  AMBIGUOUS_NAME: "Ambiguous name",
  EXPRESSION_NOT_AGGREGATE: "Not an aggregate",
  INVALID_CAST_ARGUMENT: "Invalid cast",
  INVALID_FUNCTION_ARGUMENT: "Invalid function argument",
  NUMERIC_VALUE_OUT_OF_RANGE: "Number out of range",
  PERMISSION_DENIED: "Permission denied",
  ACCESS_DENIED: "Access denied",
  GENERIC_INTERNAL_ERROR: "Athena internal error",
  GENERIC_USER_ERROR: "Query error",
};

const NAME = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):\s*/;
// Trino writes `line 3:14: `; Hive (DDL) writes `Line 1:14 ` — both 1-based.
const POSITION = /\bline (\d+):(\d+):?\s*/i;

/** Parses an Athena error message (AthenaError.ErrorMessage or StateChangeReason). */
export function parseQueryError(raw: string): QueryError {
  let text = raw.trim();
  const name = NAME.exec(text);
  const code = name ? name[1]! : null;
  if (name) text = text.slice(name[0].length);
  const at = POSITION.exec(text);
  let line: number | null = null;
  let column: number | null = null;
  if (at) {
    line = Number(at[1]);
    column = Number(at[2]);
    text = (text.slice(0, at.index) + text.slice(at.index + at[0].length)).trim();
  }
  return { code, title: titleFor(code, raw), message: text || raw.trim(), line, column };
}

function titleFor(code: string | null, raw: string): string {
  if (code && TITLES[code]) return TITLES[code];
  if (code) return code.charAt(0) + code.slice(1).toLowerCase().replaceAll("_", " ");
  if (/access denied|not authorized|insufficient (lake formation )?permissions/i.test(raw)) return "Permission denied";
  if (/workgroup/i.test(raw)) return "Workgroup error";
  return "Query failed";
}

/**
 * The character range an error points at in `sql` (the text that was sent), shifted by `base` (where that text
 * starts in the editor, for a selection): from the column to the end of the word there, at least one character.
 * Null when the error names no position or the position is outside the text.
 */
export function errorRange(sql: string, error: QueryError, base = 0): { from: number; to: number } | null {
  if (error.line === null || error.column === null || error.line < 1 || error.column < 1) return null;
  let lineStart = 0;
  for (let l = 1; l < error.line; l++) {
    const nl = sql.indexOf("\n", lineStart);
    if (nl < 0) return null;
    lineStart = nl + 1;
  }
  const lineEnd = sql.indexOf("\n", lineStart) < 0 ? sql.length : sql.indexOf("\n", lineStart);
  const from = Math.min(lineStart + error.column - 1, lineEnd);
  let to = from;
  while (to < lineEnd && /[\w$]/.test(sql[to]!)) to++;
  if (to === from) to = Math.min(from + 1, sql.length);
  if (to === from && from > 0) return { from: base + from - 1, to: base + from };
  return { from: base + from, to: base + to };
}
