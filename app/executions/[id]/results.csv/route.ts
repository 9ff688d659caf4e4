// GET the execution's whole result set as CSV, streamed (lib/executions/results-csv-response.ts).
import { guardRoute } from "@/lib/auth/guards";
import { resultsCsvResponse } from "@/lib/executions/results-csv-response";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("GET /executions/[id]/results.csv");
  if (guard.response) return guard.response;
  return resultsCsvResponse(decodeURIComponent((await params).id));
}
