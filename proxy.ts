// Runs before every route: refuses requests addressed to a host name the console does not own (DNS rebinding,
// forged forwarded headers; lib/http/allowed-hosts.ts) and paths that are not valid percent-encoding, which would
// otherwise reach the router and fail as a 500.
import { NextResponse, type NextRequest } from "next/server";
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
  return NextResponse.next();
}

function plain(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Static assets carry no state; everything else (pages, server actions, route handlers) is judged.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
