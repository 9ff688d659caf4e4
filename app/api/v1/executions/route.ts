// GET /api/v1/executions: the executions list with the executions page's filters, newest first, keyset paging.
import { readCursor, signCursor } from "@/lib/api/cursor";
import { ApiError } from "@/lib/api/errors";
import { presentExecutionRow } from "@/lib/api/present";
import { apiRoute, json, readQuery } from "@/lib/api/route";
import { EXECUTION_PAGE_SIZES, executionListQuerySchema } from "@/lib/api/schemas";
import { getCheckBySlug } from "@/lib/db/checks";
import { listExecutions } from "@/lib/db/executions";
import { parseFilters } from "@/lib/executions/filters";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/executions", async ({ url }) => {
  const query = readQuery(url, executionListQuerySchema);
  const { check, cursor, limit, ...rest } = query;
  let checkId: string | undefined;
  if (check) {
    const found = isUuid(check) ? { id: check } : await getCheckBySlug(check);
    if (!found)
      throw new ApiError("not_found", `There is no check with the slug “${check}”.`, { check: ["No such check."] });
    checkId = found.id;
  }
  const filters = parseFilters({ ...rest, check: checkId });
  const before = readCursor("executions", cursor ?? null);
  const page = await listExecutions(filters, { size: limit ?? EXECUTION_PAGE_SIZES[0], before, after: null });
  return json({
    executions: page.rows.map(presentExecutionRow),
    total: page.total,
    totalCapped: page.countCapped,
    next: page.olderCursor ? signCursor("executions", page.olderCursor) : null,
  });
});
