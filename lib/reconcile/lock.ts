// One reconcile at a time. In this process: a mutex. Across processes (two consoles on one database): a PostgreSQL
// session advisory lock held on a dedicated connection for the length of the pass — if the process dies, the
// connection closes and the lock goes with it. On the embedded PGlite every connection shares ONE session, so an
// advisory lock would always be granted to everyone: there the lock across the web server's worker processes is
// the cluster primary's (lib/cluster/worker.ts), and with one server process the in-process mutex is the lock (the
// console is the only program using that database).
import pg from "pg";
import { acquireClusterLock, inClusterWorker } from "@/lib/cluster/worker";

/** pg_try_advisory_lock key: "ACCR" (Audit Checks Console Reconcile). */
export const RECONCILE_LOCK_KEY = 0x41434352;

class Mutex {
  private locked = false;
  private waiters: Array<() => void> = [];

  /** Resolves with a release function, or null after `waitMs` without getting the lock. */
  acquire(waitMs: number): Promise<(() => void) | null> {
    const release = () => {
      const next = this.waiters.shift();
      if (next) next();
      else this.locked = false;
    };
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(null);
      }, waitMs);
      this.waiters.push(waiter);
    });
  }
}

const holder = globalThis as { __accReconcileMutex?: Mutex };
const mutex = (holder.__accReconcileMutex ??= new Mutex());

export interface LockOptions {
  /** How long to wait for another pass to finish before giving up. */
  waitMs: number;
  /** Real PostgreSQL URL for the cross-process lock; undefined on PGlite (in-process mutex only). */
  databaseUrl?: string;
}

export type Locked<T> = { ran: true; value: T } | { ran: false };

/** Runs `fn` while holding the reconcile lock; `{ ran: false }` when another pass held it for longer than waitMs. */
export async function withReconcileLock<T>(fn: () => Promise<T>, opts: LockOptions): Promise<Locked<T>> {
  const deadline = Date.now() + opts.waitMs;
  const release = await mutex.acquire(opts.waitMs);
  if (!release) return { ran: false };
  let client: pg.Client | undefined;
  let releaseCluster: (() => void) | null = null;
  try {
    if (!opts.databaseUrl && inClusterWorker()) {
      releaseCluster = await acquireClusterLock("reconcile", Math.max(0, deadline - Date.now()));
      if (!releaseCluster) return { ran: false };
    }
    if (opts.databaseUrl) {
      client = new pg.Client({ connectionString: opts.databaseUrl, application_name: "acc-reconcile-lock" });
      await client.connect();
      for (;;) {
        const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [RECONCILE_LOCK_KEY]);
        if (r.rows[0]?.ok) break;
        if (Date.now() >= deadline) return { ran: false };
        await new Promise((res) => setTimeout(res, 200));
      }
    }
    return { ran: true, value: await fn() };
  } finally {
    if (client) {
      // Closing the session releases the advisory lock even if the unlock statement fails.
      await client.query("SELECT pg_advisory_unlock($1)", [RECONCILE_LOCK_KEY]).catch(() => {});
      await client.end().catch(() => {});
    }
    releaseCluster?.();
    release();
  }
}
