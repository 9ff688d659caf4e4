// The standalone server's entry (`node server.mjs`, bundled into .next/standalone by scripts/build-standalone.ts):
//   1. validate the environment (lib/env.ts); a deployment names its database (DATABASE_URL, no embedded PGlite)
//   2. pending migrations under the migration advisory lock, so replicas starting together migrate once
//      (ACC_MIGRATE=off skips it when the deployment runs `node server.mjs migrate` as its own step)
//   3. Next's standalone server.js on HOST:PORT; its instrumentation hook starts the background loops, each on one
//      replica at a time (lib/leader), and installs the graceful shutdown (lib/lifecycle/shutdown.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIGRATE_ATTEMPTS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));
// Everything reads its files relative to the working directory (prisma/, package.json): the folder itself.
process.chdir(here);

async function main(): Promise<number> {
  const { EnvError, checkEnv } = await import("@/lib/env");
  const { logger } = await import("@/lib/log");
  const log = logger.child({ component: "server" });
  let env;
  try {
    env = checkEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      log.error({ problems: error.problems }, error.message);
      return 1;
    }
    throw error;
  }
  if (env.DATABASE_EMBEDDED) {
    log.error("DATABASE_URL is required: the standalone server runs against PostgreSQL (RDS, Aurora, …)");
    return 1;
  }
  const migrateOnly = process.argv[2] === "migrate";
  if (migrateOnly || process.env.ACC_MIGRATE !== "off") {
    const { applyPendingMigrations } = await import("@/lib/db/migrations/migrate");
    const started = Date.now();
    // The database may still be starting (a fresh RDS, docker compose) or slow to answer: a few tries with backoff.
    // A migration that fails on its SQL fails the same way each time and ends the start after the last try.
    let applied: string[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        applied = await applyPendingMigrations(env.DATABASE_URL);
        break;
      } catch (error) {
        if (attempt >= MIGRATE_ATTEMPTS) throw error;
        log.warn({ action: "migrate", outcome: "retry", attempt, err: error }, "migrations failed; trying again");
        await new Promise((r) => setTimeout(r, 1_000 * 2 ** attempt));
      }
    }
    log.info(
      { action: "migrate", outcome: "ok", applied, ms: Date.now() - started },
      applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema up to date",
    );
  }
  if (migrateOnly) return 0;
  // Next's server.js reads PORT and HOSTNAME.
  process.env.PORT = String(env.PORT);
  process.env.HOSTNAME = env.HOST;
  // Next's signal handler calls process.exit once its HTTP server has drained; the console's own shutdown (loops
  // at a safe point, database closed; lib/lifecycle/shutdown.ts) may still be running then: the exit waits for it.
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    const pending = (globalThis as { __accShutdown?: Promise<void> }).__accShutdown;
    if (!pending) return exit(code);
    void pending.finally(() => {
      log.info({ action: "stop", outcome: "ok", code }, "stopped");
      exit(code);
    });
    return undefined as never;
  }) as typeof process.exit;
  log.info({ action: "start", port: env.PORT, host: env.HOST, aws: env.AWS_ENDPOINT_URL ?? "aws" }, "starting");
  createRequire(import.meta.url)(path.join(here, "server.js"));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
