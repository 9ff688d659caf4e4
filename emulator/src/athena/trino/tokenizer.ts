// A small SQL tokenizer: just enough to rewrite Trino calls without touching strings, comments or quoted names.

export type TokenKind = "ws" | "comment" | "string" | "qident" | "ident" | "number" | "param" | "punct";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the first character in the original SQL. */
  start: number;
}

const MULTI_CHAR_PUNCT = ["<>", "<=", ">=", "!=", "||", "::", "->", "=>"];

/** Splits SQL into tokens whose texts, concatenated, give back the input exactly. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i });
    i = end;
  };
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < n && /\s/.test(sql[j]!)) j++;
      push("ws", j);
    } else if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      push("comment", nl === -1 ? n : nl);
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      push("comment", end === -1 ? n : end + 2);
    } else if (c === "'") {
      push("string", endOfQuoted(sql, i, "'"));
    } else if (c === '"') {
      push("qident", endOfQuoted(sql, i, '"'));
    } else if (c === "`") {
      push("qident", endOfQuoted(sql, i, "`"));
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(i))!;
      push("number", i + m[0].length);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      push("ident", j);
    } else if (c === "?") {
      push("param", i + 1);
    } else {
      const two = sql.slice(i, i + 2);
      push("punct", i + (MULTI_CHAR_PUNCT.includes(two) ? 2 : 1));
    }
  }
  return tokens;
}

// A doubled quote is an escaped quote; an unterminated literal runs to the end (the engine reports it).
function endOfQuoted(sql: string, start: number, quote: string): number {
  let j = start + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

/** Tokens that carry meaning (no whitespace or comments). */
export function significant(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== "ws" && t.kind !== "comment");
}

/** The value of a single-quoted SQL string literal ('it''s' → it's). */
export function unquoteString(text: string): string {
  return text.slice(1, -1).replace(/''/g, "'");
}

/** A single-quoted SQL string literal for `value`. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** 1-based line and column of `offset` in `sql`, as Trino reports positions. */
export function lineColumn(sql: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < sql.length; k++) {
    if (sql[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
