// Throwaway databases for integration tests, migrated to the current schema: a fresh database on the real
// PostgreSQL (127.0.0.1:5432, as on CI machines) or an in-memory PGlite served over the socket on a free port.
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyPendingMigrations } from "@/lib/db/migrations/migrate";

export interface TestDatabase {
  kind: "postgres" | "pglite";
  url: string;
  /** A client for this database (pool size as the console would use). */
  client: PrismaClient;
  /** Disconnects the client and drops the database / stops the server. */
  drop(): Promise<void>;
}

/** Where the real PostgreSQL answers; CI and these machines run PostgreSQL 15 there with trust auth. */
export const REAL_POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Creates `acc_test_<purpose>_<pid>_<n>` on the real PostgreSQL, applies the migrations, returns it. */
export async function createPostgresTestDatabase(
  purpose: string,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `acc_test_${purpose.replace(/\W/g, "_").toLowerCase()}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: REAL_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = REAL_POSTGRES_ADMIN_URL.replace(/\/postgres$/, `/${name}`);
  if (options.migrate !== false) await applyPendingMigrations(url);
  const client = createPrismaClient(url, { embedded: false });
  return {
    kind: "postgres",
    url,
    client,
    async drop() {
      await client.$disconnect();
      const dropper = new pg.Client({ connectionString: REAL_POSTGRES_ADMIN_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Starts an in-memory PGlite on a free port, applies the migrations, returns it. */
export async function createPgliteTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const server = await startEmbeddedPostgres({ port: 0 });
  if (options.migrate !== false) await applyPendingMigrations(server.url);
  const client = createPrismaClient(server.url, { embedded: true });
  return {
    kind: "pglite",
    url: server.url,
    client,
    async drop() {
      await client.$disconnect();
      await server.stop();
    },
  };
}
