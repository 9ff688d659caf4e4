// POST /api/v1/executions/{name}/rerun: a new execution with the same input.
import { rerunExecution } from "@/lib/actions/executions";
import { apiRoute, fromAction, json } from "@/lib/api/route";
import { requireIndexedExecution } from "@/lib/api/executions";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ name: string }>("POST /api/v1/executions/[name]/rerun", async ({ params }) => {
  const name = await requireIndexedExecution(params.name);
  const result = await rerunExecution({ name });
  return fromAction(result, (data) =>
    json({ name: data.name, href: `/api/v1/executions/${encodeURIComponent(data.name)}` }, 201),
  );
});
