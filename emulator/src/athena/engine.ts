// The local Athena engine: one DuckDB instance holding the catalog as views, a Trino compatibility layer, and
// a small pool of connections that run queries and stream their rows into result CSV files.
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  DuckDBInstance,
  StatementType as DuckStatementType,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
} from "@duckdb/node-api";
import { athenaType, formatterFor, type AthenaColumn } from "./athena-types";
import {
  findCatalog,
  findDatabase,
  ident,
  listPartitions,
  tableViewSql,
  type CatalogConfig,
  type CatalogTable,
} from "./catalog";
import { topSelectList, trinoColumnNames } from "./column-names";
import { ensureDatasets } from "./datasets";
import { translateDuckDbError, userFailure, type QueryFailure } from "./errors";
import { ParameterError, parseParameters } from "./parameters";
import { csvLine, CsvResultWriter } from "./results";
import { classifyStatement, type StatementKind, type StatementType } from "./statement";
import { unknownFunctionError } from "./trino/function-names";
import { installTrinoFunctions, TRINO_MACRO_SCHEMA } from "./trino/functions";
import { rewriteTrinoSql, statementCount } from "./trino/rewrite";

export interface EngineOptions {
  dataDir: string;
  catalog: CatalogConfig;
  auditRows: number;
  seed?: number;
  /** Queries that may run at once (each gets its own DuckDB connection). */
  concurrency: number;
  log?: (message: string) => void;
}

export interface ExecuteRequest {
  queryId: string;
  sql: string;
  catalog: string;
  database: string;
  parameters: string[];
  resultFile: string;
}

interface Timings {
  planningMs: number;
  engineMs: number;
  preProcessingMs: number;
  processingMs: number;
}

export type ExecuteOutcome =
  | ({
      state: "SUCCEEDED";
      kind: StatementKind;
      columns: AthenaColumn[];
      rowCount: number;
      hasHeader: boolean;
      dataScannedBytes: number;
      resultBytes: number;
    } & Timings)
  | ({ state: "FAILED"; kind: StatementKind; failure: QueryFailure } & Timings)
  | ({ state: "CANCELLED"; kind: StatementKind } & Timings);

const ZERO_TIMINGS: Timings = { planningMs: 0, engineMs: 0, preProcessingMs: 0, processingMs: 0 };

class QueryCancelled extends Error {}

export class AthenaEngine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiters: ((c: DuckDBConnection) => void)[] = [];
  private readonly running = new Map<string, DuckDBConnection>();
  private readonly cancelled = new Set<string>();
  private readonly connectionIds = new Map<DuckDBConnection, bigint>();
  private truncating: Promise<unknown> = Promise.resolve();
  private active = 0;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly admin: DuckDBConnection,
    private readonly options: EngineOptions,
    private readonly datasetsDir: string,
    /** Every function name DuckDB resolves (built-ins and the Trino layer). */
    private readonly engineFunctions: ReadonlySet<string>,
  ) {}

  /** Generates missing data sets, loads the catalog as views, and opens the connection pool. */
  static async open(options: EngineOptions): Promise<AthenaEngine> {
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "true",
    });
    const admin = await instance.connect();
    await admin.run("SET GLOBAL TimeZone = 'UTC'");
    // Trino divides integers as integers (7 / 2 = 3, truncated toward zero).
    await admin.run("SET GLOBAL integer_division = true");
    await installTrinoFunctions(admin);
    await ensureDatasets(admin, options.dataDir, options.catalog, {
      auditRows: options.auditRows,
      seed: options.seed,
      log: options.log,
    });
    for (const catalog of options.catalog.catalogs) {
      const cat = ident(catalog.name.toLowerCase());
      await admin.run(`ATTACH ':memory:' AS ${cat}`);
      for (const db of catalog.databases) {
        await admin.run(`CREATE SCHEMA IF NOT EXISTS ${cat}.${ident(db.name)}`);
        for (const table of db.tables) {
          await admin.run(
            `CREATE OR REPLACE VIEW ${cat}.${ident(db.name)}.${ident(table.name)} AS ${tableViewSql(options.dataDir, table)}`,
          );
        }
      }
    }
    // Every file read is logged per connection: DataScannedInBytes is the sum of what a query really read.
    await admin.run("CALL enable_logging('FileSystem')");
    // Queries may read the data sets and nothing else: no other files, no COPY ... TO, no ATTACH.
    const datasetsDir = path.join(options.dataDir, "datasets");
    await admin.run(`SET allowed_directories = ['${(datasetsDir + path.sep).replace(/'/g, "''")}']`);
    await admin.run("SET enable_external_access = false");
    const functionRows = await admin.runAndReadAll("SELECT DISTINCT lower(function_name) FROM duckdb_functions()");
    const engineFunctions = new Set(functionRows.getRows().map((row) => String(row[0])));
    const engine = new AthenaEngine(instance, admin, options, datasetsDir + path.sep, engineFunctions);
    for (let i = 0; i < Math.max(1, options.concurrency); i++) {
      const conn = await instance.connect();
      const id = (await conn.runAndReadAll("SELECT current_connection_id()")).getRows()[0]![0] as bigint;
      engine.connectionIds.set(conn, BigInt(id));
      engine.idle.push(conn);
    }
    return engine;
  }

  /** Runs one statement to completion and writes its result file; never throws for a bad query. */
  async execute(req: ExecuteRequest): Promise<ExecuteOutcome> {
    try {
      return await this.executeStatement(req);
    } finally {
      this.cancelled.delete(req.queryId);
    }
  }

  private async executeStatement(req: ExecuteRequest): Promise<ExecuteOutcome> {
    const pre0 = performance.now();
    if (statementCount(req.sql) > 1) {
      return failed(
        classifyStatement(req.sql),
        userFailure(`Only one sql statement is allowed. Got: ${req.sql}`),
        ms(pre0),
      );
    }
    if (statementCount(req.sql) === 0) {
      return failed(
        classifyStatement(req.sql),
        userFailure("SYNTAX_ERROR: line 1:1: mismatched input '<EOF>'. Expecting: <query>"),
        ms(pre0),
      );
    }
    const kind = classifyStatement(req.sql);
    const catalog = findCatalog(this.options.catalog, req.catalog);
    if (!catalog)
      return failed(
        kind,
        userFailure(`CATALOG_NOT_FOUND: Catalog '${req.catalog.toLowerCase()}' does not exist`),
        ms(pre0),
      );
    const database = findDatabase(catalog, req.database);
    if (!database)
      return failed(
        kind,
        userFailure(`SCHEMA_NOT_FOUND: Schema '${req.database.toLowerCase()}' does not exist`),
        ms(pre0),
      );

    switch (kind.handler) {
      case "query":
        return this.runQuery(req, kind, catalog.name.toLowerCase(), database.name, pre0);
      case "unsupported":
        return failed(
          kind,
          userFailure(
            `NOT_SUPPORTED: ${kind.substatementType} statements are not supported by the local Athena emulator`,
          ),
          ms(pre0),
        );
      default:
        return this.runUtility(req, kind, catalog.name, database.name, pre0);
    }
  }

  /** Stops a query that is running or about to run (execute checks the flag before each long step). */
  cancel(queryId: string): void {
    this.cancelled.add(queryId);
    // An interrupt that reaches the connection just before DuckDB starts executing is a no-op, and the flag is only
    // read again after the first chunk (for an aggregate, the whole query): keep interrupting until the query hands
    // its connection back.
    const interrupt = () => {
      const conn = this.running.get(queryId);
      if (!conn || !this.cancelled.has(queryId)) return;
      conn.interrupt();
      setTimeout(interrupt, 100).unref();
    };
    interrupt();
  }

  /** Closes every connection and the instance. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.running.values()) conn.interrupt();
    // Interrupted queries hand their connection back within a moment; never close one under a running query.
    const deadline = Date.now() + 5_000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.truncating;
    for (const conn of [...this.idle, this.admin]) conn.closeSync();
    if (this.running.size === 0) this.instance.closeSync();
  }

  private async runQuery(
    req: ExecuteRequest,
    kind: StatementKind,
    catalog: string,
    database: string,
    pre0: number,
  ): Promise<ExecuteOutcome> {
    const unknownFunction = unknownFunctionError(req.sql, this.engineFunctions);
    if (unknownFunction) return failed(kind, userFailure(unknownFunction), ms(pre0));
    let engineSql: string;
    let parameterCount: number;
    let zone: string;
    try {
      const rewritten = rewriteTrinoSql(req.sql);
      ({ sql: engineSql, parameterCount } = rewritten);
      zone = displayZone(rewritten);
    } catch (err) {
      return failed(kind, userFailure(`INVALID_FUNCTION_ARGUMENT: ${(err as Error).message}`), ms(pre0));
    }
    if (parameterCount !== req.parameters.length) {
      return failed(
        kind,
        userFailure(
          `INVALID_PARAMETER_USAGE: line 1:1: Incorrect number of parameters: expected ${parameterCount} but found ${req.parameters.length}`,
        ),
        ms(pre0),
      );
    }
    let bound;
    try {
      bound = parseParameters(req.parameters);
    } catch (err) {
      if (err instanceof ParameterError)
        return failed(kind, userFailure(`INVALID_PARAMETER_USAGE: ${err.message}`), ms(pre0));
      throw err;
    }
    const preProcessingMs = ms(pre0);
    const errorContext = { originalSql: req.sql, engineSql, catalog, database };

    const conn = await this.acquire();
    this.running.set(req.queryId, conn);
    let prepared: DuckDBPreparedStatement | undefined;
    let writer: CsvResultWriter | undefined;
    let planningMs = 0;
    const timings = () => ({ planningMs, engineMs: ms(engine0), preProcessingMs, processingMs: 0 });
    let engine0 = performance.now();
    try {
      await conn.run(`USE ${ident(catalog)}.${ident(database)}`);
      await conn.run(`SET search_path = '${catalog}.${database},${TRINO_MACRO_SCHEMA}'`);
      await conn.run(`SET TimeZone = '${sessionZone(zone)}'`);
      const before = await this.bytesRead(conn);
      // Parsed before the statement streams: a second statement on this connection would end the stream.
      const selectList = await topSelectList(conn, engineSql);
      engine0 = performance.now();
      if (this.cancelled.has(req.queryId)) throw new QueryCancelled();
      prepared = await conn.prepare(engineSql);
      if (prepared.statementType !== DuckStatementType.SELECT) {
        return failed(
          kind,
          userFailure("NOT_SUPPORTED: Only queries (SELECT, WITH, VALUES) can run in the local Athena emulator"),
          ms(pre0),
        );
      }
      bound.forEach((p, i) =>
        p.value === null ? prepared!.bindNull(i + 1) : prepared!.bindValue(i + 1, p.value, p.type),
      );
      planningMs = ms(engine0);
      if (this.cancelled.has(req.queryId)) throw new QueryCancelled();
      const result = await prepared.stream();
      const types = result.columnTypes();
      const names = trinoColumnNames(selectList, result.columnNames());
      const columns: AthenaColumn[] = types.map((t, i) => {
        const a = athenaType(t);
        return {
          name: names[i]!,
          type: a.type,
          precision: a.precision,
          scale: a.scale,
          caseSensitive: a.type === "varchar" || a.type === "json",
        };
      });
      const formatters = types.map((t) => formatterFor(t, zone));
      writer = new CsvResultWriter(req.resultFile);
      await writer.write(csvLine(columns.map((c) => c.name)));
      let rowCount = 0;
      for (;;) {
        if (this.cancelled.has(req.queryId)) throw new QueryCancelled();
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const cols = chunk.getColumns();
        let text = "";
        const values: (string | null)[] = new Array(cols.length);
        for (let r = 0; r < chunk.rowCount; r++) {
          for (let c = 0; c < cols.length; c++) {
            const v = cols[c]![r];
            values[c] = v === null || v === undefined ? null : formatters[c]!(v);
          }
          text += csvLine(values);
        }
        rowCount += chunk.rowCount;
        await writer.write(text);
      }
      const engineMs = ms(engine0);
      const post0 = performance.now();
      await writer.close();
      const dataScannedBytes = Number((await this.bytesRead(conn)) - before);
      return {
        state: "SUCCEEDED",
        kind,
        columns,
        rowCount,
        hasHeader: true,
        dataScannedBytes,
        resultBytes: writer.bytes,
        planningMs,
        engineMs,
        preProcessingMs,
        processingMs: ms(post0),
      };
    } catch (err) {
      await writer?.discard();
      if (
        err instanceof QueryCancelled ||
        this.cancelled.has(req.queryId) ||
        /^INTERRUPT/i.test((err as Error).message ?? "")
      ) {
        return { state: "CANCELLED", kind, ...timings() };
      }
      const message = (err as Error)?.message ?? String(err);
      return { state: "FAILED", kind, failure: translateDuckDbError(message, errorContext), ...timings() };
    } finally {
      prepared?.destroySync();
      this.running.delete(req.queryId);
      this.cancelled.delete(req.queryId);
      this.release(conn);
    }
  }

  // SHOW / DESCRIBE / MSCK answered from the catalog; Athena writes these results without a header row.
  private async runUtility(
    req: ExecuteRequest,
    kind: StatementKind,
    catalogName: string,
    database: string,
    pre0: number,
  ): Promise<ExecuteOutcome> {
    const catalog = findCatalog(this.options.catalog, catalogName)!;
    const lookupTable = (): CatalogTable | QueryFailure => {
      const [dbName, tableName] =
        kind.target && kind.target.length === 2 ? kind.target : [database, kind.target?.[0] ?? ""];
      const db = findDatabase(catalog, dbName!);
      if (!db) return userFailure(`SCHEMA_NOT_FOUND: Schema '${dbName}' does not exist`);
      const table = db.tables.find((t) => t.name === tableName);
      return (
        table ??
        userFailure(`TABLE_NOT_FOUND: Table '${catalogName.toLowerCase()}.${dbName}.${tableName}' does not exist`)
      );
    };
    let lines: string[];
    let column = { name: "result", type: "varchar" };
    switch (kind.handler) {
      case "show-tables": {
        const db = findDatabase(catalog, kind.target?.[0] ?? database);
        if (!db)
          return failed(kind, userFailure(`SCHEMA_NOT_FOUND: Schema '${kind.target?.[0]}' does not exist`), ms(pre0));
        lines = db.tables
          .map((t) => t.name)
          .filter(likeFilter(kind.like))
          .sort();
        column = { name: "tab_name", type: "varchar" };
        break;
      }
      case "show-databases":
        lines = catalog.databases
          .map((d) => d.name)
          .filter(likeFilter(kind.like))
          .sort();
        column = { name: "database_name", type: "varchar" };
        break;
      default: {
        const table = lookupTable();
        if (!("name" in table)) return failed(kind, table, ms(pre0));
        if (kind.handler === "show-partitions") {
          lines = listPartitions(this.options.dataDir, table).map((p) =>
            Object.entries(p)
              .map(([k, v]) => `${k}=${v}`)
              .join("/"),
          );
          column = { name: "partition", type: "varchar" };
        } else if (kind.handler === "show-columns") {
          lines = [...table.columns, ...(table.partitionKeys ?? [])].map((c) => c.name);
          column = { name: "field", type: "varchar" };
        } else if (kind.handler === "describe") {
          const fmt = (c: { name: string; type: string; comment?: string }) =>
            `${c.name.padEnd(24)}\t${c.type.padEnd(24)}\t${c.comment ?? ""}`;
          lines = [...table.columns, ...(table.partitionKeys ?? [])].map(fmt);
          if (table.partitionKeys?.length)
            lines.push(
              "",
              "# Partition Information",
              `# col_name            \tdata_type           \tcomment`,
              "",
              ...table.partitionKeys.map(fmt),
            );
          column = { name: "col_name", type: "varchar" };
        } else {
          lines = []; // MSCK REPAIR TABLE / ADD PARTITION: partitions are discovered from the directories anyway.
        }
      }
    }
    const writer = new CsvResultWriter(req.resultFile);
    for (const line of lines) await writer.write(csvLine([line]));
    await writer.close();
    const columns: AthenaColumn[] =
      lines.length || kind.statementType === "UTILITY"
        ? [{ ...column, precision: 2147483647, scale: 0, caseSensitive: true }]
        : [];
    return {
      state: "SUCCEEDED",
      kind,
      columns,
      rowCount: lines.length,
      hasHeader: false,
      dataScannedBytes: 0,
      resultBytes: writer.bytes,
      ...ZERO_TIMINGS,
      preProcessingMs: ms(pre0),
    };
  }

  private async acquire(): Promise<DuckDBConnection> {
    await this.truncating;
    const conn = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiters.push(resolve)));
    this.active++;
    return conn;
  }

  private release(conn: DuckDBConnection): void {
    this.active--;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.active++;
      waiter(conn);
      return;
    }
    this.idle.push(conn);
    // The file-read log only grows: empty it whenever no query is measuring against it.
    if (this.active === 0 && !this.closed)
      this.truncating = this.admin.run("CALL truncate_duckdb_logs()").catch(() => undefined);
  }

  private async bytesRead(conn: DuckDBConnection): Promise<bigint> {
    const id = this.connectionIds.get(conn)!;
    const reader = await conn.runAndReadAll(
      `SELECT coalesce(sum(TRY_CAST(json_extract_string(message, '$.bytes') AS BIGINT)), 0)::BIGINT
         FROM duckdb_logs
        WHERE connection_id = ${id} AND type = 'FileSystem'
          AND json_extract_string(message, '$.op') = 'READ'
          AND starts_with(json_extract_string(message, '$.path'), $1::VARCHAR)`,
      [this.datasetsDir],
    );
    return BigInt(reader.getRows()[0]![0] as bigint);
  }
}

/**
 * Trino keeps a zone in every `timestamp with time zone` value; DuckDB keeps only the instant. A query that
 * names one zone (AT TIME ZONE / with_timezone first, else literals and ISO offsets) shows its values in it and runs
 * with it as the session zone, so date_trunc / date_add / date_diff / extract work in that zone as Trino's do.
 * Queries naming no zone, or several, use UTC, Athena's session zone.
 */
export function displayZone(named: { zones: readonly string[]; conversions: readonly string[] }): string {
  const conversions = new Set(named.conversions);
  if (conversions.size > 0) return conversions.size === 1 ? [...conversions][0]! : "UTC";
  const zones = new Set(named.zones);
  return zones.size === 1 ? [...zones][0]! : "UTC";
}

// Zones without daylight saving time that keep these offsets all year (DuckDB has no Etc/ zone for them).
const FRACTIONAL_OFFSET_ZONES: Record<string, string> = {
  "+03:30": "Asia/Tehran",
  "+04:30": "Asia/Kabul",
  "+05:30": "Asia/Kolkata",
  "+05:45": "Asia/Kathmandu",
  "+06:30": "Asia/Yangon",
  "+08:45": "Australia/Eucla",
  "+09:30": "Australia/Darwin",
  "-09:30": "Pacific/Marquesas",
};

/** The DuckDB TimeZone setting for a Trino zone: IANA names as they are, whole-hour offsets as Etc/GMT∓h. */
export function sessionZone(zone: string): string {
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (offset) {
    if (offset[3] !== "00") return FRACTIONAL_OFFSET_ZONES[zone] ?? "UTC";
    const hours = Number(offset[2]);
    return hours === 0 ? "UTC" : `Etc/GMT${offset[1] === "+" ? "-" : "+"}${hours}`;
  }
  return /^[A-Za-z0-9_/+-]+$/.test(zone) ? zone : "UTC";
}

function failed(kind: StatementKind, failure: QueryFailure, preProcessingMs: number): ExecuteOutcome {
  return { state: "FAILED", kind, failure, ...ZERO_TIMINGS, preProcessingMs };
}

function ms(since: number): number {
  return Math.ceil(performance.now() - since);
}

function likeFilter(pattern: string | undefined): (name: string) => boolean {
  if (!pattern) return () => true;
  // Hive SHOW ... LIKE uses * as wildcard and | for alternatives.
  const re = new RegExp(
    `^(?:${pattern
      .split("|")
      .map((p) =>
        p
          .trim()
          .replace(/[.+^${}()[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*"),
      )
      .join("|")})$`,
    "i",
  );
  return (name) => re.test(name);
}

export type { StatementType };
