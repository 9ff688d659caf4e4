// The console's Prometheus metrics, one registry per process (kept on globalThis so Next's dev reloads and the
// several bundles of one server share it). Served by /metrics (see app/metrics/route.ts). Labels stay bounded:
// operations, error codes, statuses, loop names, check slugs (as many as checks) — never check ids, execution names or anything from an event.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "acc_" });
  const registers = [registry];
  return {
    registry,
    reconcilePassSeconds: new Histogram({
      name: "acc_reconcile_pass_duration_seconds",
      help: "Duration of applying reconcile passes.",
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    reconcilePasses: new Counter({
      name: "acc_reconcile_passes_total",
      help: "Reconcile passes by outcome (ok, failed).",
      labelNames: ["outcome"],
      registers,
    }),
    reconcileChanges: new Counter({
      name: "acc_reconcile_changes_applied_total",
      help: "Plan items applied to AWS by action (create, update, enable, disable, delete).",
      labelNames: ["action"],
      registers,
    }),
    driftFound: new Counter({
      name: "acc_reconcile_drift_found_total",
      help: "Rules found changed outside the console.",
      registers,
    }),
    driftRepaired: new Counter({
      name: "acc_reconcile_drift_repaired_total",
      help: "Rules changed outside the console and put back.",
      registers,
    }),
    checksByStatus: new Gauge({
      name: "acc_checks",
      help: "Checks by sync status after the last full reconcile pass.",
      labelNames: ["status"],
      registers,
    }),
    executionsIndexed: new Counter({
      name: "acc_executions_indexed_total",
      help: "Executions written to the index by the sync (kind: added, updated).",
      labelNames: ["kind"],
      registers,
    }),
    verdicts: new Counter({
      name: "acc_check_verdicts_total",
      help: "Verdicts of finished executions indexed by the sync, by check slug (bounded by the checks) and verdict.",
      labelNames: ["check", "verdict"],
      registers,
    }),
    awsCalls: new Counter({
      name: "acc_aws_calls_total",
      help: "AWS SDK calls (each attempt) by service, operation and error code ('' when it succeeded).",
      labelNames: ["service", "operation", "code"],
      registers,
    }),
    loopLag: new Gauge({
      name: "acc_background_loop_lag_seconds",
      help: "How late the last tick of a background loop started compared with its schedule.",
      labelNames: ["loop"],
      registers,
    }),
    loopLeader: new Gauge({
      name: "acc_background_loop_leader",
      help: "1 when this replica led the background loop at its last tick, else 0.",
      labelNames: ["loop"],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

const holder = globalThis as { __accMetrics?: Metrics };

/** The process's metrics (created on first use). */
export function metrics(): Metrics {
  holder.__accMetrics ??= create();
  return holder.__accMetrics;
}
