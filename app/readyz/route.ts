// Readiness: 200 when the database and AWS answer within a short timeout, 503 otherwise, with each dependency's
// state by name. Public by design (no sign-in): load balancers probe it without credentials, and the body holds only
// dependency names, states, latencies and error codes — no data, no configuration, no secrets.
import { awsClients } from "@/lib/aws/clients";
import { pingDatabase } from "@/lib/db/health";
import { env } from "@/lib/env";
import { readinessProbes } from "@/lib/health/probes";
import { checkReadiness } from "@/lib/health/readiness";
import { isDraining } from "@/lib/lifecycle/shutdown";

export const dynamic = "force-dynamic";

/** Each probe's bound: well under a typical load balancer health check timeout (5 s). */
const PROBE_TIMEOUT_MS = 2_000;

export async function GET(): Promise<Response> {
  // Shutting down: out of rotation at once, while in-flight requests finish.
  if (isDraining()) {
    return Response.json({ status: "not ready", reason: "shutting down", dependencies: {} }, { status: 503 });
  }
  const { events, sfn } = awsClients();
  const probes = readinessProbes({ pingDatabase, events, sfn, rulePrefix: env.RULE_PREFIX });
  const report = await checkReadiness(probes, { timeoutMs: PROBE_TIMEOUT_MS });
  return Response.json(report, {
    status: report.status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
