// Several web server processes on one port (node:cluster). One Next server process renders on one core; with
// ACC_WEB_WORKERS > 1 the primary forks that many workers, the kernel's listening socket is shared through the
// primary (round robin), and the console serves pages on every core. A replica still runs its background loops once:
// only worker 0 runs them (ACC_BACKGROUND), and a worker that dies is started again in its slot.
//
// The primary is also what the workers share (lib/cluster/protocol.ts): the reconcile lock across them on the
// embedded PGlite (where PostgreSQL advisory locks cannot tell sessions apart), and /metrics of all of them.
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { LockTable } from "@/lib/cluster/lock-table";
import {
  CLUSTER_TAG,
  WORKER_SLOT_ENV,
  workerMessageSchema,
  type PrimaryMessage,
  type WorkerMessage,
} from "@/lib/cluster/protocol";

export interface WebClusterOptions {
  /** Server processes; 1 serves in this process, with no primary. */
  workers: number;
  /** Starts the web server in this process (each worker, or the only process). */
  serve: () => void;
  log: (message: string) => void;
  /** Whether this replica runs the background loops (worker 0 gets this value, the others "off"). */
  background: "on" | "off";
}

/** How long the primary waits for each worker's metrics before answering with those it has. */
const COLLECT_TIMEOUT_MS = 5_000;
/** How long workers get to drain on shutdown before they are killed. */
const STOP_GRACE_MS = 30_000;
/** Restart delays after a worker died: doubling from 1 s, at most 30 s; reset once a worker lived a minute. */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const HEALTHY_AFTER_MS = 60_000;

/** Runs the web server as `workers` processes (a primary and its workers), or in this process when 1. */
export function runWebServer(options: WebClusterOptions): void {
  if (cluster.isWorker) {
    // The primary is gone (killed, crashed): a worker must not live on serving alone with nobody to restart it.
    process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
    options.serve();
    return;
  }
  if (options.workers <= 1) {
    options.serve();
    return;
  }
  startPrimary(options);
}

function startPrimary(options: WebClusterOptions): void {
  const { log } = options;
  const send = (worker: Worker, message: PrimaryMessage) => {
    if (worker.isConnected()) worker.send(message);
  };
  const locks = new LockTable(send);
  const slots = new Map<Worker, { slot: number; startedAt: number }>();
  const restartDelay = new Map<number, number>();
  let stopping = false;

  // One metrics request gathers every live worker's registry (JSON) and answers the asker with the aggregate.
  let nextGather = 1;
  const gathers = new Map<number, { pending: Set<Worker>; responses: object[]; finish: () => void }>();
  const gatherMetrics = (asker: Worker, askId: number) => {
    const id = nextGather++;
    const gather = {
      pending: new Set([...slots.keys()].filter((w) => w.isConnected())),
      responses: [] as object[],
      finish,
    };
    const timer = setTimeout(finish, COLLECT_TIMEOUT_MS);
    function finish() {
      if (!gathers.delete(id)) return; // answered already
      clearTimeout(timer);
      const answer = (fields: { text: string; contentType: string } | { error: string }) =>
        send(asker, { tag: CLUSTER_TAG, kind: "metrics", id: askId, ...fields });
      try {
        const registry = AggregatorRegistry.aggregate(gather.responses);
        void registry.metrics().then(
          (text) => answer({ text, contentType: registry.contentType }),
          (error: unknown) => answer({ error: String(error) }),
        );
      } catch (error) {
        answer({ error: String(error) });
      }
    }
    gathers.set(id, gather);
    for (const w of gather.pending) send(w, { tag: CLUSTER_TAG, kind: "collect", id });
    if (gather.pending.size === 0) finish();
  };

  const onMessage = (worker: Worker, raw: unknown) => {
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success) return; // Next's and prom-client's own messages
    const message: WorkerMessage = parsed.data;
    switch (message.kind) {
      case "lock-acquire":
        locks.acquire(message.name, { worker, id: message.id }, message.waitMs);
        return;
      case "lock-release":
        locks.release(worker, message.id);
        return;
      case "metrics":
        gatherMetrics(worker, message.id);
        return;
      case "collected": {
        const gather = gathers.get(message.id);
        if (!gather) return;
        gather.pending.delete(worker);
        if (message.metrics) gather.responses.push(message.metrics);
        if (gather.pending.size === 0) gather.finish();
        return;
      }
    }
  };

  const fork = (slot: number) => {
    const worker = cluster.fork({
      [WORKER_SLOT_ENV]: String(slot),
      ACC_BACKGROUND: slot === 0 ? options.background : "off",
    });
    slots.set(worker, { slot, startedAt: Date.now() });
    worker.on("message", (raw: unknown) => onMessage(worker, raw));
  };

  cluster.on("exit", (worker, code, signal) => {
    const info = slots.get(worker);
    slots.delete(worker);
    locks.drop(worker);
    for (const gather of gathers.values()) {
      gather.pending.delete(worker);
      if (gather.pending.size === 0) gather.finish();
    }
    if (!info) return;
    if (stopping) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    const lived = Date.now() - info.startedAt;
    const delay = lived >= HEALTHY_AFTER_MS ? RESTART_MIN_MS : (restartDelay.get(info.slot) ?? RESTART_MIN_MS);
    restartDelay.set(info.slot, Math.min(delay * 2, RESTART_MAX_MS));
    log(
      `web worker ${info.slot} (pid ${worker.process.pid}) exited (${signal ?? code}); starting it again in ${delay} ms`,
    );
    setTimeout(() => {
      if (!stopping) fork(info.slot);
    }, delay);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (slots.size === 0) process.exit(0);
    for (const worker of slots.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  log(`web server: ${options.workers} worker processes on one port`);
  for (let slot = 0; slot < options.workers; slot++) fork(slot);
}
