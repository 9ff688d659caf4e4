// The console process's snapshot copier: every few seconds, on the replica leading it, snapshots are enqueued for
// runs the index has as succeeded, due copies run (paced by one process-wide token bucket), and snapshots past
// their check's retention are deleted. Started from instrumentation.ts next to the executions sync.

import { env } from "@/lib/env";
import { awsClients } from "@/lib/aws/clients";
import { enqueueMissingSnapshots, pruneExpiredSnapshots } from "@/lib/db/result-snapshots";
import { processPendingFindings } from "@/lib/db/findings";
import { startLeaderLoop } from "@/lib/leader/loop";
import { recordLoopTick } from "@/lib/metrics/record";
import { copyDueSnapshots, defaultCopyLimiter } from "./copier";

/** Seconds between passes: a finished run's rows are copied within this (plus the executions sync's interval). */
export const SNAPSHOT_INTERVAL_SECONDS = 5;

const holder = globalThis as { __accSnapshotLoop?: { stop: () => Promise<void> } };
const limiter = defaultCopyLimiter();

/** One pass: enqueue, copy what is due within the budget, prune. Never throws. */
export async function snapshotPass(): Promise<void> {
  try {
    const enqueued = await enqueueMissingSnapshots();
    const report = await copyDueSnapshots({ athena: awsClients().athena, limiter }, { budgetMs: 30_000 });
    const pruned = await pruneExpiredSnapshots();
    // Findings follow the snapshots: each readable snapshot of a check with finding keys, in run order.
    const findings = await processPendingFindings();
    for (const f of findings)
      console.info(
        `[findings] execution ${f.executionId}: ${f.newCount} new, ${f.openCount} still open, ${f.resolvedCount} resolved${f.note ? ` (${f.note})` : ""}`,
      );
    if (enqueued || report.copied || report.truncated || report.unavailable || report.deferred || pruned) {
      console.info(
        `[snapshots] ${enqueued} enqueued, ${report.copied} copied, ${report.truncated} cut at their cap, ` +
          `${report.unavailable} unavailable, ${report.deferred} deferred (${report.rows} rows); ${pruned} pruned`,
      );
    }
  } catch (error) {
    console.error("[snapshots] pass failed:", error instanceof Error ? error.message : error);
  }
}

/** Starts the loop unless this process runs it; returns a stop function (resolves once a running pass has ended). */
export function startSnapshotLoop(): () => Promise<void> {
  if (holder.__accSnapshotLoop) return holder.__accSnapshotLoop.stop;
  const running = startLeaderLoop({
    loop: "result-snapshots",
    intervalMs: SNAPSHOT_INTERVAL_SECONDS * 1000,
    firstDelayMs: 5_000,
    databaseUrl: env.DATABASE_EMBEDDED ? undefined : env.DATABASE_URL,
    pass: snapshotPass,
    onTick: (tick) => recordLoopTick("result-snapshots", tick),
  });
  const stop = async () => {
    holder.__accSnapshotLoop = undefined;
    await running.stop();
  };
  holder.__accSnapshotLoop = { stop };
  return stop;
}
