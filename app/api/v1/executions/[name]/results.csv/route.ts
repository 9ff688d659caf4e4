// GET /api/v1/executions/{name}/results.csv: every result row as CSV, streamed.
import { apiRoute } from "@/lib/api/route";
import { resultsCsvResponse } from "@/lib/executions/results-csv-response";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ name: string }>("GET /api/v1/executions/[name]/results.csv", async ({ params }) =>
  resultsCsvResponse(decodeURIComponent(params.name)),
);
