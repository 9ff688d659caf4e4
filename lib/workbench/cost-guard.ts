// The cost guard: before a query runs, name the partitioned tables it reads with no predicate on a partition key
// (Athena then scans every partition). A reading of the SQL text, not a parse: comments and string literals are
// blanked, table references are the names after FROM / JOIN, and a partition key counts as filtered when its name
// appears after a WHERE or ON. It can miss a filter hidden in a view, never invents a table the query does not name.
import type { SchemaTable } from "./schema-types";

export interface UnfilteredScan {
  /** The table as the query names it. */
  table: string;
  partitionKeys: string[];
}

/** The SQL with comments and string literals replaced by spaces (offsets kept). */
export function blankCommentsAndStrings(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'?/g, (m) => m.replace(/[^\n]/g, " "));
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)`;
const TABLE_REF = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${IDENT}(?:\s*\.\s*${IDENT}){0,2})`, "gi");

function unquote(part: string): string {
  const p = part.trim();
  return p.startsWith('"') ? p.slice(1, -1).replaceAll('""', '"') : p.toLowerCase();
}

/**
 * The partitioned tables `sql` reads without a predicate on any of their partition keys. `tables` maps
 * `database.table` (lower case) to the table's metadata; unqualified names are looked up in `defaultDatabase`.
 */
export function unfilteredPartitionScans(
  sql: string,
  tables: ReadonlyMap<string, SchemaTable>,
  defaultDatabase: string,
): UnfilteredScan[] {
  const text = blankCommentsAndStrings(sql);
  const filters = [...text.matchAll(/\b(?:WHERE|ON)\b/gi)].map((m) => m.index);
  const firstFilter = filters.length > 0 ? Math.min(...filters) : text.length;
  const predicateText = text.slice(firstFilter).toLowerCase();
  const out: UnfilteredScan[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(TABLE_REF)) {
    const parts = m[1]!.split(/\s*\.\s*(?=(?:"|[A-Za-z_]))/).map(unquote);
    const [database, table] = parts.length >= 2 ? parts.slice(-2) : [defaultDatabase.toLowerCase(), parts[0]!];
    const key = `${database}.${table}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const meta = tables.get(key);
    const keys = meta?.columns.filter((c) => c.partitionKey).map((c) => c.name) ?? [];
    if (keys.length === 0) continue;
    const filtered = keys.some((k) =>
      new RegExp(String.raw`(?:^|[^A-Za-z0-9_])"?${escape(k.toLowerCase())}"?(?![A-Za-z0-9_])`).test(predicateText),
    );
    if (!filtered) out.push({ table: m[1]!.trim(), partitionKeys: keys });
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
