// The schema browser's shapes, and the completion schema CodeMirror's SQL language takes. Pure (client and server).

export interface SchemaCatalog {
  name: string;
  type: string | null;
}

export interface SchemaDatabase {
  name: string;
  description: string | null;
}

export interface SchemaColumn {
  name: string;
  type: string;
  /** A partition key of its table (a predicate on it limits what is scanned). */
  partitionKey: boolean;
  comment: string | null;
}

export interface SchemaTable {
  name: string;
  type: string | null;
  /** Data columns first, then partition keys, as Athena lists them. */
  columns: SchemaColumn[];
}

/** Quotes an identifier for Athena SQL when it is not a plain lower-case name. */
export function sqlIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * `@codemirror/lang-sql`'s completion schema from loaded tables: `database.table` → column names (the editor names
 * the default database as `defaultSchema`, so its tables complete unqualified too).
 */
export function completionSchema(tables: { database: string; table: SchemaTable }[]): Record<string, string[]> {
  const schema: Record<string, string[]> = {};
  for (const { database, table } of tables) schema[`${database}.${table.name}`] = table.columns.map((c) => c.name);
  return schema;
}
