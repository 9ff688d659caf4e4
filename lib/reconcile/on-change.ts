// Called by the check actions (lib/actions/after-change.ts) right after a create / edit / enable / disable / delete
// is committed: applies that one change now and says what happened, so the operator sees the outcome on the page.
// Never throws.
import type { SyncStatus } from "@/lib/checks/types";
import { describeAwsError } from "@/lib/aws/errors";
import { env } from "@/lib/env";
import { runLockedPass } from "./runtime";

export type ChangeTarget = { checkId: string } | { deletedCheck: { id: string; slug: string } };

/** How long an operator's save waits for a running background pass before leaving the change to the next one. */
const WAIT_MS = 20_000;

/** Reconciles the changed (or deleted) check and reports its resulting status and a sentence about it. */
export async function reconcileAfterChange(
  target: ChangeTarget,
): Promise<{ status: SyncStatus; message: string | null }> {
  const scope =
    "checkId" in target
      ? { checkIds: new Set([target.checkId]), deleted: [] }
      : { checkIds: new Set<string>(), deleted: [target.deletedCheck] };
  try {
    const r = await runLockedPass({ scope, waitMs: WAIT_MS });
    if (!r.ran) {
      return {
        status: "PENDING",
        message: `Another reconcile is running; this change will be applied by the next background pass (every ${env.RECONCILE_INTERVAL_SECONDS} s).`,
      };
    }
    const report = r.value;
    const smNote = report.stateMachineError ? ` Note: ${report.stateMachineError}` : "";
    if ("checkId" in target) {
      const outcome = report.outcomes.find((o) => o.checkId === target.checkId && o.status !== null);
      if (!outcome)
        return {
          status: "PENDING",
          message: `The check was not found when reconciling; it will be picked up by the next pass.${smNote}`,
        };
      const message = outcome.message ?? (outcome.status === "SYNCED" ? "AWS already matches this check." : null);
      return { status: outcome.status!, message: message ? `${message}${smNote}` : smNote.trim() || null };
    }
    const deletions = report.outcomes.filter((o) => o.action === "delete");
    const failed = deletions.find((o) => !o.applied);
    if (failed) return { status: "ERROR", message: failed.message };
    if (deletions.length === 0) return { status: "SYNCED", message: "No managed rule was left to delete." };
    return { status: "SYNCED", message: deletions.map((o) => o.message).join(" ") };
  } catch (error) {
    const e = describeAwsError(error);
    return { status: "ERROR", message: `Reconcile failed: ${e.code}: ${e.message}. The background pass will retry.` };
  }
}
