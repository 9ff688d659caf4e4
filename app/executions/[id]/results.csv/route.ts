// GET the execution's whole result set as CSV, streamed: Athena is asked for the next 1,000 rows only when the
// client has taken the previous ones, so memory stays at one page whatever the result's size.
import { resultsCsvStream } from "@/lib/executions/results-csv";
import { resultsFetcher, resultsTarget } from "@/lib/executions/results-source";
import { guardRoute } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("GET /executions/[id]/results.csv");
  if (guard.response) return guard.response;
  const name = decodeURIComponent((await params).id);
  const found = await resultsTarget(name);
  if (!found.ok)
    return new Response(`${found.error}\n`, {
      status: found.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { target } = found;
  if (target.state !== "SUCCEEDED") {
    return new Response(
      `The query ${target.queryExecutionId} is ${target.state ?? "in an unknown state"}; there is no result to download.\n`,
      {
        status: 409,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  const stream = resultsCsvStream(resultsFetcher(target, 1000), { statementType: target.statementType });
  const filename = `${name.replace(/[^\w.-]/g, "_")}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
