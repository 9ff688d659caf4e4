"use server";
// Apply on the Reconcile page: one full pass (every rule's targets and tags read) under the reconcile lock.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { describeAwsError } from "@/lib/aws/errors";
import { plural } from "@/lib/reconcile/plural";
import { runLockedPass } from "@/lib/reconcile/runtime";
import { defineAction } from "./client";
import { ActionError } from "./errors";
import type { ActionResult } from "./result";

/** What a pass that ran did: `clean` when nothing failed; `details` name each change and each problem. */
export interface AppliedPass {
  clean: boolean;
  message: string;
  details: string[];
}

const apply = defineAction({
  name: "reconcile.apply",
  input: z.object({}),
  handler: async (): Promise<AppliedPass> => {
    let r;
    try {
      r = await runLockedPass({ fullAudit: true, waitMs: 30_000 });
    } catch (error) {
      const e = describeAwsError(error);
      throw new ActionError(`Reconcile failed: ${e.code}: ${e.message}`);
    }
    if (!r.ran) throw new ActionError("Another reconcile is still running. Try again in a moment.");
    const report = r.value;
    const applied = report.outcomes.filter((o) => o.applied);
    const failed = report.outcomes.filter((o) => o.status === "ERROR" || o.status === "DRIFTED");
    revalidatePath("/reconcile");
    revalidatePath("/checks");
    const details = [
      ...(report.stateMachineError ? [report.stateMachineError] : []),
      ...(report.verdictTableError ? [report.verdictTableError] : []),
      ...applied.map((o) => o.message ?? `${o.action} ${o.ruleName}`),
      ...failed.map((o) => `${o.ruleName}: ${o.message ?? "failed"}`),
    ];
    const seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
    return {
      clean: failed.length === 0 && !report.stateMachineError && !report.verdictTableError,
      message: `${plural(applied.length, "change")} applied, ${plural(failed.length, "problem")}, ${plural(report.totalCalls, "AWS call")} in ${seconds} s.`,
      details,
    };
  },
});

/** Runs one full reconcile pass now. */
export async function applyPlan(): Promise<ActionResult<AppliedPass>> {
  return apply({});
}
