// `npm start` (production server) and `npm run dev` (`--dev`, next dev): the whole local stack in one command.
//   1. validate the environment (lib/env.ts)
//   2. embedded PostgreSQL (PGlite on PGLITE_PORT, data in ACC_DATA_DIR/pglite) unless DATABASE_URL is set
//   3. the AWS emulator and the local identity provider (emulator/src/idp) as child processes when
//      ACC_AWS_MODE=emulator (in parallel with 4)
//   4. pending migrations, then the demo checks on an empty database
//   5. next build when the build is missing or stale (not in dev), then Next's server on PORT (scripts/web-server.ts,
//      one process per core up to 4) / next dev
// Ctrl-C / SIGTERM stop the children in reverse order and close PGlite cleanly.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { disconnectPrisma } from "@/lib/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyPendingMigrations } from "@/lib/db/migrations/migrate";
import { seedDemoChecksIfEmpty, seedDemoNotificationsIfEmpty } from "@/lib/db/seed";
import { ensureSecretsKeyFile, secretsKeyFile } from "@/lib/notifications/secrets";
import { EnvError, checkEnv, resetEnvCache, type Env } from "@/lib/env";
import { logger } from "@/lib/log";
import { buildNeeded } from "./lib/build-freshness";
import { withBuildLock } from "./lib/build-lock";
import { startChild, type Child } from "./lib/child-process";
import { supervise } from "./lib/supervise";

const ROOT = process.cwd();
const dev = process.argv.includes("--dev");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const startLog = logger.child({ component: "start" });
const log = (message: string) => startLog.info(message);

const children: { stop(): Promise<void> }[] = [];
let database: EmbeddedPostgres | undefined;
let shuttingDown: Promise<void> | undefined;

function shutdown(exitCode: number): Promise<void> {
  shuttingDown ??= (async () => {
    log("stopping…");
    for (const child of [...children].reverse()) await child.stop();
    await disconnectPrisma().catch(() => {});
    await database?.stop();
    log("stopped");
    process.exit(exitCode);
  })();
  return shuttingDown;
}

// The console must outlive its emulator: a killed or crashed emulator is started again on the same port with
// backoff, and meanwhile the console's AWS calls fail fast (connection refused) and its pages say AWS is unreachable.
async function startEmulator(config: Env, childEnv: NodeJS.ProcessEnv): Promise<number> {
  let port = config.EMULATOR_PORT;
  const supervised = await supervise(
    "emulator",
    async () => {
      const emulator = startChild(
        "emulator",
        bin("tsx"),
        [
          "emulator/src/main.ts",
          "--port",
          String(port),
          "--data-dir",
          config.EMULATOR_DATA_DIR,
          "--region",
          config.AWS_REGION,
          "--account-id",
          config.AWS_ACCOUNT_ID,
        ],
        childEnv,
      );
      try {
        const match = await emulator.waitForLine(/emulator listening on http:\/\/[\d.]+:(\d+)/, 120_000);
        port = Number(match[1]); // a restart takes the same port, which the console already knows
        return emulator;
      } catch (error) {
        await emulator.stop();
        throw error;
      }
    },
    { log: (message) => (shuttingDown ? undefined : log(message)) },
  );
  children.push(supervised);
  return port;
}

/** The console's client secret at the local provider: created once per data dir, readable only by its owner. */
async function localClientSecret(config: Env): Promise<string> {
  const file = path.join(config.IDP_DATA_DIR, "client-secret");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored) return stored;
  } catch {
    // first start
  }
  const secret = randomBytes(32).toString("base64url");
  await mkdir(config.IDP_DATA_DIR, { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/** The local OpenID Connect provider (the role a Cognito user pool plays in AWS); returns its issuer. */
async function startIdentityProvider(config: Env, childEnv: NodeJS.ProcessEnv, secret: string): Promise<string> {
  const idp = startChild(
    "idp",
    bin("tsx"),
    [
      "emulator/src/idp/main.ts",
      "--port",
      String(config.IDP_PORT),
      "--data-dir",
      config.IDP_DATA_DIR,
      "--client-id",
      config.OIDC_CLIENT_ID,
      "--redirect-uri",
      `${config.ACC_PUBLIC_URL}/auth/callback`,
      "--post-logout-redirect-uri",
      `${config.ACC_PUBLIC_URL}/signin?signedOut=1`,
    ],
    { ...childEnv, IDP_CLIENT_SECRET: secret },
  );
  children.push(idp);
  watchUnexpectedExit(idp);
  const match = await idp.waitForLine(/identity provider listening on (http\S+)/, 120_000);
  return match[1]!;
}

function watchUnexpectedExit(child: Child): void {
  void child.exited.then((code) => {
    if (shuttingDown) return;
    console.error(`[start] ${child.name} exited unexpectedly (${code}); stopping everything.`);
    void shutdown(typeof code === "number" && code !== 0 ? code : 1);
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shuttingDown) return;
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`the console did not answer on ${url} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  let config: Env;
  try {
    config = checkEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  await mkdir(config.ACC_DATA_DIR, { recursive: true });
  log(`${dev ? "development" : "production"} mode; data in ${config.ACC_DATA_DIR}`);
  // Emulator mode without ACC_SECRETS_KEY: notification secrets are encrypted with a key generated here once.
  if (config.ACC_AWS_MODE === "emulator" && !config.ACC_SECRETS_KEY) {
    ensureSecretsKeyFile(config.ACC_DATA_DIR);
    log(`notification secrets key: ${secretsKeyFile(config.ACC_DATA_DIR)}`);
  }

  // Children inherit our environment plus the ports actually taken (0 means "any free port").
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  if (config.DATABASE_EMBEDDED) {
    database = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR, port: config.PGLITE_PORT });
    childEnv.PGLITE_PORT = String(database.port);
    log(`embedded PostgreSQL (PGlite) on 127.0.0.1:${database.port}, data in ${config.PGLITE_DATA_DIR} (${elapsed()})`);
  } else {
    log(`PostgreSQL from DATABASE_URL (${new URL(config.DATABASE_URL).host})`);
  }

  const emulatorPort =
    config.ACC_AWS_MODE === "emulator" ? startEmulator(config, childEnv) : Promise.resolve(undefined);
  emulatorPort.catch(() => {}); // handled below; avoid an unhandled rejection while migrations run

  // In emulator mode without an issuer of its own, the console signs in against the local provider.
  let issuer: Promise<string | undefined> = Promise.resolve(undefined);
  if (config.ACC_AWS_MODE === "emulator" && !process.env.OIDC_ISSUER?.trim()) {
    const secret = process.env.OIDC_CLIENT_SECRET?.trim() || (await localClientSecret(config));
    childEnv.OIDC_CLIENT_SECRET = secret;
    issuer = startIdentityProvider(config, childEnv, secret);
    issuer.catch(() => {});
  }

  if (database) {
    // The lazily read env (lib/db/client.ts in this process) must see the port actually taken.
    process.env.PGLITE_PORT = String(database.port);
    resetEnvCache();
  }
  const applied = await applyPendingMigrations(checkEnv().DATABASE_URL);
  log(
    applied.length
      ? `applied migrations: ${applied.join(", ")} (${elapsed()})`
      : `database schema up to date (${elapsed()})`,
  );
  const seeded = await seedDemoChecksIfEmpty();
  if (seeded > 0) log(`empty database: created ${seeded} demo checks`);

  const actualEmulatorPort = await emulatorPort;
  if (actualEmulatorPort !== undefined && (await seedDemoNotificationsIfEmpty(actualEmulatorPort)))
    log("created the demo notification destination slack-demo (the emulator's webhook receiver)");
  // Give the connection back: with PGlite, the console's own pool should be the only regular client.
  await disconnectPrisma();
  if (actualEmulatorPort !== undefined) {
    childEnv.EMULATOR_PORT = String(actualEmulatorPort);
    log(`AWS emulator on http://127.0.0.1:${actualEmulatorPort} (${elapsed()})`);
  } else {
    log(`AWS mode: ${config.AWS_ENDPOINT_URL ?? "real AWS endpoints"} in ${config.AWS_REGION}`);
  }

  const localIssuer = await issuer;
  if (localIssuer) {
    childEnv.OIDC_ISSUER = localIssuer;
    log(`local identity provider on ${localIssuer} (demo users admin, operator, viewer)`);
  }

  if (!dev) {
    const buildOk = await withBuildLock(
      ROOT,
      async () => {
        // Checked under the lock: a build that just finished elsewhere may already be fresh.
        const reason = await buildNeeded(ROOT);
        if (!reason) return true;
        log(`${reason}: running next build (takes a minute or two)…`);
        const build = startChild("build", bin("next"), ["build"], childEnv);
        children.push(build);
        const code = await build.exited;
        children.splice(children.indexOf(build), 1);
        if (code !== 0) {
          if (!shuttingDown) console.error(`[start] next build failed (${code}).`);
          return false;
        }
        log(`build finished (${elapsed()})`);
        return true;
      },
      log,
    );
    if (!buildOk) return shutdown(1);
  }

  // Production: Next's server as several processes on PORT (scripts/web-server.ts, ACC_WEB_WORKERS); dev: next dev.
  const next = dev
    ? startChild("next", bin("next"), ["dev", "-p", String(config.PORT), "-H", config.HOST], childEnv)
    : startChild("next", bin("tsx"), [path.join(ROOT, "scripts", "web-server.ts")], childEnv);
  children.push(next);
  watchUnexpectedExit(next);
  const probeHost = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  await waitForHttp(`http://${probeHost.includes(":") ? `[${probeHost}]` : probeHost}:${config.PORT}/`, 300_000);
  log(`ready in ${elapsed()}: open http://localhost:${config.PORT}/checks`);
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void shutdown(1);
});
