// POST /api/v1/executions/{name}/stop: stops a running execution (ABORTED); 422 when it is not running.
import { stopExecution } from "@/lib/actions/executions";
import { apiRoute, fromAction, json } from "@/lib/api/route";
import { requireIndexedExecution } from "@/lib/api/executions";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ name: string }>("POST /api/v1/executions/[name]/stop", async ({ params }) => {
  const name = await requireIndexedExecution(params.name);
  const result = await stopExecution({ name });
  return fromAction(result, (data) =>
    json({ name: data.name, href: `/api/v1/executions/${encodeURIComponent(data.name)}` }),
  );
});
