// Migrations without Prisma's native engine: apply pending folders to a database, and compute the SQL that takes
// the migrations' schema to the current schema.prisma. Both go through the WebAssembly schema engine.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { engineAdapterFactory } from "./engine-adapter";
import { MIGRATIONS_DIR, SCHEMA_PATH, readMigrations } from "./migrations-folder";
import { NO_FILTERS, openSchemaEngine, type SchemaFile } from "./schema-engine";

export interface MigrateOptions {
  migrationsDir?: string;
  schemaPath?: string;
  log?: (line: string) => void;
}

async function readSchema(schemaPath: string = SCHEMA_PATH): Promise<SchemaFile> {
  return { path: path.basename(schemaPath), content: await readFile(schemaPath, "utf8") };
}

/** An empty in-memory PGlite on a free port, for the engine's shadow database. */
async function throwawayDatabase(started: EmbeddedPostgres[]): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = await startEmbeddedPostgres({ port: 0 });
  started.push(server);
  return { url: server.url, drop: () => server.stop() };
}

/** pg_advisory_lock key held while migrating: "ACCM" (Audit Checks Console Migrations). */
export const MIGRATION_LOCK_KEY = 0x4143434d;

/**
 * Runs `fn` holding a session advisory lock on its own connection, so replicas starting together migrate one after
 * the other: the second waits, then finds nothing pending. A process that dies mid-migration drops its session and
 * with it the lock. (On PGlite every connection is one session and the lock is granted to all: one process there.)
 */
async function withMigrationLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "acc-migrate-lock" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/**
 * Applies the migration folders not yet recorded in `_prisma_migrations` of the database at `databaseUrl`, in order,
 * recording each like `prisma migrate deploy` does, under the migration lock. Returns the names applied (empty when
 * up to date, or when another process applied them while this one waited for the lock).
 */
export function applyPendingMigrations(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  return withMigrationLock(databaseUrl, () => applyUnlocked(databaseUrl, options));
}

async function applyUnlocked(databaseUrl: string, options: MigrateOptions): Promise<string[]> {
  const migrationsList = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const throwaways: EmbeddedPostgres[] = [];
  try {
    const engine = await openSchemaEngine({
      schema: await readSchema(options.schemaPath),
      adapterFactory: engineAdapterFactory({
        mainUrl: async () => databaseUrl,
        shadow: () => throwawayDatabase(throwaways),
      }),
      log: options.log,
    });
    try {
      const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
      return result.appliedMigrationNames;
    } finally {
      engine.free();
    }
  } finally {
    await Promise.all(throwaways.map((server) => server.stop()));
  }
}

/**
 * The SQL that takes a database built from the migration folders to the current schema.prisma; an empty string
 * when they already agree. The migrations are replayed into a throwaway in-memory PGlite (the engine's "shadow
 * database"), so no real database is touched or needed, and hand-edited migration.sql files count as written.
 */
export async function diffMigrationsToSchema(options: MigrateOptions = {}): Promise<string> {
  const migrationsList = await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const schema = await readSchema(options.schemaPath);
  const throwaways: EmbeddedPostgres[] = [];
  // diff never reads the main database, so main and shadow share one throwaway: starting PGlite takes seconds.
  let shared: Promise<string> | undefined;
  const sharedUrl = () => (shared ??= throwawayDatabase(throwaways).then((db) => db.url));
  try {
    const engine = await openSchemaEngine({
      schema,
      adapterFactory: engineAdapterFactory({
        mainUrl: sharedUrl,
        shadow: async () => ({ url: await sharedUrl(), drop: async () => {} }),
      }),
      log: options.log,
    });
    try {
      const result = await engine.diff({
        from:
          migrationsList.migrationDirectories.length === 0
            ? { tag: "empty" }
            : { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      const sql = result.stdout ?? "";
      return isEmptyMigration(sql) ? "" : sql;
    } finally {
      engine.free();
    }
  } finally {
    await Promise.all(throwaways.map((server) => server.stop()));
  }
}

/** The engine answers "-- This is an empty migration." (or nothing) when there is no difference. */
function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}
