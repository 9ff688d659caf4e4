// Next's signal handler calls process.exit once its HTTP server has drained; the console's own shutdown (loops at a
// safe point, database closed; lib/lifecycle/shutdown.ts) may still be running then. This makes the exit wait for it.
import { shutdownInProgress } from "@/lib/lifecycle/shutdown";

export function holdExitForShutdown(onExit: (code: number | undefined) => void): void {
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    const pending = shutdownInProgress();
    if (!pending) return exit(code);
    void pending.finally(() => {
      onExit(code);
      exit(code);
    });
    return undefined as never;
  }) as typeof process.exit;
}
