// The catalog: which Athena databases and tables exist and which local files back them (emulator/data/catalog.json),
// turned into DuckDB views inside an attached database named like the Athena catalog.
import fs from "node:fs";
import path from "node:path";

export interface CatalogColumn {
  name: string;
  /** Athena/Hive type as declared, e.g. varchar, bigint, decimal(10,2), array<varchar>. */
  type: string;
  comment?: string;
}

export interface TableFormat {
  type: "csv" | "json" | "parquet";
  delimiter?: string;
  quote?: string;
  escape?: string;
  header?: boolean;
  /** Text that stands for NULL (default: an empty unquoted field). */
  nullString?: string;
  /** false: an empty field of a string column is '' (as Hive's SerDes read it), not NULL. Default true. */
  emptyAsNull?: boolean;
  /** Which files in each partition directory belong to the table (default by format). */
  fileGlob?: string;
}

export interface CatalogTable {
  name: string;
  tableType?: string;
  /** Directory of the table's files, relative to the emulator's data dir (or absolute). */
  location: string;
  /** Name of the built-in generator that creates the files when they are missing. */
  generator?: string;
  format: TableFormat;
  columns: CatalogColumn[];
  partitionKeys?: CatalogColumn[];
  parameters?: Record<string, string>;
}

export interface CatalogDatabase {
  name: string;
  description?: string;
  tables: CatalogTable[];
}

export interface DataCatalog {
  name: string;
  type: "GLUE" | "HIVE" | "LAMBDA";
  description?: string;
  databases: CatalogDatabase[];
}

export interface WorkGroupConfig {
  name: string;
  description?: string;
  state: "ENABLED" | "DISABLED";
  outputLocation?: string;
  engineVersion?: string;
}

export interface CatalogConfig {
  catalogs: DataCatalog[];
  workGroups: WorkGroupConfig[];
}

/** The catalog file shipped with the emulator. */
export const DEFAULT_CATALOG_PATH = path.resolve(path.dirname(__filename), "../../data/catalog.json");

/** Reads and checks a catalog file; throws with the file name on a malformed entry. */
export function loadCatalogConfig(file: string = DEFAULT_CATALOG_PATH): CatalogConfig {
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as CatalogConfig;
  if (!Array.isArray(config.catalogs) || !Array.isArray(config.workGroups)) {
    throw new Error(`${file}: expected "catalogs" and "workGroups" arrays`);
  }
  for (const catalog of config.catalogs) {
    for (const db of catalog.databases) {
      if (!/^[a-z0-9_]+$/.test(db.name))
        throw new Error(`${file}: database name must be lower-case [a-z0-9_]: ${db.name}`);
      for (const table of db.tables) {
        if (!/^[a-z0-9_]+$/.test(table.name))
          throw new Error(`${file}: table name must be lower-case [a-z0-9_]: ${table.name}`);
        for (const col of [...table.columns, ...(table.partitionKeys ?? [])]) duckDbType(col.type);
      }
    }
  }
  return config;
}

/** Finds a catalog by name, case-insensitively as Athena does. */
export function findCatalog(config: CatalogConfig, name: string): DataCatalog | undefined {
  return config.catalogs.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** Finds a database in a catalog, case-insensitively. */
export function findDatabase(catalog: DataCatalog, name: string): CatalogDatabase | undefined {
  return catalog.databases.find((d) => d.name === name.toLowerCase());
}

/** Absolute directory of a table's files. */
export function tableDir(dataDir: string, table: CatalogTable): string {
  return path.isAbsolute(table.location) ? table.location : path.join(dataDir, table.location);
}

/** Quotes an SQL identifier for DuckDB. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Translates an Athena/Hive/Trino type name into DuckDB's (array<varchar> → VARCHAR[], row(a int) → STRUCT(...)). */
export function duckDbType(type: string): string {
  const parser = new TypeParser(type);
  const result = parser.parse();
  parser.end();
  return result;
}

class TypeParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  end(): void {
    this.skipSpaces();
    if (this.pos !== this.text.length) throw new Error(`Unsupported column type: ${this.text}`);
  }

  parse(): string {
    const name = this.word().toLowerCase();
    switch (name) {
      case "string":
      case "varchar":
      case "char":
        this.optionalArgs();
        return "VARCHAR";
      case "bigint":
        return "BIGINT";
      case "int":
      case "integer":
        return "INTEGER";
      case "smallint":
        return "SMALLINT";
      case "tinyint":
        return "TINYINT";
      case "double":
        return "DOUBLE";
      case "float":
      case "real":
        return "FLOAT";
      case "boolean":
        return "BOOLEAN";
      case "date":
        return "DATE";
      case "timestamp":
        this.optionalArgs();
        return "TIMESTAMP";
      case "binary":
      case "varbinary":
        return "BLOB";
      case "json":
        return "JSON";
      case "decimal": {
        const args = this.optionalArgs();
        return args.length ? `DECIMAL(${args.join(",")})` : "DECIMAL(10,0)";
      }
      case "array": {
        const close = this.open();
        const inner = this.parse();
        this.expect(close);
        return `${inner}[]`;
      }
      case "map": {
        const close = this.open();
        const key = this.parse();
        this.expect(",");
        const value = this.parse();
        this.expect(close);
        return `MAP(${key}, ${value})`;
      }
      case "struct":
      case "row": {
        const close = this.open();
        const fields: string[] = [];
        for (;;) {
          const field = this.word();
          this.skipSpaces();
          if (this.text[this.pos] === ":") this.pos++;
          fields.push(`${ident(field)} ${this.parse()}`);
          this.skipSpaces();
          if (this.text[this.pos] === ",") {
            this.pos++;
            continue;
          }
          this.expect(close);
          return `STRUCT(${fields.join(", ")})`;
        }
      }
      default:
        throw new Error(`Unsupported column type: ${this.text}`);
    }
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private word(): string {
    this.skipSpaces();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) throw new Error(`Unsupported column type: ${this.text}`);
    this.pos += m[0].length;
    return m[0];
  }

  private open(): string {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === "<") {
      this.pos++;
      return ">";
    }
    if (c === "(") {
      this.pos++;
      return ")";
    }
    throw new Error(`Unsupported column type: ${this.text}`);
  }

  private expect(ch: string): void {
    this.skipSpaces();
    if (this.text[this.pos] !== ch) throw new Error(`Unsupported column type: ${this.text}`);
    this.pos++;
  }

  private optionalArgs(): string[] {
    this.skipSpaces();
    if (this.text[this.pos] !== "(") return [];
    const end = this.text.indexOf(")", this.pos);
    if (end < 0) throw new Error(`Unsupported column type: ${this.text}`);
    const args = this.text
      .slice(this.pos + 1, end)
      .split(",")
      .map((s) => s.trim());
    this.pos = end + 1;
    return args;
  }
}

/**
 * The DuckDB view body for a table: a multi-file read of its files with hive partitioning. `auto_detect=false`
 * matters: with sniffing on, DuckDB opens files of pruned partitions too, and DataScannedInBytes must count
 * only what the query really reads.
 */
export function tableViewSql(dataDir: string, table: CatalogTable): string {
  const dir = tableDir(dataDir, table);
  const partitions = table.partitionKeys ?? [];
  const glob = [
    dir,
    ...partitions.map((p) => `${p.name}=*`),
    table.format.fileGlob ?? defaultGlob(table.format.type),
  ].join("/");
  // A CSV table whose empty fields are '' (emptyAsNull false, no null string) also gets coalesce(col, '') on its string
  // columns: DuckDB drops read_csv's force_not_null when such a column is only filtered (pushed into the scan) and
  // not projected, so `SELECT count(*) ... WHERE database = ''` saw NULLs and counted 0. Found and fixed by E5.
  const emptyIsText =
    table.format.type === "csv" && table.format.emptyAsNull === false && table.format.nullString === undefined;
  const column = (c: CatalogColumn) => {
    const cast = `CAST(${ident(c.name)} AS ${duckDbType(c.type)})`;
    return `${emptyIsText && duckDbType(c.type) === "VARCHAR" ? `coalesce(${cast}, '')` : cast} AS ${ident(c.name)}`;
  };
  const selectList = [
    ...table.columns.map(column),
    ...partitions.map((p) => `CAST(${ident(p.name)} AS ${duckDbType(p.type)}) AS ${ident(p.name)}`),
  ].join(", ");
  if (!hasFiles(dir, partitions.length, table.format)) {
    // DuckDB refuses a glob that matches nothing: an empty table is an empty SELECT with the right types.
    const empty = [...table.columns, ...partitions].map(
      (c) => `CAST(NULL AS ${duckDbType(c.type)}) AS ${ident(c.name)}`,
    );
    return `SELECT ${empty.join(", ")} WHERE false`;
  }
  const hive = partitions.length
    ? `, hive_partitioning = true, hive_types = {${partitions.map((p) => `${sqlString(p.name)}: ${sqlString(duckDbType(p.type))}`).join(", ")}}`
    : ", hive_partitioning = false";
  const f = table.format;
  switch (f.type) {
    case "csv": {
      const options = [
        "auto_detect = false",
        `header = ${f.header ? "true" : "false"}`,
        `delim = ${sqlString(f.delimiter ?? ",")}`,
        `quote = ${sqlString(f.quote ?? '"')}`,
        `escape = ${sqlString(f.escape ?? f.quote ?? '"')}`,
        ...(f.nullString !== undefined ? [`nullstr = ${sqlString(f.nullString)}`] : []),
        `columns = {${table.columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckDbType(c.type))}`).join(", ")}}`,
      ];
      const stringColumns = table.columns.filter((c) => duckDbType(c.type) === "VARCHAR").map((c) => sqlString(c.name));
      if (f.emptyAsNull === false && stringColumns.length)
        options.push(`force_not_null = [${stringColumns.join(", ")}]`);
      return `SELECT ${selectList} FROM read_csv(${sqlString(glob)}, ${options.join(", ")}${hive})`;
    }
    case "json": {
      const cols = table.columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckDbType(c.type))}`).join(", ");
      return `SELECT ${selectList} FROM read_json(${sqlString(glob)}, format = 'newline_delimited', columns = {${cols}}${hive})`;
    }
    case "parquet":
      return `SELECT ${selectList} FROM read_parquet(${sqlString(glob)}${hive})`;
  }
}

function defaultGlob(type: TableFormat["type"]): string {
  return type === "csv" ? "*.csv" : type === "json" ? "*.json" : "*.parquet";
}

function hasFiles(dir: string, depth: number, format: TableFormat): boolean {
  const pattern = globToRegExp(format.fileGlob ?? defaultGlob(format.type));
  const walk = (d: string, level: number): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return false;
    }
    if (level === depth) return entries.some((e) => e.isFile() && pattern.test(e.name));
    return entries.some((e) => e.isDirectory() && e.name.includes("=") && walk(path.join(d, e.name), level + 1));
  };
  return walk(dir, 0);
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

/** Partition values present on disk for a table, e.g. [{ dt: "2024-01-01" }, ...] (for SHOW PARTITIONS). */
export function listPartitions(dataDir: string, table: CatalogTable): Record<string, string>[] {
  const keys = table.partitionKeys ?? [];
  if (!keys.length) return [];
  const out: Record<string, string>[] = [];
  const walk = (d: string, level: number, acc: Record<string, string>) => {
    if (level === keys.length) {
      out.push(acc);
      return;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const [k, v] = e.name.split("=");
      if (k === keys[level]!.name && v !== undefined) walk(path.join(d, e.name), level + 1, { ...acc, [k]: v });
    }
  };
  walk(tableDir(dataDir, table), 0, {});
  return out;
}
