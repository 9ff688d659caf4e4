// POST: a sync pass for pages that are watching running executions (at most one every 2 s, however many watch).
import { syncNow } from "@/lib/executions/runtime";
import { guardRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export async function POST(): Promise<Response> {
  const guard = await guardRoute("POST /executions/live");
  if (guard.response) return guard.response;
  const report = await syncNow({ minIntervalMs: 2000, waitForRunning: false });
  return Response.json({ synced: report !== null, added: report?.added ?? 0, updated: report?.updated ?? 0 });
}
