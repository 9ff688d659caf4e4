// GET /auth/login?returnTo=/path: start the authorization code flow (PKCE, state, nonce) at the identity provider.
import { NextResponse, type NextRequest } from "next/server";
import { beginSignIn, SignInFailure } from "@/lib/auth/sign-in";
import { cookieOptions, loginCookieName } from "@/lib/auth/session-policy";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  const returnTo = request.nextUrl.searchParams.get("returnTo");
  try {
    const { redirectTo, loginId } = await beginSignIn(returnTo);
    const response = NextResponse.redirect(redirectTo, 303);
    response.cookies.set(loginCookieName(env.ACC_PUBLIC_URL), loginId, cookieOptions(env.ACC_PUBLIC_URL, 15 * 60));
    return response;
  } catch (error) {
    if (!(error instanceof SignInFailure)) console.error("[auth] sign-in could not start", error);
    const query = new URLSearchParams({ error: error instanceof SignInFailure ? error.kind : "unavailable" });
    if (returnTo) query.set("returnTo", returnTo);
    return NextResponse.redirect(new URL(`/signin?${query}`, env.ACC_PUBLIC_URL), 303);
  }
}
