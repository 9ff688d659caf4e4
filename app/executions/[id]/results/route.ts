// GET one page of the execution's result set as JSON: ?size=<rows>&token=<Athena NextToken>.
import { guardRoute } from "@/lib/auth/guards";
import {
  DEFAULT_RESULT_PAGE_SIZE,
  RESULT_PAGE_SIZES,
  loadResultPage,
  loadSnapshotPage,
  isSnapshotToken,
  resultsTarget,
} from "@/lib/executions/results-source";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("GET /executions/[id]/results");
  if (guard.response) return guard.response;
  const { id } = await params;
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("size"));
  const size = (RESULT_PAGE_SIZES as readonly number[]).includes(requested) ? requested : DEFAULT_RESULT_PAGE_SIZE;
  const found = await resultsTarget(decodeURIComponent(id));
  if (!found.ok) return Response.json({ error: found.error }, { status: found.status });
  const token = url.searchParams.get("token");
  // A table opened before the snapshot finished still pages with Athena's tokens; new ones page the snapshot.
  const result =
    found.target.snapshot && (!token || isSnapshotToken(token))
      ? await loadSnapshotPage(found.target.snapshot, size, token)
      : await loadResultPage(found.target, size, token);
  if (!result.ok) return Response.json({ error: result.error }, { status: 502 });
  return Response.json(result.page, { headers: { "Cache-Control": "no-store" } });
}
