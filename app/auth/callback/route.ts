// GET /auth/callback: the identity provider's answer. Verified, used once, turned into a server-side session.
import { NextResponse, type NextRequest } from "next/server";
import { requestOrigin } from "@/lib/auth/current-user";
import { completeSignIn, SignInFailure } from "@/lib/auth/sign-in";
import { cookieOptions, loginCookieName, sessionCookieName } from "@/lib/auth/session-policy";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const loginCookie = loginCookieName(env.ACC_PUBLIC_URL);
  const to = (path: string) => new URL(path, env.ACC_PUBLIC_URL);
  let response: NextResponse;
  try {
    const done = await completeSignIn(request.nextUrl, request.cookies.get(loginCookie)?.value, await requestOrigin());
    response = NextResponse.redirect(to(done.hasRole ? done.returnTo : "/no-role"), 303);
    response.cookies.set(
      sessionCookieName(env.ACC_PUBLIC_URL),
      done.sessionId,
      cookieOptions(env.ACC_PUBLIC_URL, env.SESSION_MAX_HOURS * 3600),
    );
  } catch (error) {
    const kind = error instanceof SignInFailure ? error.kind : "token";
    console.warn(`[auth] sign-in refused (${kind}): ${error instanceof Error ? error.message : String(error)}`);
    response = NextResponse.redirect(to(`/signin?error=${kind}`), 303);
  }
  response.cookies.delete(loginCookie);
  return response;
}
