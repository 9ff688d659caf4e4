// `npm run db:migrate`: applies pending migrations to the configured database. With the embedded database it uses
// the running server when `npm start` is up, else opens the data dir itself for the duration of the command.
import net from "node:net";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyPendingMigrations } from "@/lib/db/migrations/migrate";
import { EnvError, checkEnv } from "@/lib/env";

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function main(): Promise<void> {
  const env = checkEnv();
  let url = env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (env.DATABASE_EMBEDDED && !(await answers(env.PGLITE_PORT))) {
    embedded = await startEmbeddedPostgres({ dataDir: env.PGLITE_DATA_DIR, port: 0 });
    url = embedded.url;
    console.log(`opened the embedded database in ${env.PGLITE_DATA_DIR}`);
  }
  try {
    const applied = await applyPendingMigrations(url);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
