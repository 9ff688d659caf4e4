// Leadership of a background loop across replicas: the replica whose dedicated connection holds a PostgreSQL
// session advisory lock is the loop's leader, and only the leader runs passes. The lock is held across passes, so
// with two replicas each interval sees one pass, not one per replica. A follower tries to take the lock on each of
// its ticks; a leader that dies loses its connection and with it the lock (PostgreSQL releases a session's advisory
// locks when the session ends), so a follower takes over at its next tick — within one interval. A leader confirms it
// still holds the lock before every pass: a connection that broke (database restart, network) means it is no longer
// leader, and it competes again like anyone else.
//
// On the embedded PGlite every connection shares ONE session, so an advisory lock is granted to everyone: there the
// lease always says "leader" (the console is the only process on that database).
import pg from "pg";

/** First half of every loop's two-key advisory lock: "ACLD" (Audit Checks Console Leader). */
export const LEADER_LOCK_CLASS = 0x41434c44;

/** Second half: one key per background loop. */
export const LOOP_KEYS = { reconcile: 1, "executions-sync": 2, "result-snapshots": 3 } as const;
export type LoopName = keyof typeof LOOP_KEYS;

export interface LeaderLease {
  /** Takes or confirms leadership; false when another replica leads (or the database does not answer). */
  isLeader(): Promise<boolean>;
  /** Gives up leadership (closes the lock's connection). */
  release(): Promise<void>;
}

export interface LeaseOptions {
  loop: LoopName;
  /** A real PostgreSQL URL; undefined on PGlite (always leader). */
  databaseUrl: string | undefined;
  /** Bound on connecting and on each statement, so a hung database never hangs the loop. */
  timeoutMs?: number;
}

export function createLeaderLease(opts: LeaseOptions): LeaderLease {
  const { databaseUrl } = opts;
  if (!databaseUrl) return { isLeader: async () => true, release: async () => {} };
  const key = LOOP_KEYS[opts.loop];
  const timeoutMs = opts.timeoutMs ?? 5_000;
  let client: pg.Client | null = null;

  const drop = async () => {
    const c = client;
    client = null;
    // Ending the session releases its advisory locks even if an explicit unlock is never sent.
    await c?.end().catch(() => {});
  };

  const holds = async (c: pg.Client): Promise<boolean> => {
    const r = await c.query<{ held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::bigint::oid
         AND objid = $2::bigint::oid AND objsubid = 2 AND pid = pg_backend_pid() AND granted) AS held`,
      [LEADER_LOCK_CLASS, key],
    );
    return r.rows[0]?.held === true;
  };

  return {
    async isLeader() {
      if (client) {
        try {
          if (await holds(client)) return true;
        } catch {
          // The connection broke: leadership is lost with it.
        }
        await drop();
      }
      const c = new pg.Client({
        connectionString: databaseUrl,
        application_name: `acc-leader-${opts.loop}`,
        connectionTimeoutMillis: timeoutMs,
        query_timeout: timeoutMs,
        keepAlive: true,
      });
      // An idle session's socket error must not crash the process; the next isLeader() notices and reconnects.
      c.on("error", () => {
        if (client === c) client = null;
        void c.end().catch(() => {});
      });
      try {
        await c.connect();
        const r = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LEADER_LOCK_CLASS, key]);
        if (r.rows[0]?.ok) {
          client = c;
          return true;
        }
      } catch {
        // Database unreachable: not leader this tick.
      }
      await c.end().catch(() => {});
      return false;
    },
    release: drop,
  };
}
