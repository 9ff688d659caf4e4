// After every successful write the actions ask the reconciler (lib/reconcile/on-change.ts) to apply the
// change now, and turn its answer into what the page shows. The write is already committed: a reconcile
// failure is reported as an outcome, never as a failed save.
import "server-only";
import type { SyncStatus } from "@/lib/checks/types";
import { reconcileAfterChange, type ChangeTarget } from "@/lib/reconcile/on-change";

export interface ReconcileOutcome {
  /** SYNCED: AWS matches; PENDING: the next background pass applies it; DRIFTED / ERROR: needs attention. */
  status: SyncStatus;
  message: string;
}

const DEFAULT_MESSAGE: Record<SyncStatus, string> = {
  SYNCED: "Applied to AWS.",
  PENDING: "The next reconcile pass will apply this change to AWS.",
  DRIFTED: "AWS differs from this check; the next reconcile pass will correct it.",
  ERROR: "Applying this change to AWS failed; see the sync status.",
};

/**
 * How long a save waits for its reconcile. The row is committed before; a slow or frozen AWS must not keep the
 * operator on "Saving…" (a retry would then meet a conflict with their own save), so past this the save answers
 * "saved, syncing…" and the reconcile finishes in the background (its outcome lands in the check's sync status).
 */
export const RECONCILE_WAIT_MS = 2_500;

const SYNCING: ReconcileOutcome = {
  status: "PENDING",
  message: "Saved, syncing… AWS has not answered yet; the change is applied in the background.",
};

/** What the reconciler did about this change within `waitMs`, in words; never throws. */
export async function reconcileOutcome(target: ChangeTarget, waitMs = RECONCILE_WAIT_MS): Promise<ReconcileOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const tooLong = new Promise<ReconcileOutcome>((resolve) => {
    timer = setTimeout(() => resolve(SYNCING), waitMs);
  });
  try {
    return await Promise.race([applyNow(target), tooLong]);
  } finally {
    clearTimeout(timer);
  }
}

async function applyNow(target: ChangeTarget): Promise<ReconcileOutcome> {
  try {
    const r = await reconcileAfterChange(target);
    return { status: r.status, message: r.message ?? DEFAULT_MESSAGE[r.status] };
  } catch (error) {
    // reconcileAfterChange promises not to throw; if it does anyway the save still stands.
    console.error("[reconcileOutcome] unexpected error", error);
    return {
      status: "PENDING",
      message: "Saved. The reconciler could not be reached now; its next pass will apply this change.",
    };
  }
}
