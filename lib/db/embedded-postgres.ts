// The embedded PostgreSQL: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire protocol, so the
// console, Prisma and `psql` talk to it like to any server. Used when DATABASE_URL is unset.
//
// PGlite is ONE database session underneath. The socket server multiplexes connections and, while one connection
// is inside a transaction, holds everyone else's queries until it ends. Clients therefore use a pool of one
// connection per process (lib/db/client.ts), and code must never await another connection inside a transaction.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { embeddedDatabaseUrl } from "@/lib/env";
import { isProcessAlive } from "@/lib/process-alive";

export interface EmbeddedPostgres {
  /** postgresql:// URL of the server. */
  url: string;
  port: number;
  /** Stops accepting connections, closes PGlite (flushing its files) and releases the data-dir lock. */
  stop(): Promise<void>;
}

/** Connections the socket server accepts at once (processes × pool size, plus a psql or two). */
const MAX_CONNECTIONS = 32;

/**
 * Starts PGlite on `dataDir` (or in memory when undefined) and serves it on 127.0.0.1:`port` (0 = any free port).
 * Refuses to open a data dir that another live process holds: two PGlite instances on one directory corrupt it.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  const lockFile = options.dataDir ? `${path.resolve(options.dataDir)}.lock` : undefined;
  if (options.dataDir && lockFile) {
    await mkdir(options.dataDir, { recursive: true });
    await takeLock(lockFile, options.dataDir);
  }
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    // pg_trgm: the executions' partial name search uses a trigram index (a migration creates the extension).
    db = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { pg_trgm } });
    server = new PGLiteSocketServer({ db, port: options.port, host: "127.0.0.1", maxConnections: MAX_CONNECTIONS });
    await server.start();
  } catch (error) {
    await db?.close().catch(() => {});
    if (lockFile) await rm(lockFile, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${options.port} is already in use, so the embedded PostgreSQL cannot listen on it. ` +
          `Stop whatever uses it or set PGLITE_PORT to another port.`,
      );
    }
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  let stopped = false;
  const started = { db, server };
  return {
    url: embeddedDatabaseUrl(port),
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await started.server.stop().catch(() => {});
      await started.db.close().catch(() => {});
      if (lockFile) await rm(lockFile, { force: true });
    },
  };
}

async function takeLock(lockFile: string, dataDir: string): Promise<void> {
  const holder = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
  if (holder && holder !== process.pid && isProcessAlive(holder)) {
    throw new Error(
      `The embedded PostgreSQL data in ${dataDir} is in use by process ${holder} (lock file ${lockFile}). ` +
        `Stop that process, or use another ACC_DATA_DIR.`,
    );
  }
  await writeFile(lockFile, `${process.pid}\n`);
}
