// The Prisma client, one per process, over @prisma/adapter-pg (no native engine).
// No "server-only" here: start-up scripts and Vitest import lib/db too, and that package throws outside Next's
// server bundle. lib/db cannot reach a browser bundle anyway: `pg` needs Node's net/tls.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type { PrismaClient };

/**
 * Connections per process. The embedded PGlite is ONE session underneath: its socket server runs one query at a
 * time and, while a connection is inside a transaction, holds every other connection's queries until it ends.
 * More connections therefore buy no parallelism; one per process keeps the queue inside our pool (visible, bounded
 * by Prisma's timeouts) and leaves the server's connection slots to the other processes (start-up, psql).
 * What deadlocks with any pool size: awaiting a query outside the transaction's client while it is open. Don't.
 * A real server gets a normal pool.
 */
export function poolSizeFor(embedded: boolean): number {
  return embedded ? 1 : 10;
}

/** A new client for `url`; callers own it and must `$disconnect()` it. */
export function createPrismaClient(url: string, options: { embedded: boolean }): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: url,
    max: poolSizeFor(options.embedded),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 15_000,
  });
  return new PrismaClient({ adapter });
}

// Kept on globalThis so Next's dev reloads reuse the client instead of opening a new pool each time.
const holder = globalThis as { __accPrisma?: PrismaClient; __accPrismaOverride?: PrismaClient };

/** The process-wide client: the override when one is set, else one for env.DATABASE_URL. */
export function prisma(): PrismaClient {
  if (holder.__accPrismaOverride) return holder.__accPrismaOverride;
  holder.__accPrisma ??= createPrismaClient(env.DATABASE_URL, { embedded: env.DATABASE_EMBEDDED });
  return holder.__accPrisma;
}

/** Routes every lib/db function through `client` (integration tests, scripts); `undefined` restores the default. */
export function setPrismaClient(client: PrismaClient | undefined): void {
  holder.__accPrismaOverride = client;
}

/** Closes the process-wide client's connections (scripts and shutdown). */
export async function disconnectPrisma(): Promise<void> {
  const client = holder.__accPrisma;
  holder.__accPrisma = undefined;
  await client?.$disconnect();
}
