// Prometheus metrics in the text exposition format, behind a bearer token: METRICS_TOKEN, or an admin service token
// (`npm run token -- create --name prometheus --role admin`). Outside the operators' sign-in on purpose: a scraper
// authenticates with a token, not a session.
import { requestAuth } from "@/lib/auth/current-user";
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
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
