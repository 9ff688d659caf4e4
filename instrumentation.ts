// Next's start-up hook: background work of the console process. Node runtime only (never the edge runtime),
// and only once per process (each loop guards itself on globalThis, so dev reloads do not start a second one).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnv } = await import("@/lib/env");
  const env = checkEnv();
  const { installShutdown } = await import("@/lib/lifecycle/shutdown");
  const stops: Array<() => Promise<void>> = [];
  installShutdown(stops);
  // A worker of a multi-process server answers its primary (metrics of all workers, locks spanning them).
  const { listenToClusterPrimary } = await import("@/lib/cluster/worker");
  listenToClusterPrimary();
  if (!env.ACC_BACKGROUND) return;

  // Reconciler: every check's rule and the shared state machine, every RECONCILE_INTERVAL_SECONDS.
  const { startReconcileLoop } = await import("@/lib/reconcile/background-loop");
  stops.push(startReconcileLoop());

  // Executions sync: new and still-running executions into the index, every EXECUTIONS_SYNC_INTERVAL_SECONDS.
  const { startExecutionsSyncLoop } = await import("@/lib/executions/runtime");
  stops.push(startExecutionsSyncLoop());

  // Result snapshots: succeeded runs' rows copied into PostgreSQL, so they outlive Athena's output.
  const { startSnapshotLoop } = await import("@/lib/snapshots/runtime");
  stops.push(startSnapshotLoop());
}
