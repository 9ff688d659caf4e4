// The console process's reconciler: AWS clients and config from lib/env.ts, checks from lib/db/checks.ts, one
// instance per process (its audit cursor and last report live across passes), every pass under the lock.
import { awsClients } from "@/lib/aws/clients";
import { listAllChecksForReconcile, writeSyncState } from "@/lib/db/checks";
import { acknowledgedKeysByCheck } from "@/lib/db/findings";
import { env } from "@/lib/env";
import { dbNotificationStore } from "@/lib/notifications/store";
import { reconcileConfigFromEnv } from "./config";
import { withReconcileLock, type Locked } from "./lock";
import { Reconciler, type CheckStore, type PassScope, type ReconcileReport } from "./reconciler";

/** The database as the reconciler's check store. */
export const dbCheckStore: CheckStore = {
  async listChecks() {
    const checks = await listAllChecksForReconcile();
    // Read at each pass: an acknowledgement that expired changes the desired target, which the pass then updates.
    const acks = await acknowledgedKeysByCheck(checks.filter((c) => c.expectation.kind === "noUnacknowledgedFindings"));
    return checks.map((c) => ({ ...c, acknowledgedFindings: acks.get(c.id) }));
  },
  writeSyncState,
};

const holder = globalThis as { __accReconciler?: Reconciler };

/** The process-wide reconciler (created on first use; throws EnvError when the configuration is invalid). */
export function processReconciler(): Reconciler {
  if (!holder.__accReconciler) {
    const { events, sfn, dynamodb } = awsClients();
    holder.__accReconciler = new Reconciler({
      events,
      sfn,
      dynamodb,
      config: reconcileConfigFromEnv(),
      store: dbCheckStore,
      notifications: dbNotificationStore,
    });
  }
  return holder.__accReconciler;
}

/** Runs an applying pass under the reconcile lock (waiting up to waitMs for a running one). */
export function runLockedPass(opts: {
  scope?: PassScope | null;
  fullAudit?: boolean;
  waitMs: number;
}): Promise<Locked<ReconcileReport>> {
  return withReconcileLock(
    () => processReconciler().reconcile({ scope: opts.scope ?? null, fullAudit: opts.fullAudit }),
    {
      waitMs: opts.waitMs,
      databaseUrl: env.DATABASE_EMBEDDED ? undefined : env.DATABASE_URL,
    },
  );
}
