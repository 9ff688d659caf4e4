// The database adapter handed to the WebAssembly schema engine: @prisma/adapter-pg plus one repair.
//
// PostgreSQL's internal one-byte `"char"` type (OID 18: pg_class.relkind, pg_constraint.contype, ...) is missing
// from adapter-pg's type map: it throws "Unsupported column type char", and the engine cannot describe a schema
// (needed to replay migrations into a shadow database). We let pg report those columns as text, remember which
// columns they were (keyed by the rows array, which adapter-pg passes through untouched), and retag them as the
// engine's Character type.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** rows array of a result → indexes of its `"char"` columns. */
const charColumns = new WeakMap<object, number[]>();

function markCharColumns(res: pg.QueryResult | pg.QueryResult[] | undefined): void {
  for (const one of Array.isArray(res) ? res : [res]) {
    if (!one?.fields) continue;
    const indexes: number[] = [];
    one.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indexes.push(index);
      }
    });
    if (indexes.length > 0 && one.rows) charColumns.set(one.rows, indexes);
  }
}

class CharAwareClient extends pg.Client {
  // query() has many overloads: pg-pool calls the callback form, direct users the promise form. Handle both.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (error: Error | null, res?: pg.QueryResult) => void;
      args[last] = (error: Error | null, res?: pg.QueryResult) => {
        if (!error) markCharColumns(res);
        callback(error, res);
      };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as (...a: any[]) => any)(...args);
    if (result && typeof result.then === "function") {
      return result.then((res: pg.QueryResult) => {
        markCharColumns(res);
        return res;
      });
    }
    return result;
  }
}

function retagCharColumns(result: SqlResultSet): SqlResultSet {
  const indexes = charColumns.get(result.rows);
  if (!indexes) return result;
  const columnTypes = [...result.columnTypes];
  for (const index of indexes) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...result, columnTypes };
}

function withCharRepair<T extends { queryRaw(query: SqlQuery): Promise<SqlResultSet> }>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => retagCharColumns(await queryRaw(query));
  return queryable;
}

async function connectRepaired(pool: pg.Pool, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const adapter = withCharRepair(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => withCharRepair(await startTransaction(isolationLevel));
  if (onDispose) {
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await onDispose();
    };
  }
  return adapter;
}

/** A one-connection pool: the engine runs statements in sequence, and PGlite is one session anyway. */
function enginePool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 1, Client: CharAwareClient });
}

/**
 * An adapter factory for the schema engine. `connect` opens `mainUrl`; `shadow` provides a fresh, empty database
 * for each shadow-database request and says how to drop it.
 */
export function engineAdapterFactory(options: {
  mainUrl: () => Promise<string>;
  shadow: () => Promise<{ url: string; drop: () => Promise<void> }>;
}): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => connectRepaired(enginePool(await options.mainUrl())),
    connectToShadowDb: async () => {
      const shadow = await options.shadow();
      return connectRepaired(enginePool(shadow.url), shadow.drop);
    },
  };
}
