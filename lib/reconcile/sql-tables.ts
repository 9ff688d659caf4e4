// A rough reading of which tables a query touches, for IAM only: identifiers after FROM / JOIN, minus names the
// query defines itself (WITH x AS ...). Not a parser; when it finds nothing the caller falls back to the database.

export interface TableRef {
  catalog: string | null;
  database: string | null;
  table: string;
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[A-Za-z_][A-Za-z0-9_$]*)`;
const QUALIFIED = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${IDENT}(?:\s*\.\s*${IDENT}){0,2})`, "gi");
const CTE = new RegExp(String.raw`(?:\bWITH(?:\s+RECURSIVE)?|,)\s*(${IDENT})\s*(?:\([^)]*\))?\s+AS\s*\(`, "gi");

function unquote(id: string): string {
  const t = id.trim();
  if (t.startsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (t.startsWith("`")) return t.slice(1, -1);
  return t.toLowerCase();
}

/** Strips comments and string literals so that words inside them are not read as table names. */
function code(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Tables named after FROM / JOIN (catalog and database when written), excluding CTE names. */
export function tablesInSql(sql: string): TableRef[] {
  const text = code(sql);
  const ctes = new Set([...text.matchAll(CTE)].map((m) => unquote(m[1]!)));
  const out = new Map<string, TableRef>();
  for (const m of text.matchAll(QUALIFIED)) {
    const parts = m[1]!.split(/\s*\.\s*(?=(?:"|`|[A-Za-z_]))/).map(unquote);
    const table = parts[parts.length - 1]!;
    if (parts.length === 1 && ctes.has(table)) continue;
    if (table.toLowerCase() === "unnest") continue;
    const ref: TableRef = {
      catalog: parts.length === 3 ? parts[0]! : null,
      database: parts.length >= 2 ? parts[parts.length - 2]! : null,
      table,
    };
    out.set(`${ref.catalog}.${ref.database}.${ref.table}`, ref);
  }
  return [...out.values()];
}
