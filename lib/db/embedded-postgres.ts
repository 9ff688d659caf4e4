// The embedded PostgreSQL: PGlite (Postgres compiled to WebAssembly) served over the Postgres wire protocol, so the
// console, Prisma and `psql` talk to it like to any server. Used when DATABASE_URL is unset.
//
// PGlite is ONE database session underneath. The socket server multiplexes connections and, while one connection
// is inside a transaction, holds everyone else's queries until it ends. Clients therefore use a pool of one
// connection per process (lib/db/client.ts), and code must never await another connection inside a transaction.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { embeddedDatabaseUrl } from "@/lib/env";
import { isProcessAlive } from "@/lib/process-alive";
import { startAuthProxy, type AuthProxy } from "./pglite-auth-proxy";

export interface EmbeddedPostgres {
  /** postgresql:// URL of the server. */
  url: string;
  port: number;
  /** The password every client must give (generated once per data dir, kept in `<data dir>.password`). */
  password: string;
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
  const password = options.dataDir ? await dataDirPassword(options.dataDir) : newPassword();
  // PGlite trusts every connection, so it listens only on a Unix socket in a directory only we can enter; the TCP
  // port is the password-checking front door (pglite-auth-proxy.ts).
  const socketDir = await mkdtemp(path.join(os.tmpdir(), "acc-pglite-"));
  await chmod(socketDir, 0o700);
  const socketPath = path.join(socketDir, "pglite.sock");
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let proxy: AuthProxy | undefined;
  try {
    // pg_trgm: the executions' partial name search uses a trigram index (a migration creates the extension).
    db = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { pg_trgm } });
    server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: MAX_CONNECTIONS });
    await server.start();
    proxy = await startAuthProxy({
      host: "127.0.0.1",
      port: options.port,
      password,
      upstreamPath: socketPath,
      maxConnections: MAX_CONNECTIONS,
    });
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await rm(socketDir, { recursive: true, force: true });
    if (lockFile) await rm(lockFile, { force: true });
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${options.port} is already in use, so the embedded PostgreSQL cannot listen on it. ` +
          `Stop whatever uses it or set PGLITE_PORT to another port.`,
      );
    }
    throw error;
  }
  const port = proxy.port;
  let stopped = false;
  const started = { db, server, proxy };
  return {
    url: embeddedDatabaseUrl(port, password),
    port,
    password,
    async stop() {
      if (stopped) return;
      stopped = true;
      await started.proxy.close().catch(() => {});
      await started.server.stop().catch(() => {});
      await rm(socketDir, { recursive: true, force: true });
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

function newPassword(): string {
  return randomBytes(18).toString("base64url");
}

/** The data dir's password: read from `<data dir>.password` (mode 0600), generated on first use. */
async function dataDirPassword(dataDir: string): Promise<string> {
  const file = embeddedPasswordFile(dataDir);
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing) return existing;
  const password = newPassword();
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Where the embedded database's password is kept (next to its data dir, which PGlite owns). */
export function embeddedPasswordFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.password`;
}
