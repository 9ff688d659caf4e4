// CLI: `npx tsx emulator/src/main.ts [--port N] [--host H] [--data-dir DIR] [--any-flag value ...]` (`--help` lists them).
// Prints exactly one line `emulator listening on http://127.0.0.1:PORT` when ready; flushes state on SIGINT/SIGTERM.
import { parseArgs, USAGE, wantsHelp } from "./core/cli-args";
import { startEmulator } from "./emulator";
import type { EmulatorConfig } from "./core/types";

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    console.log(USAGE);
    return;
  }
  let config: Partial<EmulatorConfig>;
  try {
    config = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`emulator: ${(err as Error).message}`);
    process.exit(2);
  }
  const emulator = await startEmulator(config);
  console.log(`emulator listening on http://127.0.0.1:${emulator.port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // A second signal, or a stuck close, must still end the process.
    setTimeout(() => process.exit(1), 10_000).unref();
    emulator
      .close()
      .then(() => process.exit(0))
      .catch((err) => {
        console.error(`emulator: error while stopping on ${signal}:`, err);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err) => {
  console.error("emulator: failed to start:", err);
  process.exit(1);
});
