// Prometheus metrics in the text exposition format, behind a bearer token: METRICS_TOKEN, or an admin service token
// (`npm run token -- create --name prometheus --role admin`). Outside the operators' sign-in on purpose: a scraper
// authenticates with a token, not a session.
import { requestAuth } from "@/lib/auth/current-user";
import { clusterMetrics, inClusterWorker } from "@/lib/cluster/worker";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { metricsAccess } from "@/lib/metrics/token";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const authorization = request.headers.get("authorization");
  const auth = authorization ? await requestAuth() : null;
  const serviceToken = auth?.user?.kind === "token" ? { role: auth.user.role } : null;
  if (metricsAccess({ authorization, metricsToken: env.METRICS_TOKEN, serviceToken }) !== "allowed") {
    return new Response("A bearer token is required: METRICS_TOKEN or an admin service token.\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  // Several server processes on this port: the primary gathers every worker's metrics, so a scrape sees them all
  // whichever worker answers it.
  if (inClusterWorker()) {
    try {
      const { text, contentType } = await clusterMetrics();
      return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
    } catch (error) {
      return new Response(`Metrics unavailable: ${error instanceof Error ? error.message : "unknown error"}\n`, {
        status: 503,
        headers: { "cache-control": "no-store" },
      });
    }
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
