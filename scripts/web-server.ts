// `npm start`'s web server: Next's production server (what `next start` runs), as ACC_WEB_WORKERS processes sharing
// PORT (scripts/lib/web-cluster.ts). Started by scripts/start.ts with the stack's environment.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { holdExitForShutdown } from "./lib/hold-exit";
import { runWebServer } from "./lib/web-cluster";

// Next reads NODE_ENV when it loads; `next start` sets it the same way.
(process.env as Record<string, string>).NODE_ENV = "production";

/** With `npm start` the console is the only thing serving on this machine: one process per core, up to four. */
const DEFAULT_LOCAL_WORKERS = Math.max(1, Math.min(os.availableParallelism(), 4));

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = checkEnv();
const log = logger.child({ component: "web" });

runWebServer({
  workers: env.ACC_WEB_WORKERS ?? DEFAULT_LOCAL_WORKERS,
  background: env.ACC_BACKGROUND ? "on" : "off",
  log: (message) => log.info(message),
  serve: () => {
    holdExitForShutdown((code) => log.info({ action: "stop", outcome: "ok", code }, "stopped"));
    import("next/dist/server/lib/start-server.js")
      .then(({ startServer }) =>
        startServer({ dir: ROOT, isDev: false, hostname: env.HOST, port: env.PORT, allowRetry: false }),
      )
      .catch((error: unknown) => {
        log.error({ err: error }, "the web server did not start");
        process.exit(1);
      });
  },
});
