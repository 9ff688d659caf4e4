"use server";
// Apply on the Reconcile page: one full pass (every rule's targets and tags read) under the reconcile lock.
import { revalidatePath } from "next/cache";
import type { ApplyResult } from "@/components/reconcile/apply-button";
import { describeAwsError } from "@/lib/aws/errors";
import { plural } from "@/lib/reconcile/plural";
import { runLockedPass } from "@/lib/reconcile/runtime";

export async function applyPlan(_prev: ApplyResult | null): Promise<ApplyResult> {
  try {
    const r = await runLockedPass({ fullAudit: true, waitMs: 30_000 });
    if (!r.ran)
      return { ok: false, message: "Another reconcile is still running. Try again in a moment.", details: [] };
    const report = r.value;
    const applied = report.outcomes.filter((o) => o.applied);
    const failed = report.outcomes.filter((o) => o.status === "ERROR" || o.status === "DRIFTED");
    revalidatePath("/reconcile");
    revalidatePath("/checks");
    const details = [
      ...(report.stateMachineError ? [report.stateMachineError] : []),
      ...applied.map((o) => o.message ?? `${o.action} ${o.ruleName}`),
      ...failed.map((o) => `${o.ruleName}: ${o.message ?? "failed"}`),
    ];
    const ok = failed.length === 0 && !report.stateMachineError;
    return {
      ok,
      message: `${plural(applied.length, "change")} applied, ${plural(failed.length, "problem")}, ${plural(report.totalCalls, "AWS call")} in ${((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1)} s.`,
      details,
    };
  } catch (error) {
    const e = describeAwsError(error);
    return { ok: false, message: `Reconcile failed: ${e.code}: ${e.message}`, details: [] };
  }
}
