// Runs before every request. First it refuses requests addressed to a host name the console does not own (DNS
// rebinding, forged forwarded headers; lib/http/allowed-hosts.ts) and paths that are not valid percent-encoding,
// which would otherwise reach the router and fail as a 500. Then: a fresh CSP nonce and the security headers, the
// requested path for the sign-in redirect, and page requests without any credential sent to sign-in (and back
// afterwards). The redirect is a shortcut for browsers, not the control: every page, route handler and server
// action checks the session itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isPublicPath, SECURITY_HEADERS } from "@/lib/auth/csp";
import { sessionCookieName } from "@/lib/auth/session-policy";
import { env } from "@/lib/env";
import { judgeRequestHost } from "@/lib/http/allowed-hosts";

export function proxy(request: NextRequest): NextResponse {
  const verdict = judgeRequestHost(request, { publicUrl: env.ACC_PUBLIC_URL, trustProxy: env.ACC_TRUST_PROXY });
  if (!verdict.ok) return plain(verdict.status, verdict.reason);
  try {
    decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return plain(400, "The address is not valid percent-encoding (e.g. %E0%A4%A is cut short).");
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const issuerOrigin = env.OIDC_ISSUER ? new URL(env.OIDC_ISSUER).origin : null;
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    formTargets: issuerOrigin ? [issuerOrigin] : [],
  });
  const { pathname, search } = request.nextUrl;
  // The id every log line of this request carries (lib/log); a load balancer's own id is kept when it is sane.
  const incoming = request.headers.get("x-request-id") ?? "";
  const requestId = /^[\w.:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();

  const hasCredential =
    request.cookies.has(sessionCookieName(env.ACC_PUBLIC_URL)) ||
    request.headers.has("authorization") ||
    (env.ACC_AUTH_MODE === "alb" && request.headers.has("x-amzn-oidc-data"));
  const isPageRequest =
    request.method === "GET" &&
    !request.headers.has("next-action") &&
    (request.headers.get("accept") ?? "").includes("text/html");

  let response: NextResponse;
  if (!hasCredential && isPageRequest && !isPublicPath(pathname) && env.ACC_AUTH_MODE === "oidc") {
    const signIn = new URL("/signin", request.url);
    signIn.searchParams.set("returnTo", `${pathname}${search}`);
    response = NextResponse.redirect(signIn);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", csp);
    requestHeaders.set("x-acc-path", `${pathname}${search}`);
    requestHeaders.set("x-request-id", requestId);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("X-Request-Id", requestId);
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

function plain(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Static build assets carry no data; everything else (pages, server actions, route handlers) is judged.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
