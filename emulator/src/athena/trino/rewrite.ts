// Rewrites the Trino calls DuckDB cannot express as a macro or a JS function (they depend on argument
// count or need a constant argument converted at rewrite time). Everything else passes through untouched.
import { jodaToStrftime, mysqlToStrftime } from "./mysql-format";
import { quoteString, significant, tokenize, unquoteString, type Token } from "./tokenizer";

type Node = { kind: "token"; token: Token } | { kind: "group"; open: Token; items: Node[]; close: Token | undefined };

/** What the rewriter learned about the statement while rewriting it. */
export interface RewriteResult {
  sql: string;
  /** Number of `?` placeholders (ExecutionParameters must match it). */
  parameterCount: number;
}

/** Rewrites Trino-only syntax into DuckDB SQL with the same meaning; throws Error with a Trino-like message. */
export function rewriteTrinoSql(sql: string): RewriteResult {
  const tokens = tokenize(sql);
  const { nodes } = parseGroups(tokens, 0);
  return { sql: render(nodes), parameterCount: tokens.filter((t) => t.kind === "param").length };
}

function parseGroups(tokens: Token[], from: number, open?: Token): { nodes: Node[]; next: number; close?: Token } {
  const nodes: Node[] = [];
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === "punct" && t.text === "(") {
      const inner = parseGroups(tokens, i + 1, t);
      nodes.push({ kind: "group", open: t, items: inner.nodes, close: inner.close });
      i = inner.next;
    } else if (t.kind === "punct" && t.text === ")" && open) {
      return { nodes, next: i + 1, close: t };
    } else {
      nodes.push({ kind: "token", token: t });
      i++;
    }
  }
  return { nodes, next: i };
}

function render(nodes: Node[]): string {
  let out = "";
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.kind === "group") {
      out += node.open.text + render(node.items) + (node.close?.text ?? "");
      continue;
    }
    const t = node.token;
    const dateArithmetic = t.kind === "ident" ? matchDateMinusInterval(nodes, i) : undefined;
    if (dateArithmetic) {
      out += `CAST(${dateArithmetic.text} AS DATE)`;
      i = dateArithmetic.last;
      continue;
    }
    if (t.kind === "ident") {
      // A call is `name(`, optionally with whitespace between; a qualified name (x.f) is not a Trino built-in.
      let j = i + 1;
      while (j < nodes.length && isSpace(nodes[j]!)) j++;
      const next = nodes[j];
      const prev = previousSignificant(nodes, i);
      if (next?.kind === "group" && !(prev?.kind === "token" && prev.token.text === ".")) {
        const rule = CALL_REWRITES[t.text.toLowerCase()];
        if (rule) {
          const args = splitArgs(next.items);
          const rewritten = rule(
            args.map((a) => render(a).trim()),
            args,
          );
          if (rewritten !== undefined) {
            out += rewritten;
            i = j;
            continue;
          }
        }
      }
    }
    out += t.text;
  }
  return out;
}

const DATE_UNITS = new Set(["day", "days", "week", "weeks", "month", "months", "year", "years"]);

/**
 * Trino: `current_date - interval '7' day` is a DATE; DuckDB makes it a TIMESTAMP, which then compares and
 * casts differently (e.g. against a 'YYYY-MM-DD' partition string). Matches `current_date ± interval 'n' unit`
 * and `date 'literal' ± interval 'n' unit` with a day-or-larger unit.
 */
function matchDateMinusInterval(nodes: Node[], i: number): { text: string; last: number } | undefined {
  const seq: { node: Node; index: number }[] = [];
  for (let k = i; k < nodes.length && seq.length < 6; k++) {
    const node = nodes[k]!;
    if (!isSpace(node)) seq.push({ node, index: k });
  }
  const word = (n: number) => {
    const node = seq[n]?.node;
    return node?.kind === "token" ? node.token : undefined;
  };
  const first = word(0);
  if (!first) return undefined;
  let start = 1;
  if (first.text.toLowerCase() === "date" && word(1)?.kind === "string") start = 2;
  else if (first.text.toLowerCase() !== "current_date") return undefined;
  const prev = previousSignificant(nodes, i);
  if (prev?.kind === "token" && prev.token.text === ".") return undefined;
  const op = word(start);
  const interval = word(start + 1);
  const amount = word(start + 2);
  const unit = word(start + 3);
  if (!op || (op.text !== "-" && op.text !== "+")) return undefined;
  if (interval?.text.toLowerCase() !== "interval" || amount?.kind !== "string") return undefined;
  if (!unit || unit.kind !== "ident" || !DATE_UNITS.has(unit.text.toLowerCase())) return undefined;
  const last = seq[start + 3]!.index;
  return {
    text: nodes
      .slice(i, last + 1)
      .map((n) => (n.kind === "token" ? n.token.text : ""))
      .join(""),
    last,
  };
}

function isSpace(node: Node): boolean {
  return node.kind === "token" && (node.token.kind === "ws" || node.token.kind === "comment");
}

function previousSignificant(nodes: Node[], i: number): Node | undefined {
  for (let k = i - 1; k >= 0; k--) if (!isSpace(nodes[k]!)) return nodes[k];
  return undefined;
}

function splitArgs(items: Node[]): Node[][] {
  const args: Node[][] = [[]];
  // Parentheses are already groups; brackets and braces (ARRAY[1, 2], {'a': 1}) still hide commas.
  let depth = 0;
  for (const item of items) {
    if (item.kind === "token" && item.token.kind === "punct") {
      const p = item.token.text;
      if (p === "[" || p === "{") depth++;
      else if (p === "]" || p === "}") depth--;
      else if (p === "," && depth === 0) {
        args.push([]);
        continue;
      }
    }
    args[args.length - 1]!.push(item);
  }
  if (args.length === 1 && args[0]!.every(isSpace)) return [];
  return args;
}

/** The string value of an argument that is a single string literal, else undefined. */
function literalString(arg: Node[]): string | undefined {
  const sig = arg.filter((n) => !isSpace(n));
  const only = sig[0];
  if (sig.length !== 1 || only?.kind !== "token" || only.token.kind !== "string") return undefined;
  return unquoteString(only.token.text);
}

type Rule = (rendered: string[], raw: Node[][]) => string | undefined;

const INTERVAL_FUNCTIONS: Record<string, (n: string) => string> = {
  millisecond: (n) => `to_milliseconds(CAST(${n} AS BIGINT))`,
  second: (n) => `to_seconds(CAST(${n} AS BIGINT))`,
  minute: (n) => `to_minutes(CAST(${n} AS BIGINT))`,
  hour: (n) => `to_hours(CAST(${n} AS BIGINT))`,
  day: (n) => `to_days(CAST(${n} AS INTEGER))`,
  week: (n) => `to_weeks(CAST(${n} AS INTEGER))`,
  month: (n) => `to_months(CAST(${n} AS INTEGER))`,
  quarter: (n) => `to_months(CAST(3 * (${n}) AS INTEGER))`,
  year: (n) => `to_years(CAST(${n} AS INTEGER))`,
};

const CALL_REWRITES: Record<string, Rule> = {
  // Trino: date_add(unit, value, timestamp). DuckDB's own date_add(date, interval) keeps working.
  date_add(args, raw) {
    if (args.length !== 3) return undefined;
    const unit = literalString(raw[0]!)?.toLowerCase();
    const toInterval = unit === undefined ? undefined : INTERVAL_FUNCTIONS[unit];
    if (!toInterval) throw new Error(`'${unit ?? args[0]}' is not a valid unit for date_add`);
    return `((${args[2]}) + ${toInterval(args[1]!)})`;
  },
  // Trino: element_at(array, 1-based index | -n from the end) and element_at(map, key) → NULL when absent.
  element_at(args) {
    if (args.length !== 2) return undefined;
    return `(${args[0]})[${args[1]}]`;
  },
  // strftime needs a constant format: convert the MySQL specifiers now when the format is a literal.
  date_format(args, raw) {
    if (args.length !== 2) return undefined;
    const format = literalString(raw[1]!);
    if (format === undefined) return undefined;
    return `strftime(${args[0]}, ${quoteString(mysqlToStrftime(format))})`;
  },
  // Joda-pattern formatting and parsing, converted to strftime/strptime when the pattern is a literal.
  format_datetime(args, raw) {
    if (args.length !== 2) return undefined;
    const format = literalString(raw[1]!);
    if (format === undefined) return undefined;
    return `strftime(${args[0]}, ${quoteString(jodaToStrftime(format))})`;
  },
  parse_datetime(args, raw) {
    if (args.length !== 2) return undefined;
    const format = literalString(raw[1]!);
    if (format === undefined) return undefined;
    return `strptime(${args[0]}, ${quoteString(jodaToStrftime(format))})`;
  },
  // Lambdas cannot pass through a macro: rename to DuckDB's list functions instead.
  transform: (args) => `list_transform(${args.join(", ")})`,
  zip: (args) => `list_zip(${args.join(", ")})`,
  // Trino: slice(array, start, length); DuckDB: list_slice(list, begin, end), both 1-based and inclusive.
  slice(args) {
    if (args.length !== 3) return undefined;
    return `list_slice(${args[0]}, ${args[1]}, (${args[1]}) + (${args[2]}) - 1)`;
  },
  // Trino replaces every match and writes back-references as $1; DuckDB replaces the first unless 'g', with \1.
  regexp_replace(args, raw) {
    if (args.length === 2) return `regexp_replace(${args[0]}, ${args[1]}, '', 'g')`;
    if (args.length !== 3) return undefined;
    const replacement = literalString(raw[2]!);
    const third = replacement === undefined ? args[2] : quoteString(replacement.replace(/\$(\d)/g, "\\$1"));
    return `regexp_replace(${args[0]}, ${args[1]}, ${third}, 'g')`;
  },
};

/** Splits on top-level `;`: Athena runs exactly one statement per query. */
export function statementCount(sql: string): number {
  const sig = significant(tokenize(sql));
  let count = 0;
  let inStatement = false;
  for (const t of sig) {
    if (t.kind === "punct" && t.text === ";") {
      if (inStatement) count++;
      inStatement = false;
    } else inStatement = true;
  }
  return count + (inStatement ? 1 : 0);
}
