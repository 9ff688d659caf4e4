// SIGTERM / SIGINT in the console process. Next's own handler stops accepting connections and lets in-flight
// requests finish; beside it this one marks the process as draining (so /readyz answers 503 and a load balancer
// stops routing here), stops the background loops at a safe point (a running pass ends, no new one starts) within
// a bound, then closes the database pool.
import { disconnectPrisma } from "@/lib/db/client";

/** How long a running loop pass may take to end before the database is closed anyway. */
export const SHUTDOWN_BOUND_MS = 20_000;

const state = globalThis as {
  __accDraining?: boolean;
  __accShutdownInstalled?: boolean;
  __accShutdown?: Promise<void>;
};

/**
 * The running shutdown, if one started. Next's standalone server exits as soon as its HTTP server has drained; the
 * standalone entry (scripts/standalone/server.ts) holds that exit until this settles, so the loops end their pass
 * and the pool closes first.
 */
export function shutdownInProgress(): Promise<void> | undefined {
  return state.__accShutdown;
}

export function isDraining(): boolean {
  return state.__accDraining === true;
}

/** Runs on the first SIGTERM/SIGINT: draining flag, the stop functions (bounded), then the database. */
export async function shutdown(stops: Array<() => Promise<void>>, boundMs = SHUTDOWN_BOUND_MS): Promise<void> {
  state.__accDraining = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.allSettled(stops.map((stop) => stop())),
    new Promise<void>((res) => (timer = setTimeout(res, boundMs))),
  ]);
  clearTimeout(timer);
  await disconnectPrisma().catch(() => {});
}

export function installShutdown(stops: Array<() => Promise<void>>): void {
  if (state.__accShutdownInstalled) return;
  state.__accShutdownInstalled = true;
  let started = false;
  const onSignal = () => {
    if (started) return;
    started = true;
    state.__accShutdown = shutdown(stops);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
