// Result column names as Trino gives them: aliases and column names lower-cased, unnamed expressions `_colN`
// (DuckDB would call them e.g. `count_star()` or `(1 + 2)`).
import type { DuckDBConnection } from "@duckdb/node-api";

export interface AstExpression {
  class?: string;
  alias?: string;
  column_names?: string[];
}

interface AstNode {
  type?: string;
  left?: AstNode;
  select_list?: AstExpression[];
  from_table?: { type?: string };
}

/** A bare `VALUES (...)` statement: Trino names its columns _col0, _col1, ... */
const BARE_VALUES: AstExpression[] = [{ class: "BARE_VALUES" }];

/**
 * The outermost select list of a statement from DuckDB's parse tree (the left side of a UNION), or undefined.
 * Must run before the statement streams: a second statement on the connection would end the stream.
 */
export async function topSelectList(connection: DuckDBConnection, sql: string): Promise<AstExpression[] | undefined> {
  try {
    const reader = await connection.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR)", [sql]);
    const parsed = JSON.parse(String(reader.getRows()[0]?.[0] ?? "{}")) as {
      error?: boolean;
      statements?: { node?: AstNode }[];
    };
    let node = parsed.error ? undefined : parsed.statements?.[0]?.node;
    while (node?.type === "SET_OPERATION_NODE" && node.left) node = node.left;
    if (node?.type !== "SELECT_NODE") return undefined;
    if (
      node.from_table?.type === "EXPRESSION_LIST" &&
      node.select_list?.length === 1 &&
      node.select_list[0]!.class === "STAR"
    )
      return BARE_VALUES;
    return node.select_list;
  } catch {
    return undefined;
  }
}

/** Names the result columns the way Athena would, given the parse tree's select list and DuckDB's names. */
export function trinoColumnNames(selectList: AstExpression[] | undefined, engineNames: string[]): string[] {
  if (selectList === BARE_VALUES) return engineNames.map((_, i) => `_col${i}`);
  const expandsStar = !selectList || selectList.some((e) => e.class === "STAR" || e.class === "COLUMNS");
  if (!selectList || expandsStar || selectList.length !== engineNames.length) return engineNames.map(fromEngineName);
  return selectList.map((e, i) => {
    if (e.alias) return e.alias.toLowerCase();
    if (e.class === "COLUMN_REF" && e.column_names?.length)
      return e.column_names[e.column_names.length - 1]!.toLowerCase();
    return `_col${i}`;
  });
}

// Without a usable parse tree (SELECT *), keep plain identifiers and treat anything else as an expression.
function fromEngineName(name: string, i: number): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name.toLowerCase() : `_col${i}`;
}
