// GET /api/v1/executions/{name}/results: one page of the result rows (`limit`, signed `cursor`).
import { readCursor, signCursor } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json, readQuery } from "@/lib/api/route";
import { resultsQuerySchema } from "@/lib/api/schemas";
import { DEFAULT_RESULT_PAGE_SIZE, loadResultPage, resultsTarget } from "@/lib/executions/results-source";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ name: string }>("GET /api/v1/executions/[name]/results", async ({ params, url }) => {
  const name = decodeURIComponent(params.name);
  const query = readQuery(url, resultsQuerySchema);
  // The cursor is bound to this execution: a token of another execution's results is refused too.
  const token = readCursor(`results:${name}`, query.cursor ?? null);
  const found = await resultsTarget(name);
  if (!found.ok) throw new ApiError(found.status === 404 ? "not_found" : "refused", found.error);
  const result = await loadResultPage(found.target, query.limit ?? DEFAULT_RESULT_PAGE_SIZE, token);
  if (!result.ok) throw new ApiError("refused", result.error);
  return json({
    columns: result.page.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: result.page.rows,
    next: result.page.nextToken ? signCursor(`results:${name}`, result.page.nextToken) : null,
  });
});
