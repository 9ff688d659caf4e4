// Turning the console's own reports into metrics: a reconcile pass, an executions sync pass, a loop tick, an AWS
// call. Kept apart from the code that produces the reports so the reconciler and the sync stay free of metrics.
import type { ReconcileReport } from "@/lib/reconcile/reconciler";
import type { SyncReport } from "@/lib/executions/sync";
import { metrics } from "./registry";

export function recordReconcilePass(report: ReconcileReport, opts: { scoped: boolean }): void {
  const m = metrics();
  m.reconcilePasses.inc({ outcome: report.stateMachineError || report.verdictTableError ? "failed" : "ok" });
  m.reconcilePassSeconds.observe((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000);
  const driftByRule = new Map(report.plan.items.map((i) => [i.ruleName, i.drift]));
  for (const o of report.outcomes) {
    if (o.applied) m.reconcileChanges.inc({ action: o.action });
    if (driftByRule.get(o.ruleName) && o.action !== "noop") {
      m.driftFound.inc();
      if (o.applied && o.status === "SYNCED") m.driftRepaired.inc();
    }
  }
  // Per-status counts only from passes over every check (a scoped pass sees one).
  if (!opts.scoped) {
    const counts = new Map<string, number>();
    for (const o of report.outcomes) if (o.status) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    m.checksByStatus.reset();
    for (const [status, n] of counts) m.checksByStatus.set({ status }, n);
  }
}

export function recordSyncPass(report: SyncReport): void {
  const m = metrics();
  if (report.added) m.executionsIndexed.inc({ kind: "added" }, report.added);
  if (report.updated) m.executionsIndexed.inc({ kind: "updated" }, report.updated);
  for (const v of report.verdicts) m.verdicts.inc({ check: v.checkSlug ?? "(none)", verdict: v.verdict });
}

export function recordLoopTick(loop: string, tick: { leader: boolean; lagMs: number }): void {
  const m = metrics();
  m.loopLag.set({ loop }, tick.lagMs / 1000);
  m.loopLeader.set({ loop }, tick.leader ? 1 : 0);
}

/** The SDK's error code as the console reads it (name of the thrown service exception), '' for success. */
export function recordAwsCall(service: string, operation: string, error: unknown): void {
  const code = error === undefined ? "" : ((error as { name?: string }).name ?? "Unknown");
  metrics().awsCalls.inc({ service, operation, code });
}
