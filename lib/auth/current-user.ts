// Who is making the current request: a service token (`Authorization: Bearer`), the load balancer's user (ALB
// mode), or the signed-in session's user. Read once per request (React `cache`).
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/actor";
import { env } from "@/lib/env";
import { findServiceTokenByHash, markServiceTokenUsed } from "@/lib/db/service-tokens";
import { findSessionByHash, touchSession } from "@/lib/db/sessions";
import { AlbTokenError, verifyAlbToken } from "./alb";
import { groupsFromClaims, roleFromGroups, type Role } from "./roles";
import { sessionCookieName, sessionState, type SessionState } from "./session-policy";
import { sha256, TOKEN_PREFIX } from "./secrets";

export interface AuthUser {
  kind: "user" | "token";
  /** `user:<sub>` or `token:<name>` */
  id: string;
  name: string;
  email: string | null;
  groups: string[];
  role: Role | null;
  sessionId: string | null;
  idToken: string | null;
  actor: Actor;
}

/** Why there is no user: shown on the sign-in page and answered as 401 by route handlers. */
export type NoUserReason = "none" | Exclude<SessionState, "active"> | "token-invalid" | "alb-invalid";

export interface RequestAuth {
  user: AuthUser | null;
  reason: NoUserReason | null;
  /** A readable detail for a refused ALB header or token. */
  detail?: string;
}

export function roleGroups() {
  return { admin: env.ROLE_ADMIN_GROUPS, operator: env.ROLE_OPERATOR_GROUPS, viewer: env.ROLE_VIEWER_GROUPS };
}

/** The client's address: the first hop of X-Forwarded-For (set by the load balancer), else X-Real-IP. */
function clientIp(h: Headers): string | null {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || h.get("x-real-ip") || null;
}

// Activity is written at most once a minute per session: enough for a 30-minute idle timeout.
const TOUCH_EVERY_MS = 60_000;

async function fromToken(token: string, request: Pick<Actor, "ip" | "userAgent">): Promise<RequestAuth> {
  const record = token.startsWith(TOKEN_PREFIX) ? await findServiceTokenByHash(sha256(token)) : null;
  const now = new Date();
  if (!record) return { user: null, reason: "token-invalid", detail: "Unknown service token." };
  if (record.revokedAt) return { user: null, reason: "token-invalid", detail: "This service token was revoked." };
  if (record.expiresAt && record.expiresAt <= now)
    return { user: null, reason: "token-invalid", detail: "This service token has expired." };
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await markServiceTokenUsed(record.id, now);
  }
  const id = `token:${record.name}`;
  const name = `token ${record.name}`;
  return {
    reason: null,
    user: {
      kind: "token",
      id,
      name,
      email: null,
      groups: [],
      role: record.role,
      sessionId: null,
      idToken: null,
      actor: { id, displayName: name, kind: "token", role: record.role, ...request },
    },
  };
}

async function fromAlb(header: string | null, request: Pick<Actor, "ip" | "userAgent">): Promise<RequestAuth> {
  if (!header)
    return { user: null, reason: "alb-invalid", detail: "No x-amzn-oidc-data header from the load balancer." };
  try {
    const claims = await verifyAlbToken(header, { albArn: env.ALB_ARN ?? "", keysBaseUrl: env.ALB_PUBLIC_KEYS_URL });
    const sub = String(claims.sub ?? "");
    const groups = groupsFromClaims(claims, env.OIDC_GROUPS_CLAIM);
    const role = roleFromGroups(groups, roleGroups());
    const name = String(claims.name ?? claims.email ?? sub);
    const id = `user:${sub}`;
    return {
      reason: null,
      user: {
        kind: "user",
        id,
        name,
        email: typeof claims.email === "string" ? claims.email : null,
        groups,
        role,
        sessionId: null,
        idToken: null,
        actor: { id, displayName: name, kind: "user", role, ...request },
      },
    };
  } catch (error) {
    if (error instanceof AlbTokenError) return { user: null, reason: "alb-invalid", detail: error.message };
    throw error;
  }
}

async function fromSession(
  cookieValue: string | undefined,
  request: Pick<Actor, "ip" | "userAgent">,
): Promise<RequestAuth> {
  if (!cookieValue) return { user: null, reason: "none" };
  const session = await findSessionByHash(sha256(cookieValue));
  if (!session) return { user: null, reason: "ended" };
  const now = new Date();
  const state = sessionState(session, now, env.SESSION_IDLE_MINUTES);
  if (state !== "active") return { user: null, reason: state };
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(session.id, now);
  const id = `user:${session.subject}`;
  return {
    reason: null,
    user: {
      kind: "user",
      id,
      name: session.name,
      email: session.email,
      groups: session.groups,
      role: session.role,
      sessionId: session.id,
      idToken: session.idToken,
      actor: { id, displayName: session.name, kind: "user", role: session.role, ...request },
    },
  };
}

/** The authentication of the current request. */
export const requestAuth = cache(async (): Promise<RequestAuth> => {
  const h = await headers();
  const request = { ip: clientIp(h), userAgent: h.get("user-agent") };
  const authorization = h.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return { user: null, reason: "token-invalid", detail: "Authorization must be `Bearer <token>`." };
    return fromToken(match[1]!, request);
  }
  if (env.ACC_AUTH_MODE === "alb") return fromAlb(h.get("x-amzn-oidc-data"), request);
  const jar = await cookies();
  return fromSession(jar.get(sessionCookieName(env.ACC_PUBLIC_URL))?.value, request);
});

/** The signed-in user or token of this request; null when there is none (or it is invalid, expired, revoked). */
export async function currentUser(): Promise<AuthUser | null> {
  return (await requestAuth()).user;
}

/** Request address and user agent for audit events recorded without a user (refused anonymous attempts). */
export async function requestOrigin(): Promise<Pick<Actor, "ip" | "userAgent">> {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent") };
}
