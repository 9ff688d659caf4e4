// GET /api/v1/executions/{name}: one execution with its verdict, timeline and query statistics.
import { ApiError } from "@/lib/api/errors";
import { presentExecution } from "@/lib/api/present";
import { apiRoute, json } from "@/lib/api/route";
import { loadExecutionView } from "@/lib/executions/detail";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ name: string }>("GET /api/v1/executions/[name]", async ({ params }) => {
  const name = decodeURIComponent(params.name);
  const view = await loadExecutionView(name);
  if (!view) throw new ApiError("not_found", `There is no execution named “${name}”.`);
  return json(
    presentExecution(view.execution, {
      checkName: view.check?.name ?? null,
      rerunOf: view.rerunOf?.name ?? null,
      queryExecutionId: view.queryExecutionId,
      timeline: view.timeline.ok ? { ok: true, timeline: view.timeline.timeline } : view.timeline,
    }),
  );
});
