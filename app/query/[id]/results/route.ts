// GET one page of an ad-hoc query's result set as JSON (?size=<rows>&token=<Athena NextToken>), for the result
// table's paging. It runs the query.results action, so validation and refusals are the actions' own.
import { queryResultsAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import { guardRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("GET /query/[id]/results");
  if (guard.response) return guard.response;
  const { id } = await params;
  const url = new URL(request.url);
  const result = await queryResultsAction({
    queryExecutionId: decodeURIComponent(id),
    size: url.searchParams.get("size") ?? "",
    token: url.searchParams.get("token"),
  });
  if (!result.ok) return Response.json({ error: failureMessage(result) }, { status: 400 });
  return Response.json(result.data, { headers: { "Cache-Control": "no-store" } });
}
