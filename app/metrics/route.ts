// Prometheus metrics in the text exposition format, behind a bearer token (METRICS_TOKEN; unset: the endpoint does
// not exist). Outside the operators' sign-in on purpose: a scraper authenticates with the token, not a session.
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics/registry";
import { bearerMatches } from "@/lib/metrics/token";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const token = env.METRICS_TOKEN;
  if (!token) return new Response("Not found\n", { status: 404 });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("A bearer token is required.\n", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
