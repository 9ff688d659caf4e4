// The background reconcile: a pass every RECONCILE_INTERVAL_SECONDS (default 60) in the console process. Started
// once per process from instrumentation.ts (Node runtime only). A pass that finds the lock taken is skipped;
// a failing pass is logged and the loop goes on. An out-of-band change is thus reverted within one interval
// (rule fields: every pass; targets/tags: see plan.ts selectDetailReads).
import { checkEnv, env } from "@/lib/env";
import { plural } from "./plural";
import { runLockedPass } from "./runtime";

const holder = globalThis as { __accReconcileLoop?: { stop: () => void } };

/** Starts the loop unless this process already runs it; returns a stop function. */
export function startReconcileLoop(): () => void {
  if (holder.__accReconcileLoop) return holder.__accReconcileLoop.stop;
  checkEnv(); // configuration problems surface at start, listed, not on the first pass
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const intervalMs = env.RECONCILE_INTERVAL_SECONDS * 1000;

  const tick = async () => {
    if (stopped) return;
    try {
      const r = await runLockedPass({ waitMs: 0 });
      if (r.ran) {
        const changed = r.value.outcomes.filter((o) => o.applied).length;
        const failed = r.value.outcomes.filter((o) => o.status === "ERROR" || o.status === "DRIFTED").length;
        if (changed || failed || r.value.stateMachineError) {
          console.info(
            `[reconcile] ${plural(changed, "change")} applied, ${plural(failed, "problem")}, ${plural(r.value.totalCalls, "AWS call")}` +
              (r.value.stateMachineError ? `; ${r.value.stateMachineError}` : ""),
          );
        }
      }
    } catch (error) {
      console.error("[reconcile] pass failed:", error instanceof Error ? error.message : error);
    } finally {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    }
  };
  // First pass shortly after start: the database and the emulator may still be coming up.
  timer = setTimeout(tick, 2_000);
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    holder.__accReconcileLoop = undefined;
  };
  holder.__accReconcileLoop = { stop };
  return stop;
}
