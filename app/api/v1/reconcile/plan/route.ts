// GET /api/v1/reconcile/plan: what the reconciler would change in AWS (reads AWS, changes nothing).
// `?audit=full` also reads every rule's targets and tags.
import { z } from "zod";
import { apiRoute, json, readQuery } from "@/lib/api/route";
import { describeAwsError } from "@/lib/aws/errors";
import { processReconciler } from "@/lib/reconcile/runtime";

export const dynamic = "force-dynamic";

const querySchema = z.strictObject({ audit: z.enum(["full"]).optional() });

export const GET = apiRoute("GET /api/v1/reconcile/plan", async ({ url }) => {
  const { audit } = readQuery(url, querySchema);
  try {
    const report = await processReconciler().plan({ fullAudit: audit === "full" });
    const { plan } = report;
    return json({
      items: plan.items.map((i) => ({
        action: i.action,
        ruleName: i.ruleName,
        checkId: i.checkId,
        checkName: i.checkName,
        reasons: i.reasons,
        changes: i.changes,
        drift: i.drift,
      })),
      stateMachine: plan.stateMachine,
      error: null,
    });
  } catch (error) {
    const d = describeAwsError(error);
    return json({ items: [], stateMachine: null, error: `${d.code}: ${d.message}` });
  }
});
