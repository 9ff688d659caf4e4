// The sign-in flow's server side: start (a sign-in in flight keyed by a random cookie), finish (one use of the
// provider's answer, verified ID token, session row + audit event), sign-out (session ended + audit event).
import "server-only";
import * as oidc from "openid-client";
import { createLoginRequest, createSession, endSession, takeLoginRequest } from "@/lib/db/sessions";
import { env } from "@/lib/env";
import type { AuthUser } from "./current-user";
import { roleGroups } from "./current-user";
import { endSessionUrl, finishAuthorization, IdentityProviderUnavailableError, startAuthorization } from "./oidc";
import { safeReturnTo } from "./return-to";
import { groupsFromClaims, roleFromGroups } from "./roles";
import { randomId, sha256 } from "./secrets";

/** Why a sign-in failed, as the sign-in page explains it. */
export type SignInError = "unavailable" | "stale" | "state" | "denied" | "token";

export class SignInFailure extends Error {
  constructor(
    readonly kind: SignInError,
    message: string,
  ) {
    super(message);
    this.name = "SignInFailure";
  }
}

/** Starts a sign-in; returns the provider URL to send the browser to and the cookie value naming this attempt. */
export async function beginSignIn(returnTo: string | null): Promise<{ redirectTo: string; loginId: string }> {
  let start;
  try {
    start = await startAuthorization();
  } catch (error) {
    throw new SignInFailure("unavailable", error instanceof Error ? error.message : String(error));
  }
  const loginId = randomId();
  await createLoginRequest(sha256(loginId), {
    state: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
    returnTo: safeReturnTo(returnTo),
  });
  return { redirectTo: start.url.toString(), loginId };
}

export interface FinishedSignIn {
  sessionId: string;
  returnTo: string;
  hasRole: boolean;
}

/** Finishes a sign-in from the provider's redirect (`callback` = the URL as the browser requested it). */
export async function completeSignIn(
  callback: URL,
  loginId: string | undefined,
  request: { ip?: string | null; userAgent?: string | null },
): Promise<FinishedSignIn> {
  const pending = loginId ? await takeLoginRequest(sha256(loginId)) : null;
  if (!pending) {
    throw new SignInFailure("stale", "This sign-in was already used, has expired, or was started in another browser.");
  }
  if (Date.now() - pending.createdAt.getTime() > 15 * 60_000)
    throw new SignInFailure("stale", "This sign-in took too long.");
  const providerError = callback.searchParams.get("error");
  if (providerError) {
    throw new SignInFailure("denied", callback.searchParams.get("error_description") ?? providerError);
  }
  // Rebuild the URL on the public base: behind a proxy the request URL may name an internal host.
  const publicCallback = new URL(`${env.ACC_PUBLIC_URL}/auth/callback${callback.search}`);
  let identity;
  try {
    identity = await finishAuthorization(publicCallback, pending);
  } catch (error) {
    if (error instanceof IdentityProviderUnavailableError) throw new SignInFailure("unavailable", error.message);
    if (error instanceof oidc.AuthorizationResponseError)
      throw new SignInFailure("denied", error.error_description ?? error.error);
    const message = error instanceof Error ? error.message : String(error);
    if (/state/i.test(message)) throw new SignInFailure("state", message);
    if (error instanceof TypeError && /fetch failed/i.test(message)) throw new SignInFailure("unavailable", message);
    throw new SignInFailure("token", message);
  }
  const groups = groupsFromClaims(identity.claims, env.OIDC_GROUPS_CLAIM);
  const role = roleFromGroups(groups, roleGroups());
  const sessionId = randomId();
  const now = Date.now();
  const actorId = `user:${identity.subject}`;
  await createSession(
    {
      idHash: sha256(sessionId),
      subject: identity.subject,
      name: identity.name,
      email: identity.email,
      groups,
      role,
      idToken: identity.idToken,
      ip: request.ip ?? null,
      userAgent: request.userAgent ?? null,
      expiresAt: new Date(now + env.SESSION_MAX_HOURS * 3_600_000),
    },
    {
      actor: { id: actorId, displayName: identity.name, kind: "user", ...request },
      action: "auth.signIn",
      target: { kind: "user", id: actorId, name: identity.email ?? identity.name },
      detail: { groups, role },
    },
  );
  return { sessionId, returnTo: pending.returnTo, hasRole: role !== null };
}

/** Ends the user's session; returns where to send the browser (the provider's sign-out when it offers one). */
export async function signOut(user: AuthUser | null): Promise<string> {
  if (user?.sessionId) {
    await endSession(user.sessionId, {
      actor: user.actor,
      action: "auth.signOut",
      target: { kind: "user", id: user.id },
    });
  }
  if (env.ACC_AUTH_MODE === "oidc" && user?.kind === "user") {
    const url = await endSessionUrl(user.idToken);
    if (url) return url;
  }
  return "/signin?signedOut=1";
}
