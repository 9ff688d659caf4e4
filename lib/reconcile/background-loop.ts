// The background reconcile: a pass every RECONCILE_INTERVAL_SECONDS (default 60) in the console process. Started
// once per process from instrumentation.ts (Node runtime only); with several replicas, on the leading one only.
// A pass that finds the lock taken (an on-demand pass is running) is skipped;
// a failing pass is logged and the loop goes on. An out-of-band change is thus reverted within one interval
// (rule fields: every pass; targets/tags: see plan.ts selectDetailReads).
import { checkEnv, env } from "@/lib/env";
import { startLeaderLoop } from "@/lib/leader/loop";
import { logger } from "@/lib/log";
import { recordLoopTick, recordReconcilePass } from "@/lib/metrics/record";
import { plural } from "./plural";
import { runLockedPass } from "./runtime";

const holder = globalThis as { __accReconcileLoop?: { stop: () => Promise<void> } };

/**
 * Starts the loop unless this process already runs it; returns a stop function (resolves once a running pass has
 * ended). With several replicas on one PostgreSQL only the leading replica runs passes (lib/leader).
 */
export function startReconcileLoop(): () => Promise<void> {
  if (holder.__accReconcileLoop) return holder.__accReconcileLoop.stop;
  checkEnv(); // configuration problems surface at start, listed, not on the first pass

  const log = logger.child({ component: "reconcile", actor: "system:reconciler", action: "reconcile.pass" });
  const pass = async () => {
    const started = Date.now();
    try {
      const r = await runLockedPass({ waitMs: 0 });
      if (r.ran) {
        recordReconcilePass(r.value, { scoped: false });
        const changed = r.value.outcomes.filter((o) => o.applied).length;
        const failed = r.value.outcomes.filter((o) => o.status === "ERROR" || o.status === "DRIFTED").length;
        // Quiet passes at debug level: one line a minute per replica says nothing a metric does not.
        const eventful = changed || failed || r.value.stateMachineError;
        log[r.value.stateMachineError ? "warn" : eventful ? "info" : "debug"](
          {
            outcome: r.value.stateMachineError ? "failed" : "ok",
            changes: changed,
            problems: failed,
            awsCalls: r.value.totalCalls,
            ms: Date.now() - started,
            ...(r.value.stateMachineError ? { error: r.value.stateMachineError } : {}),
          },
          `reconcile pass: ${plural(changed, "change")} applied, ${plural(failed, "problem")}, ${plural(r.value.totalCalls, "AWS call")}`,
        );
      } else {
        log.debug({ outcome: "skipped" }, "reconcile pass skipped: another pass holds the lock");
      }
    } catch (error) {
      log.error({ outcome: "error", err: error, ms: Date.now() - started }, "reconcile pass failed");
    }
  };
  const loop = startLeaderLoop({
    loop: "reconcile",
    intervalMs: env.RECONCILE_INTERVAL_SECONDS * 1000,
    // First pass shortly after start: the database and the emulator may still be coming up.
    firstDelayMs: 2_000,
    databaseUrl: env.DATABASE_EMBEDDED ? undefined : env.DATABASE_URL,
    pass,
    onTick: (tick) => recordLoopTick("reconcile", tick),
  });
  const stop = async () => {
    holder.__accReconcileLoop = undefined;
    await loop.stop();
  };
  holder.__accReconcileLoop = { stop };
  return stop;
}
