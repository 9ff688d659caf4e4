// Liveness: the process answers HTTP. Public by design (no sign-in): orchestrators and load balancers call it
// without credentials, and it reveals nothing but "ok". It checks no dependency, so a database outage never makes
// the orchestrator restart healthy processes (that is /readyz's job: take the replica out of rotation).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
