// The standalone server's entry (`node server.mjs`, bundled into .next/standalone by scripts/build-standalone.ts):
//   1. validate the environment (lib/env.ts); a deployment names its database (DATABASE_URL, no embedded PGlite)
//   2. pending migrations under the migration advisory lock, so replicas starting together migrate once
//      (ACC_MIGRATE=off skips it when the deployment runs `node server.mjs migrate` as its own step)
//   3. Next's standalone server.js on HOST:PORT, as ACC_WEB_WORKERS processes (default 1; scripts/lib/web-cluster.ts);
//      its instrumentation hook starts the background loops, each on one replica at a time (lib/leader), and
//      installs the graceful shutdown (lib/lifecycle/shutdown.ts).
import cluster from "node:cluster";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { holdExitForShutdown } from "../lib/hold-exit";
import { runWebServer } from "../lib/web-cluster";

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
  // Workers of a multi-process server (ACC_WEB_WORKERS) start after the primary migrated: they only serve.
  if (!cluster.isWorker && (migrateOnly || process.env.ACC_MIGRATE !== "off")) {
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
  runWebServer({
    workers: env.ACC_WEB_WORKERS ?? 1,
    background: env.ACC_BACKGROUND ? "on" : "off",
    log: (message) => log.info(message),
    serve: () => {
      holdExitForShutdown((code) => log.info({ action: "stop", outcome: "ok", code }, "stopped"));
      log.info({ action: "start", port: env.PORT, host: env.HOST, aws: env.AWS_ENDPOINT_URL ?? "aws" }, "starting");
      createRequire(import.meta.url)(path.join(here, "server.js"));
    },
  });
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
