// The messages between the web server's primary process and its workers (node:cluster IPC), when the console runs
// several server processes on one port (ACC_WEB_WORKERS; scripts/lib/web-cluster.ts). The primary is the one place
// all workers share: it holds the locks that must span them and gathers their metrics.
// No "server-only": the primary is a plain Node script (npm start, the standalone server.mjs).
import { z } from "zod";

/** Every message of ours carries this tag, so Next's and prom-client's own IPC messages are left alone. */
export const CLUSTER_TAG = "acc-cluster" as const;

export const workerMessageSchema = z.discriminatedUnion("kind", [
  /** Asks for the named lock; the answer comes when it is granted or when `waitMs` ran out. */
  z.object({
    tag: z.literal(CLUSTER_TAG),
    kind: z.literal("lock-acquire"),
    id: z.number().int(),
    name: z.string().min(1),
    waitMs: z.number().int().min(0),
  }),
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal("lock-release"), id: z.number().int() }),
  /** Asks for every worker's metrics, aggregated, in the Prometheus text format. */
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal("metrics"), id: z.number().int() }),
  /** This worker's own metrics (prom-client's JSON form), answering a `collect`. */
  z.object({
    tag: z.literal(CLUSTER_TAG),
    kind: z.literal("collected"),
    id: z.number().int(),
    metrics: z.array(z.unknown()).optional(),
    error: z.string().optional(),
  }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;

export const primaryMessageSchema = z.discriminatedUnion("kind", [
  /** Asks this worker for its own metrics (the primary gathers them from every worker for one `metrics` request). */
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal("collect"), id: z.number().int() }),
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal("lock-granted"), id: z.number().int() }),
  z.object({ tag: z.literal(CLUSTER_TAG), kind: z.literal("lock-timeout"), id: z.number().int() }),
  z.object({
    tag: z.literal(CLUSTER_TAG),
    kind: z.literal("metrics"),
    id: z.number().int(),
    text: z.string().optional(),
    contentType: z.string().optional(),
    error: z.string().optional(),
  }),
]);
export type PrimaryMessage = z.infer<typeof primaryMessageSchema>;

/** The environment variable that tells a worker its slot (0 runs the background loops); unset outside a cluster. */
export const WORKER_SLOT_ENV = "ACC_WEB_WORKER";
