// Session lifetime rules and cookie attributes. Pure, so the timeouts are unit-tested without a database.

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export type SessionState = "active" | "ended" | "idle" | "expired";

export function sessionState(s: SessionTimes, now: Date, idleMinutes: number): SessionState {
  if (s.endedAt) return "ended";
  if (s.expiresAt.getTime() <= now.getTime()) return "expired";
  if (s.lastSeenAt.getTime() + idleMinutes * 60_000 <= now.getTime()) return "idle";
  return "active";
}

/** The cookie's name: `__Host-` (Secure, host-only, path /) when the console is served over https. */
export function sessionCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https://") ? "__Host-acc_session" : "acc_session";
}

export function loginCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https://") ? "__Host-acc_login" : "acc_login";
}

export function cookieOptions(publicUrl: string, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: publicUrl.startsWith("https://"),
    path: "/",
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}
