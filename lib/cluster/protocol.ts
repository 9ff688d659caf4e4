// The messages between the web server's primary process and its workers (node:cluster IPC), when the console runs
// several server processes on one port (ACC_WEB_WORKERS; scripts/lib/web-cluster.ts). The primary is the one place
// all workers share: it holds the locks that must span them and gathers their metrics.
// No "server-only": the primary is a plain Node script (npm start, the standalone server.mjs).
import { z } from "zod";

/** Every message of ours carries this tag, so Next's and prom-client's own IPC messages are left alone. */
export const CLUSTER_TAG = "acc-cluster" as const;

/** A message of ours: the tag, its kind, and the id that pairs a request with its answer. */
const message = <K extends string, S extends z.ZodRawShape = Record<never, never>>(kind: K, shape?: S) =>
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal(kind), id: z.number().int(), ...(shape as S) });

export const workerMessageSchema = z.discriminatedUnion("kind", [
  /** Asks for the named lock; the answer comes when it is granted or when `waitMs` ran out. */
  message("lock-acquire", { name: z.string().min(1), waitMs: z.number().int().min(0) }),
  message("lock-release"),
  /** Asks for every worker's metrics, aggregated, in the Prometheus text format. */
  message("metrics"),
  /** This worker's own metrics (prom-client's JSON form), answering a `collect`. */
  message("collected", { metrics: z.array(z.unknown()).optional(), error: z.string().optional() }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

export const primaryMessageSchema = z.discriminatedUnion("kind", [
  /** Asks this worker for its own metrics (the primary gathers them from every worker for one `metrics` request). */
  message("collect"),
  message("lock-granted"),
  message("lock-timeout"),
  message("metrics", {
    text: z.string().optional(),
    contentType: z.string().optional(),
    error: z.string().optional(),
  }),
]);
export type PrimaryMessage = z.infer<typeof primaryMessageSchema>;

/** The environment variable that tells a worker its slot (0 runs the background loops); unset outside a cluster. */
export const WORKER_SLOT_ENV = "ACC_WEB_WORKER";
