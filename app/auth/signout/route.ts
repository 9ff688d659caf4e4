// POST /auth/signout: end the session here, then at the provider when it offers RP-initiated logout.
import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/current-user";
import { cookieOptions, sessionCookieName } from "@/lib/auth/session-policy";
import { signOut } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  // A form on another site must not sign people out: only our own pages may post here.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(env.ACC_PUBLIC_URL).origin) {
    return Response.json({ error: "Cross-site sign-out refused." }, { status: 403 });
  }
  const target = await signOut(await currentUser());
  const response = NextResponse.redirect(new URL(target, env.ACC_PUBLIC_URL), 303);
  response.cookies.set(sessionCookieName(env.ACC_PUBLIC_URL), "", { ...cookieOptions(env.ACC_PUBLIC_URL, 0) });
  return response;
}
