// Runs before every request: a fresh CSP nonce and the security headers, the requested path for the sign-in
// redirect, and page requests without any credential sent to sign-in (and back afterwards). This is a shortcut
// for browsers, not the control: every page, route handler and server action checks the session itself.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isPublicPath, SECURITY_HEADERS } from "@/lib/auth/csp";
import { sessionCookieName } from "@/lib/auth/session-policy";
import { env } from "@/lib/env";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const issuerOrigin = env.OIDC_ISSUER ? new URL(env.OIDC_ISSUER).origin : null;
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    formTargets: issuerOrigin ? [issuerOrigin] : [],
  });
  const { pathname, search } = request.nextUrl;

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
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build assets carry no data; everything else passes through.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
