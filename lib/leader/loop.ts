// A background loop that runs its pass only on the replica leading it (see lease.ts), one pass per interval, and
// stops at a safe point: stop() lets a running pass finish (passes are safe to repeat, so a pass cut short by a
// killed process is simply done again by the next leader) and then releases leadership.

import { createLeaderLease, type LeaderLease, type LoopName } from "./lease";

export interface LeaderLoopOptions {
  loop: LoopName;
  intervalMs: number;
  /** Delay before the first tick (the database and AWS may still be coming up). */
  firstDelayMs: number;
  /** A real PostgreSQL URL; undefined on PGlite. */
  databaseUrl: string | undefined;
  /** One pass; its errors are the pass's own business (logged by the caller), never the loop's end. */
  pass: () => Promise<void>;
  /** Called after each tick with whether this replica led it and how late the tick started (ms). */
  onTick?: (tick: { leader: boolean; lagMs: number }) => void;
  /** For tests: a lease other than the PostgreSQL one. */
  lease?: LeaderLease;
}

export interface LeaderLoop {
  /** Stops ticking, waits for a running pass to end, gives up leadership. */
  stop(): Promise<void>;
}

export function startLeaderLoop(opts: LeaderLoopOptions): LeaderLoop {
  const lease = opts.lease ?? createLeaderLease({ loop: opts.loop, databaseUrl: opts.databaseUrl });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let dueAt = Date.now() + opts.firstDelayMs;

  const tick = async () => {
    const lagMs = Math.max(0, Date.now() - dueAt);
    let leader = false;
    try {
      leader = await lease.isLeader();
      if (leader && !stopped) await opts.pass();
    } catch {
      // The pass reports its own failures; a throwing one must not end the loop.
    } finally {
      opts.onTick?.({ leader, lagMs });
    }
  };
  const schedule = (delayMs: number) => {
    dueAt = Date.now() + delayMs;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        if (!stopped) schedule(opts.intervalMs);
      });
    }, delayMs);
  };
  schedule(opts.firstDelayMs);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await lease.release();
    },
  };
}
