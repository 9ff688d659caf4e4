// The bearer token check of /metrics: constant-time comparison, so the token cannot be guessed byte by byte.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** true when the Authorization header carries `Bearer <expected>`. */
export function bearerMatches(authorization: string | null, expected: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!), digest(expected));
}

/**
 * Who may read /metrics: Prometheus with METRICS_TOKEN, or an admin service token (one credential fewer to manage
 * when the scraper already has one). Signed-in people use the pages; a session cookie is not enough here.
 */
export function metricsAccess(opts: {
  authorization: string | null;
  metricsToken: string | undefined;
  /** The request's service token, when it carries a valid one. */
  serviceToken: { role: string | null } | null;
}): "allowed" | "refused" {
  if (opts.metricsToken && bearerMatches(opts.authorization, opts.metricsToken)) return "allowed";
  if (opts.serviceToken?.role === "admin") return "allowed";
  return "refused";
}
