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
  /**
   * Time zones the statement names for its `timestamp with time zone` values (literals, AT TIME ZONE,
   * with_timezone, ISO 8601 offsets), as Trino spells them: `UTC`, `America/New_York`, `+02:00`.
   */
  zones: string[];
  /** Zones values are converted to (AT TIME ZONE, with_timezone): they decide how results are shown. */
  conversions: string[];
}

/** Rewrites Trino-only syntax into DuckDB SQL with the same meaning; throws Error with a Trino-like message. */
export function rewriteTrinoSql(sql: string): RewriteResult {
  const tokens = tokenize(sql);
  const { nodes } = parseGroups(tokens, 0);
  const zones = new Set<string>();
  const conversions = new Set<string>();
  const sqlOut = render(nodes, zones, conversions);
  return {
    sql: sqlOut,
    parameterCount: tokens.filter((t) => t.kind === "param").length,
    zones: [...zones],
    conversions: [...conversions],
  };
}

/** Trino's canonical spelling of a zone id: offsets as ±HH:MM, the UTC aliases as UTC. */
export function canonicalZone(zone: string): string {
  const z = zone.trim();
  if (/^(Z|UTC|GMT|UT|Etc\/UTC|Etc\/GMT|Zulu)$/i.test(z)) return "UTC";
  const offset = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (offset) {
    const [, sign, h, m = "00"] = offset;
    const text = `${sign}${h!.padStart(2, "0")}:${m}`;
    return text === "+00:00" || text === "-00:00" ? "UTC" : text;
  }
  return z;
}

// `2020-06-10 15:55:23[.fff] <zone>`: a timestamp literal that carries its zone.
const ZONED_TIMESTAMP =
  /^(\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([A-Za-z][A-Za-z0-9_/+-]*|[+-]\d{1,2}(?::?\d{2})?)$/;
// The offset of an ISO 8601 timestamp string (from_iso8601_timestamp).
const ISO_OFFSET = /T[0-9:.,]+(Z|[+-]\d{2}(?::?\d{2})?)$/;

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

function render(nodes: Node[], zones: Set<string>, conversions: Set<string>): string {
  let out = "";
  // Where each node's output starts, so a postfix operator (AT TIME ZONE) can wrap its left operand.
  const starts: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    starts[i] = out.length;
    const node = nodes[i]!;
    if (node.kind === "group") {
      out += node.open.text + render(node.items, zones, conversions) + (node.close?.text ?? "");
      continue;
    }
    const t = node.token;
    const word = t.kind === "ident" ? t.text.toLowerCase() : "";
    const atTimeZone = word === "at" ? matchAtTimeZone(nodes, i) : undefined;
    if (atTimeZone) {
      const from = leftOperandStart(nodes, i);
      if (from !== undefined) {
        conversions.add(canonicalZone(atTimeZone.zone));
        const operand = out.slice(starts[from]).trimEnd();
        out = `${out.slice(0, starts[from])}trino_at_time_zone(${operand})`;
        i = atTimeZone.last;
        continue;
      }
    }
    if (word === "timestamp") {
      const literal = nextSignificant(nodes, i);
      const text =
        literal?.node.kind === "token" && literal.node.token.kind === "string" ? literal.node.token.text : "";
      const zoned = ZONED_TIMESTAMP.exec(text ? unquoteString(text) : "");
      if (zoned && literal) {
        zones.add(canonicalZone(zoned[2]!));
        // DuckDB wants the seconds that Trino lets a literal leave out.
        const local = /[ T]\d{1,2}:\d{2}$/.test(zoned[1]!) ? `${zoned[1]}:00` : zoned[1];
        out += `TIMESTAMPTZ ${quoteString(`${local} ${zoned[2]}`)}`;
        i = literal.index;
        continue;
      }
    }
    if (word === "values" && !isQualified(nodes, i)) {
      const rows = matchValuesRows(nodes, i);
      if (rows) {
        out +=
          t.text +
          rows.rows
            .map((row) => {
              const sig = row.filter((n) => !isSpace(n));
              const text = render(row, zones, conversions);
              return sig.length === 1 && sig[0]!.kind === "group" ? text : ` (${text.trim()})`;
            })
            .join(",");
        i = rows.last;
        continue;
      }
    }
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
            args.map((a) => render(a, zones, conversions).trim()),
            args,
            { zones, conversions },
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

/** `AT TIME ZONE '<zone>'` starting at node `i`. */
function matchAtTimeZone(nodes: Node[], i: number): { zone: string; last: number } | undefined {
  const words: { node: Node; index: number }[] = [];
  for (let k = i; k < nodes.length && words.length < 4; k++)
    if (!isSpace(nodes[k]!)) words.push({ node: nodes[k]!, index: k });
  const text = (n: number) => {
    const node = words[n]?.node;
    return node?.kind === "token" ? node.token.text.toLowerCase() : "";
  };
  const zone = words[3]?.node;
  if (text(1) !== "time" || text(2) !== "zone" || zone?.kind !== "token" || zone.token.kind !== "string")
    return undefined;
  return { zone: unquoteString(zone.token.text), last: words[3]!.index };
}

const TYPED_LITERALS = new Set(["timestamp", "date", "time", "timestamptz", "json", "interval"]);

/** The node where the operand left of node `i` starts: a name (a.b.c), a call, a group or a typed literal. */
function leftOperandStart(nodes: Node[], i: number): number | undefined {
  let k = i - 1;
  while (k >= 0 && isSpace(nodes[k]!)) k--;
  if (k < 0) return undefined;
  const prevSig = (from: number) => {
    let j = from - 1;
    while (j >= 0 && isSpace(nodes[j]!)) j--;
    return j;
  };
  const node = nodes[k]!;
  if (node.kind === "group") {
    const j = prevSig(k);
    const before = nodes[j];
    if (before?.kind === "token" && before.token.kind === "ident") return qualifiedStart(nodes, j);
    return k;
  }
  if (node.token.kind === "string") {
    const j = prevSig(k);
    const before = nodes[j];
    if (before?.kind === "token" && TYPED_LITERALS.has(before.token.text.toLowerCase())) return j;
    return k;
  }
  if (node.token.kind === "ident" || node.token.kind === "qident") return qualifiedStart(nodes, k);
  return undefined;
}

function qualifiedStart(nodes: Node[], k: number): number {
  let start = k;
  while (start >= 2) {
    const dot = nodes[start - 1];
    const name = nodes[start - 2];
    if (dot?.kind !== "token" || dot.token.text !== ".") break;
    if (name?.kind !== "token" || (name.token.kind !== "ident" && name.token.kind !== "qident")) break;
    start -= 2;
  }
  return start;
}

function isQualified(nodes: Node[], i: number): boolean {
  const prev = previousSignificant(nodes, i);
  return prev?.kind === "token" && prev.token.text === ".";
}

function nextSignificant(nodes: Node[], i: number): { node: Node; index: number } | undefined {
  for (let k = i + 1; k < nodes.length; k++) if (!isSpace(nodes[k]!)) return { node: nodes[k]!, index: k };
  return undefined;
}

const VALUES_END = new Set(["order", "limit", "offset", "union", "except", "intersect", "fetch", "window"]);

/**
 * The rows of `VALUES r1, r2, …` from node `i`, when at least one row is written without parentheses
 * (`VALUES 1, 2, 3`, valid in Trino); DuckDB needs each row in parentheses.
 */
function matchValuesRows(nodes: Node[], i: number): { rows: Node[][]; last: number } | undefined {
  const rows: Node[][] = [[]];
  let last = i;
  let depth = 0;
  for (let k = i + 1; k < nodes.length; k++) {
    const node = nodes[k]!;
    if (node.kind === "token") {
      const text = node.token.text;
      if (depth === 0 && (text === ";" || (node.token.kind === "ident" && VALUES_END.has(text.toLowerCase())))) break;
      if (depth === 0 && node.token.kind === "ident" && rows[rows.length - 1]!.some((n) => !isSpace(n))) {
        // A row ends at its value; a following word (an alias after `(VALUES …)`, AS) ends the list.
        const prev = previousSignificant(nodes, k);
        if (prev && !(prev.kind === "token" && /^[-+*/%|(,]|\|\|$/.test(prev.token.text))) break;
      }
      if (text === "[" || text === "{") depth++;
      if (text === "]" || text === "}") depth--;
      if (depth === 0 && text === ",") {
        rows.push([]);
        last = k;
        continue;
      }
    }
    rows[rows.length - 1]!.push(node);
    if (!isSpace(node)) last = k;
  }
  const significantRows = rows.map((row) => row.filter((n) => !isSpace(n)));
  if (significantRows.some((row) => row.length === 0)) return undefined;
  if (significantRows.every((row) => row.length === 1 && row[0]!.kind === "group")) return undefined;
  // Trailing whitespace stays outside the rewritten rows.
  while (
    rows.length > 0 &&
    rows[rows.length - 1]!.length > 0 &&
    isSpace(rows[rows.length - 1]![rows[rows.length - 1]!.length - 1]!)
  ) {
    rows[rows.length - 1]!.pop();
  }
  return { rows, last };
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

type Zones = { zones: Set<string>; conversions: Set<string> };
type Rule = (rendered: string[], raw: Node[][], zones: Zones) => string | undefined;

/** Whether an argument is a DATE by its form: a DATE literal, current_date, date(…), CAST(… AS DATE). */
function isDateExpression(arg: Node[]): boolean {
  const sig = arg.filter((n) => !isSpace(n));
  const [first, second] = sig;
  if (first?.kind !== "token") return false;
  const word = first.token.text.toLowerCase();
  if (sig.length === 1) return word === "current_date";
  if (sig.length !== 2) return false;
  if (word === "date" && second?.kind === "token" && second.token.kind === "string") return true;
  if (second?.kind !== "group") return false;
  if (word === "date" || word === "from_iso8601_date" || word === "last_day_of_month") return true;
  if (word !== "cast" && word !== "try_cast") return false;
  const cast = splitCast(second.items);
  return cast !== undefined && /^\s*date\s*$/i.test(cast.type);
}

/** Whether an argument is a JSON value by its form: a JSON literal or a call returning JSON. */
function isJsonExpression(arg: Node[]): boolean {
  const sig = arg.filter((n) => !isSpace(n));
  const [first, second] = sig;
  if (first?.kind !== "token") return false;
  const word = first.token.text.toLowerCase();
  if (word === "json" && second?.kind === "token" && second.token.kind === "string") return true;
  return JSON_FUNCTIONS.has(word) && second?.kind === "group" && sig.length === 2;
}

const JSON_FUNCTIONS = new Set([
  "json_parse",
  "json_extract",
  "json_array_get",
  "json_query",
  "json_object",
  "json_array",
]);

/** Trino type syntax in DuckDB's: ARRAY(T) → T[], ROW(a T, …) → STRUCT(a T, …); MAP(K, V) reads the same. */
export function duckType(type: string): string {
  const t = type.trim();
  const call = /^(array|row|map)\s*\((.*)\)$/is.exec(t);
  if (!call) return t;
  const inner = splitTypeList(call[2]!);
  switch (call[1]!.toLowerCase()) {
    case "array":
      return `${duckType(inner[0] ?? "")}[]`;
    case "map":
      return `MAP(${inner.map(duckType).join(", ")})`;
    default:
      return `STRUCT(${inner
        .map((field) => {
          const m = /^("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/s.exec(field.trim());
          return m ? `${m[1]} ${duckType(m[2]!)}` : duckType(field);
        })
        .join(", ")})`;
  }
}

function splitTypeList(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

/** `expr AS type` inside CAST / TRY_CAST: the expression nodes and the type text. */
function splitCast(items: Node[]): { expr: Node[]; type: string } | undefined {
  for (let k = items.length - 1; k >= 0; k--) {
    const node = items[k]!;
    if (node.kind === "token" && node.token.kind === "ident" && node.token.text.toLowerCase() === "as") {
      const type = items
        .slice(k + 1)
        .map(nodeText)
        .join("");
      return { expr: items.slice(0, k), type };
    }
  }
  return undefined;
}

function nodeText(node: Node): string {
  return node.kind === "token"
    ? node.token.text
    : node.open.text + node.items.map(nodeText).join("") + (node.close?.text ?? "");
}

/** Counts the capturing groups of a regular expression literal. */
function captureGroups(pattern: string): number {
  let count = 0;
  for (let k = 0; k < pattern.length; k++) {
    if (pattern[k] === "\\") k++;
    else if (pattern[k] === "(" && pattern[k + 1] !== "?") count++;
    else if (
      pattern[k] === "(" &&
      pattern[k + 1] === "?" &&
      pattern[k + 2] === "<" &&
      !"=!".includes(pattern[k + 3] ?? "")
    )
      count++;
  }
  return count;
}

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

/**
 * regexp_replace(s, pattern, x -> …): each match is replaced by the lambda applied to the match's capture
 * groups (x[1] is the first). Built from DuckDB list functions: the text between matches
 * (string_split_regex) interleaved with the lambda's result for each match's groups (regexp_extract_all).
 */
function regexpReplaceWithLambda(input: string, patternArg: Node[], param: string, body: string): string {
  const literal = literalString(patternArg);
  if (literal === undefined) throw new Error("regexp_replace with a lambda needs a constant pattern");
  const pattern = quoteString(literal);
  const pieces = `string_split_regex(${input}, ${pattern})`;
  const groups = Array.from(
    { length: captureGroups(literal) },
    (_, g) => `regexp_extract_all(${input}, ${pattern}, ${g + 1})[__trino_i - 1]`,
  );
  const groupList = groups.length ? `[${groups.join(", ")}]` : "CAST([] AS VARCHAR[])";
  const replaced = `list_transform([${groupList}], ${param} -> ${body})[1]`;
  return `array_to_string(list_transform(generate_series(1, len(${pieces})), __trino_i -> CASE WHEN __trino_i = 1 THEN '' ELSE CAST(${replaced} AS VARCHAR) END || ${pieces}[__trino_i]), '')`;
}

/** A lambda argument `(a, b) -> body` or `a -> body`, as written. */
function parseLambda(text: string): { params: string[]; body: string } | undefined {
  const m = /^\(?\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([A-Za-z_][A-Za-z0-9_]*)\s*)?\)?\s*->\s*([\s\S]+)$/.exec(text);
  if (!m) return undefined;
  return { params: m[2] ? [m[1]!, m[2]] : [m[1]!], body: m[3]! };
}

/** The lambda's body with each parameter replaced by an expression (names after a dot are field names, kept). */
function applyLambda(lambda: { params: string[]; body: string }, values: string[]): string {
  const tokens = tokenize(lambda.body);
  return tokens
    .map((t, i) => {
      const k = lambda.params.indexOf(t.text);
      const afterDot = significant(tokens.slice(0, i)).at(-1)?.text === ".";
      return t.kind === "ident" && k >= 0 && !afterDot ? `(${values[k]})` : t.text;
    })
    .join("");
}

/** map_filter / transform_keys / transform_values: the map's entries through a two-parameter lambda. */
function mapLambda(kind: "filter" | "keys" | "values"): Rule {
  return (args) => {
    const lambda = args.length === 2 ? parseLambda(args[1]!) : undefined;
    if (!lambda || lambda.params.length !== 2) return undefined;
    const body = applyLambda(lambda, ["__trino_e.key", "__trino_e.value"]);
    const entries = `map_entries(${args[0]})`;
    if (kind === "filter") return `map_from_entries(list_filter(${entries}, __trino_e -> ${body}))`;
    const entry =
      kind === "keys" ? `{'key': ${body}, 'value': __trino_e.value}` : `{'key': __trino_e.key, 'value': ${body}}`;
    return `map_from_entries(list_transform(${entries}, __trino_e -> ${entry}))`;
  };
}

function castRule(name: string): Rule {
  return (_args, raw, zones) => {
    if (raw.length !== 1) return undefined;
    const split = splitCast(raw[0]!);
    if (!split) return undefined;
    const expr = render(split.expr, zones.zones, zones.conversions).trim();
    const type = duckType(split.type);
    if (isJsonExpression(split.expr) && /^\s*varchar\s*$/i.test(type)) return `trino_json_to_varchar(${expr})`;
    return `${name}(${expr} AS ${type.trim() === split.type.trim() ? split.type : ` ${type}`})`;
  };
}

const CALL_REWRITES: Record<string, Rule> = {
  cast: castRule("CAST"),
  try_cast: castRule("TRY_CAST"),
  // Trino: date_add(unit, value, timestamp). DuckDB's own date_add(date, interval) keeps working.
  date_add(args, raw) {
    if (args.length !== 3) return undefined;
    const unit = literalString(raw[0]!)?.toLowerCase();
    const toInterval = unit === undefined ? undefined : INTERVAL_FUNCTIONS[unit];
    if (!toInterval) throw new Error(`'${unit ?? args[0]}' is not a valid unit for date_add`);
    const sum = `((${args[2]}) + ${toInterval(args[1]!)})`;
    return isDateExpression(raw[2]!) ? `CAST(${sum} AS DATE)` : sum;
  },
  // DuckDB truncates a DATE into a TIMESTAMP; Trino keeps it a DATE.
  date_trunc(args, raw) {
    if (args.length !== 2 || !isDateExpression(raw[1]!)) return undefined;
    return `CAST(date_trunc(${args.join(", ")}) AS DATE)`;
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
  // Trino's type names: the literal's own varchar(n), the rest mapped from DuckDB's name at run time.
  typeof(args, raw) {
    if (args.length !== 1) return undefined;
    const literal = literalString(raw[0]!);
    if (literal !== undefined) return `'varchar(${Array.from(literal).length})'`;
    return `trino_type_name(typeof(${args[0]}))`;
  },
  // Java's Formatter, not DuckDB's fmt-style format().
  // An untyped NULL has no vector type a JavaScript function could receive: give it one.
  format: (args) =>
    args.length >= 1
      ? `trino_format(${args.map((a) => (/^null$/i.test(a) ? "CAST(NULL AS VARCHAR)" : a)).join(", ")})`
      : undefined,
  // Trino counts whole units elapsed (DuckDB's date_sub); DuckDB's date_diff counts boundaries crossed.
  date_diff(args, raw) {
    if (args.length !== 3) return undefined;
    const unit = literalString(raw[0]!)?.toLowerCase();
    if (unit !== undefined && !(unit in INTERVAL_FUNCTIONS))
      throw new Error(`'${unit}' is not a valid unit for date_diff`);
    return `date_sub(${args.join(", ")})`;
  },
  from_iso8601_timestamp(args, raw, zones) {
    if (args.length !== 1) return undefined;
    const literal = literalString(raw[0]!);
    const offset = literal === undefined ? undefined : ISO_OFFSET.exec(literal.trim());
    if (offset) zones.zones.add(canonicalZone(offset[1]!));
    return `CAST(${args[0]} AS TIMESTAMPTZ)`;
  },
  with_timezone(args, raw, zones) {
    if (args.length !== 2) return undefined;
    const zone = literalString(raw[1]!);
    if (zone !== undefined) zones.conversions.add(canonicalZone(zone));
    return `trino_at_time_zone(${args[0]})`;
  },
  at_timezone(args, raw, zones) {
    return CALL_REWRITES.with_timezone!(args, raw, zones);
  },
  to_base: (args) => (args.length === 2 ? `lower(to_base(${args.join(", ")}))` : undefined),
  url_encode: (args) => (args.length === 1 ? `trino_url_encode(${args[0]})` : undefined),
  url_decode: (args) => (args.length === 1 ? `trino_url_decode(${args[0]})` : undefined),
  to_iso8601: (args) => (args.length === 1 ? `trino_to_iso8601(${args[0]}, current_setting('TimeZone'))` : undefined),
  from_unixtime(args, raw, zones) {
    if (args.length !== 2) return undefined;
    const zone = literalString(raw[1]!);
    if (zone !== undefined) zones.conversions.add(canonicalZone(zone));
    return `trino_at_time_zone(to_timestamp(CAST(${args[0]} AS DOUBLE)))`;
  },
  // Trino: reduce(array, initial, (state, x) -> …, state -> result).
  reduce(args) {
    if (args.length !== 4) return undefined;
    return `list_transform([list_reduce(${args[0]}, ${args[2]}, ${args[1]})], ${args[3]})[1]`;
  },
  any_match: (args) =>
    args.length === 2 ? `coalesce(list_bool_or(list_transform(${args[0]}, ${args[1]})), false)` : undefined,
  all_match: (args) =>
    args.length === 2 ? `coalesce(list_bool_and(list_transform(${args[0]}, ${args[1]})), true)` : undefined,
  none_match: (args) =>
    args.length === 2 ? `NOT coalesce(list_bool_or(list_transform(${args[0]}, ${args[1]})), false)` : undefined,
  // array_join(array, delimiter, null_replacement)
  array_join(args) {
    if (args.length !== 3) return undefined;
    return `array_to_string(list_transform(${args[0]}, x -> coalesce(CAST(x AS VARCHAR), ${args[2]})), ${args[1]})`;
  },
  map_filter: mapLambda("filter"),
  transform_keys: mapLambda("keys"),
  transform_values: mapLambda("values"),
  // zip_with(a, b, (x, y) -> …): element by element, the shorter array padded with NULLs.
  zip_with(args) {
    const lambda = args.length === 3 ? parseLambda(args[2]!) : undefined;
    if (!lambda || lambda.params.length !== 2) return undefined;
    const body = applyLambda(lambda, [`(${args[0]})[__trino_i]`, `(${args[1]})[__trino_i]`]);
    return `list_transform(generate_series(1, greatest(len(${args[0]}), len(${args[1]}))), __trino_i -> ${body})`;
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
    const lambda = /^\(?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)?\s*->\s*([\s\S]+)$/.exec(args[2]!);
    if (lambda) return regexpReplaceWithLambda(args[0]!, raw[1]!, lambda[1]!, lambda[2]!);
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
