// POST /api/v1/checks/{slug}/runs: Run now, optionally with other parameter values for this run.
import { runNowExecution } from "@/lib/actions/executions";
import { checkBySlugOr404 } from "@/lib/api/checks";
import { apiRoute, fromAction, json, readBody } from "@/lib/api/route";
import { runNowSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ slug: string }>("POST /api/v1/checks/[slug]/runs", async ({ params, request }) => {
  const check = await checkBySlugOr404(params.slug);
  const body = await readBody(request, runNowSchema);
  const result = await runNowExecution({ checkId: check.id, parameters: body.parameters });
  return fromAction(result, ({ name }) => json({ name, href: `/api/v1/executions/${encodeURIComponent(name)}` }, 201));
});
