// The console process's executions sync: one pass at a time, on an interval and on demand, with its outcome
// recorded in execution_sync_state for the executions page.

import { env } from "@/lib/env";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { getSyncState, prismaExecutionStore, saveSyncState, type SyncState } from "@/lib/db/executions";
import { startLeaderLoop } from "@/lib/leader/loop";
import { logger } from "@/lib/log";
import { recordLoopTick, recordSyncPass } from "@/lib/metrics/record";
import { reconcileConfigFromEnv, stateMachineArn } from "@/lib/reconcile/config";
import { describeExecution, refreshExecution, syncExecutions, type SyncReport } from "./sync";
import type { ExecutionRecord } from "./execution-record";

/** The shared state machine's ARN, as the reconciler derives it (so both always name the same machine). */
function runnerArn(): string {
  return stateMachineArn(reconcileConfigFromEnv());
}

/** The ARN of one of its executions, from the execution name. */
export function executionArnFor(name: string): string {
  return `${runnerArn().replace(":stateMachine:", ":execution:")}:${name}`;
}

/** How the last sync pass went (the executions page's status line). */
export function loadSyncState(): Promise<SyncState | null> {
  return getSyncState(runnerArn());
}

const state = globalThis as { __accExecSync?: { running: Promise<SyncReport | null> | null; lastFinished: number } };
const holder = (state.__accExecSync ??= { running: null, lastFinished: 0 });

async function runPass(): Promise<SyncReport | null> {
  const arn = runnerArn();
  const startedAt = new Date();
  try {
    const { sfn, athena } = awsClients();
    const report = await syncExecutions({ sfn, athena, store: prismaExecutionStore(), stateMachineArn: arn });
    await saveSyncState({
      stateMachineArn: arn,
      lastStartedAt: startedAt,
      lastFinishedAt: new Date(),
      lastError:
        report.failures.length > 0
          ? `${report.failures.length} execution(s) could not be read: ${report.failures[0]!.error}`
          : null,
      lastStats: report,
    });
    return report;
  } catch (error) {
    const info = describeAwsError(error);
    const message =
      info.code === "StateMachineDoesNotExist"
        ? `The state machine ${env.STATE_MACHINE_NAME} does not exist yet: the reconciler creates it with the first check.`
        : `${info.code}: ${info.message}`;
    await saveSyncState({
      stateMachineArn: arn,
      lastStartedAt: startedAt,
      lastFinishedAt: new Date(),
      lastError: message,
    }).catch(() => undefined);
    return null;
  }
}

/**
 * Runs a sync pass unless one is running (then waits for it, unless `waitForRunning` is false) or one finished
 * less than `minIntervalMs` ago.
 * Never throws: failures are recorded in execution_sync_state.
 */
export async function syncNow(
  opts: { minIntervalMs?: number; waitForRunning?: boolean } = {},
): Promise<SyncReport | null> {
  if (holder.running) return opts.waitForRunning === false ? null : holder.running;
  if (opts.minIntervalMs && Date.now() - holder.lastFinished < opts.minIntervalMs) return null;
  holder.running = runPass().finally(() => {
    holder.running = null;
    holder.lastFinished = Date.now();
  });
  return holder.running;
}

/** Describes one execution right now and stores it (after Run now, Rerun and Stop). */
export async function refreshOne(executionArn: string): Promise<ExecutionRecord> {
  const { sfn, athena } = awsClients();
  return refreshExecution({ sfn, athena, store: prismaExecutionStore() }, executionArn);
}

/** Describes one execution right now without storing it (what an open execution's page shows). */
export async function describeOne(executionArn: string): Promise<ExecutionRecord> {
  const { sfn, athena } = awsClients();
  return describeExecution({ sfn, athena }, executionArn);
}

const loop = globalThis as { __accExecSyncLoop?: { stop: () => Promise<void> } };

/**
 * Starts the background loop (EXECUTIONS_SYNC_INTERVAL_SECONDS) unless this process runs it; returns a stop function
 * (resolves once a running pass has ended). With several replicas only the leading one syncs (lib/leader).
 */
export function startExecutionsSyncLoop(): () => Promise<void> {
  if (loop.__accExecSyncLoop) return loop.__accExecSyncLoop.stop;
  const log = logger.child({ component: "executions-sync", actor: "system:executions-sync", action: "sync.pass" });
  const running = startLeaderLoop({
    loop: "executions-sync",
    intervalMs: env.EXECUTIONS_SYNC_INTERVAL_SECONDS * 1000,
    // First pass shortly after start: the database and the emulator may still be coming up.
    firstDelayMs: 3_000,
    databaseUrl: env.DATABASE_EMBEDDED ? undefined : env.DATABASE_URL,
    pass: async () => {
      const started = Date.now();
      const report = await syncNow();
      if (report) recordSyncPass(report);
      if (report) {
        const eventful = report.added || report.updated || report.failures.length;
        log[report.failures.length ? "warn" : eventful ? "info" : "debug"](
          {
            outcome: report.failures.length ? "partial" : "ok",
            added: report.added,
            updated: report.updated,
            unreadable: report.failures.length,
            awsCalls: report.listCalls + report.describeCalls + report.athenaCalls,
            ms: Date.now() - started,
          },
          `executions sync: ${report.added} new, ${report.updated} updated, ${report.failures.length} unreadable`,
        );
      }
    },
    onTick: (tick) => recordLoopTick("executions-sync", tick),
  });
  const stop = async () => {
    loop.__accExecSyncLoop = undefined;
    await running.stop();
  };
  loop.__accExecSyncLoop = { stop };
  return stop;
}
