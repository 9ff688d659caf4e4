// A web server worker's side of the cluster IPC (lib/cluster/protocol.ts): locks that span every worker of this
// server, and the metrics of all of them. Outside a cluster (one server process, tests, scripts) there is nothing
// to ask: callers fall back to what one process does on its own.
// No "server-only": lib/reconcile/lock.ts imports this and runs in scripts and Vitest too.
import cluster from "node:cluster";
import { metrics } from "@/lib/metrics/registry";
import { CLUSTER_TAG, primaryMessageSchema, type PrimaryMessage, type WorkerMessage } from "./protocol";

/** How long a metrics request may wait for the primary (which itself waits on every worker). */
const METRICS_TIMEOUT_MS = 10_000;

/** True in a worker of a multi-process web server, where the primary answers lock and metrics requests. */
export function inClusterWorker(): boolean {
  return cluster.isWorker && typeof process.send === "function";
}

/** Starts answering the primary (its metrics requests) in a worker; called once at the server's start. */
export function listenToClusterPrimary(): void {
  if (inClusterWorker()) ipc();
}

type Waiter = (message: PrimaryMessage) => void;

const state = globalThis as { __accClusterIpc?: { next: number; waiters: Map<number, Waiter> } };

function ipc() {
  if (!state.__accClusterIpc) {
    const waiters = new Map<number, Waiter>();
    state.__accClusterIpc = { next: 1, waiters };
    process.on("message", (raw: unknown) => {
      const parsed = primaryMessageSchema.safeParse(raw);
      if (!parsed.success) return; // someone else's message (Next, prom-client)
      if (parsed.data.kind === "collect") {
        const { id } = parsed.data;
        metrics()
          .registry.getMetricsAsJSON()
          .then(
            (json) => send({ tag: CLUSTER_TAG, kind: "collected", id, metrics: json }),
            (error: unknown) =>
              send({
                tag: CLUSTER_TAG,
                kind: "collected",
                id,
                error: error instanceof Error ? error.message : "failed",
              }),
          );
        return;
      }
      const waiter = waiters.get(parsed.data.id);
      if (!waiter) {
        // A grant that came after this side gave up waiting: hand it straight back, or nobody would get it again.
        if (parsed.data.kind === "lock-granted") send({ tag: CLUSTER_TAG, kind: "lock-release", id: parsed.data.id });
        return;
      }
      waiters.delete(parsed.data.id);
      waiter(parsed.data);
    });
  }
  return state.__accClusterIpc;
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/**
 * Sends the request `build(id)` and resolves with the primary's answer to that id, or null when none came within
 * `timeoutMs`.
 */
function ask(build: (id: number) => WorkerMessage, timeoutMs: number): Promise<PrimaryMessage | null> {
  const channel = ipc();
  const id = channel.next++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      channel.waiters.delete(id);
      resolve(null);
    }, timeoutMs);
    channel.waiters.set(id, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    send(build(id));
  });
}

/**
 * Takes the cluster-wide lock `name`, waiting up to `waitMs`. Resolves with its release function, or null when the
 * wait ran out. A worker that dies holding a lock loses it: the primary releases a dead worker's locks.
 */
export async function acquireClusterLock(name: string, waitMs: number): Promise<(() => void) | null> {
  // The primary answers a timed-out wait itself; the longer bound only covers a primary that stopped answering.
  const answer = await ask((id) => ({ tag: CLUSTER_TAG, kind: "lock-acquire", id, name, waitMs }), waitMs + 5_000);
  if (answer?.kind !== "lock-granted") return null;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    send({ tag: CLUSTER_TAG, kind: "lock-release", id: answer.id });
  };
}

/** Every worker's metrics, aggregated by the primary (counters summed), in the Prometheus text format. */
export async function clusterMetrics(): Promise<{ text: string; contentType: string }> {
  const answer = await ask((id) => ({ tag: CLUSTER_TAG, kind: "metrics", id }), METRICS_TIMEOUT_MS);
  if (!answer) throw new Error(`the web server's primary process did not answer within ${METRICS_TIMEOUT_MS} ms`);
  if (answer.kind === "metrics" && answer.text !== undefined && answer.contentType !== undefined) {
    return { text: answer.text, contentType: answer.contentType };
  }
  throw new Error(answer.kind === "metrics" ? (answer.error ?? "no metrics") : "unexpected answer");
}
