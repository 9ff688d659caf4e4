// Which requests may reach the console at all, judged by the host they were sent to. A page on attacker.example
// whose name was rebound to 127.0.0.1 (DNS rebinding) sends a matching Host and Origin, which Next's own
// server-action check (Origin host = Host) accepts; so the Host itself must be one of ours. Forwarded headers are
// only believed when a proxy in front is configured to set them: otherwise anyone can send X-Forwarded-Host,
// which Next prefers to Host when it compares with Origin.
// Pure (no env, no Next imports): proxy.ts feeds it the request and the configuration.

export interface HostPolicy {
  /** The console's public URL (ACC_PUBLIC_URL), whose host name is allowed besides the loopback names. */
  publicUrl?: string;
  /** ACC_TRUST_PROXY=on: a reverse proxy sets X-Forwarded-Host / -Proto; its values are the request's host. */
  trustProxy: boolean;
}

export type HostVerdict = { ok: true } | { ok: false; status: 400 | 403 | 421; reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The host names (no port) the console answers to. */
export function allowedHostNames(policy: HostPolicy): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (policy.publicUrl) names.add(new URL(policy.publicUrl).hostname.toLowerCase());
  return names;
}

/** "Example.com:3000" → "example.com"; "[::1]:3000" → "[::1]"; undefined for garbage. */
export function hostNameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host.trim()}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Judges a request by its Host (or, behind a trusted proxy, X-Forwarded-Host) and, for anything but GET/HEAD, by its
 * Origin: a state-changing request must come from a page of the same allowed host.
 */
export function judgeRequestHost(
  request: { method: string; headers: { get(name: string): string | null } },
  policy: HostPolicy,
): HostVerdict {
  const allowed = allowedHostNames(policy);
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const rawHost = request.headers.get("host") ?? "";
  if (forwarded && !policy.trustProxy && hostNameOf(forwarded) !== hostNameOf(rawHost)) {
    return {
      ok: false,
      status: 400,
      reason: "X-Forwarded-Host is not trusted here (set ACC_TRUST_PROXY=on when a reverse proxy sets it).",
    };
  }
  const effectiveHost = policy.trustProxy && forwarded ? forwarded : rawHost;
  const hostName = hostNameOf(effectiveHost);
  if (!hostName || !allowed.has(hostName)) {
    return {
      ok: false,
      status: 421,
      reason: `This console does not answer to the host name ${hostName ?? "(none)"}; set ACC_PUBLIC_URL to the URL operators use.`,
    };
  }
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return { ok: true };
  const origin = request.headers.get("origin");
  // Programs (curl, tests) send no Origin; a browser always does on a POST, so a missing one is no browser attack.
  if (origin === null) return { ok: true };
  let originHost: string | undefined;
  try {
    originHost = origin === "null" ? undefined : new URL(origin).host.toLowerCase();
  } catch {
    originHost = undefined;
  }
  if (!originHost || originHost !== effectiveHost.trim().toLowerCase()) {
    return { ok: false, status: 403, reason: `Cross-origin request refused (Origin ${origin}).` };
  }
  return { ok: true };
}
