// The bearer token check of /metrics: constant-time comparison, so the token cannot be guessed byte by byte.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** true when the Authorization header carries `Bearer <expected>`. */
export function bearerMatches(authorization: string | null, expected: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return m !== null && timingSafeEqual(digest(m[1]!), digest(expected));
}
