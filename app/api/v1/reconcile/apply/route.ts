// POST /api/v1/reconcile/apply: one full reconcile pass now (admin), as the Reconcile page's Apply.
import { applyPlan } from "@/lib/actions/reconcile";
import { apiRoute, fromAction, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/reconcile/apply", async () =>
  fromAction(await applyPlan(), (data) => json(data)),
);
