// Keeps a child process running: when it dies unexpectedly it is started again after a backoff that doubles on each
// quick failure (a child that stayed up for a while starts again at the shortest delay).
import type { Child } from "./child-process";

export interface SupervisorOptions {
  /** First delay before a restart, doubled per consecutive quick failure up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran at least this long counts as healthy: the next restart waits minDelayMs again. */
  stableMs?: number;
  log?: (message: string) => void;
}

export interface Supervised {
  name: string;
  /** The child currently running (or starting), undefined while waiting to restart. */
  current(): Child | undefined;
  /** How many times the child was restarted. */
  restarts(): number;
  /** Stops supervising and stops the child; no restart after this. */
  stop(): Promise<void>;
}

/**
 * Starts `start()` (which resolves once the child is ready) and restarts it whenever it exits, until stop().
 * The first start's failure is the caller's: it rejects, so a broken setup does not loop forever at launch.
 */
export async function supervise(
  name: string,
  start: () => Promise<Child>,
  options: SupervisorOptions = {},
): Promise<Supervised> {
  const minDelayMs = options.minDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const stableMs = options.stableMs ?? 30_000;
  const log = options.log ?? (() => {});
  let child: Child | undefined = await start();
  let stopping = false;
  let restarts = 0;
  let delay = minDelayMs;
  let wake: (() => void) | undefined;

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const startedAt = Date.now();
      const code = await child!.exited;
      if (stopping) return;
      child = undefined;
      delay = Date.now() - startedAt >= stableMs ? minDelayMs : delay;
      log(`${name} exited unexpectedly (${code}); restarting in ${(delay / 1000).toFixed(1)} s`);
      while (!stopping && !child) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, delay);
        });
        wake = undefined;
        if (stopping) return;
        delay = Math.min(delay * 2, maxDelayMs);
        try {
          child = await start();
          // stop() came while this child was starting: stop() stops it once this loop has returned.
          if (stopping) return;
          restarts++;
          log(`${name} restarted (restart ${restarts})`);
        } catch (error) {
          log(`${name} did not start again: ${(error as Error).message}; next try in ${(delay / 1000).toFixed(1)} s`);
        }
      }
    }
  };
  const running = loop();

  return {
    name,
    current: () => child,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      wake?.();
      await child?.stop();
      await running;
      // A restart that was starting when stop() began has a child by now (a group SIGTERM reaches the child before
      // the parent's shutdown gets here); without this it would be left running with no parent.
      await child?.stop();
    },
  };
}
