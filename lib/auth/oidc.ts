// The console as an OpenID Connect relying party, on `openid-client` (authorization code flow with PKCE, state and
// nonce; the ID token's signature, issuer, audience, expiry and nonce checked against the provider's discovery
// document and JWKS, fetched again when a token names a key it has not seen — a key rotation).
import "server-only";
import * as oidc from "openid-client";
import { env } from "@/lib/env";

/** The provider could not be reached or answered nonsense: a page says so, nobody gets in. */
export class IdentityProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `The identity provider at ${env.OIDC_ISSUER ?? "(OIDC_ISSUER unset)"} could not be reached: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = "IdentityProviderUnavailableError";
  }
}

let discovered: { key: string; config: Promise<oidc.Configuration> } | undefined;

/** The provider's configuration from its discovery document, cached per process (not when discovery fails). */
export function oidcConfiguration(): Promise<oidc.Configuration> {
  const issuer = env.OIDC_ISSUER;
  const secret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !secret) {
    return Promise.reject(
      new IdentityProviderUnavailableError(new Error("OIDC_ISSUER and OIDC_CLIENT_SECRET must be set")),
    );
  }
  const key = `${issuer}|${env.OIDC_CLIENT_ID}`;
  if (discovered?.key !== key) {
    const config = oidc
      .discovery(new URL(issuer), env.OIDC_CLIENT_ID, secret, undefined, {
        // A local provider on plain http (emulator mode); real providers are https and keep the default.
        execute: issuer.startsWith("http://") ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new IdentityProviderUnavailableError(error);
      });
    discovered = { key, config };
  }
  return discovered.config;
}

export const callbackUrl = () => `${env.ACC_PUBLIC_URL}/auth/callback`;
export const signedOutUrl = () => `${env.ACC_PUBLIC_URL}/signin?signedOut=1`;

export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function startAuthorization(): Promise<AuthorizationStart> {
  const config = await oidcConfiguration();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: env.OIDC_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export interface SignedInIdentity {
  subject: string;
  name: string;
  email: string | null;
  claims: Record<string, unknown>;
  idToken: string | null;
}

/**
 * Exchanges the code of `callback` (the full URL the provider redirected to) and verifies the ID token.
 * Throws openid-client's errors for a state mismatch, a replayed or expired code, a bad signature, a wrong
 * issuer/audience/nonce or an expired token.
 */
export async function finishAuthorization(
  callback: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<SignedInIdentity> {
  const config = await oidcConfiguration();
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("the provider returned no ID token");
  let claims: Record<string, unknown> = { ...idClaims };
  // Some providers (Google Workspace, Okta without a groups claim in the ID token) put profile data in userinfo.
  if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    try {
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
    } catch {
      // userinfo is a bonus; the verified ID token is enough to sign in
    }
  }
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);
  return {
    subject: idClaims.sub,
    name:
      str(claims.name) ??
      str(claims.preferred_username) ??
      str(claims["cognito:username"]) ??
      str(claims.email) ??
      idClaims.sub,
    email: str(claims.email),
    claims,
    idToken: tokens.id_token ?? null,
  };
}

/** The provider's sign-out URL when it offers RP-initiated logout; null otherwise. */
export async function endSessionUrl(idToken: string | null): Promise<string | null> {
  try {
    const config = await oidcConfiguration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc
      .buildEndSessionUrl(config, {
        post_logout_redirect_uri: signedOutUrl(),
        ...(idToken ? { id_token_hint: idToken } : { client_id: env.OIDC_CLIENT_ID }),
      })
      .toString();
  } catch {
    return null; // provider down: the console's session is ended anyway
  }
}
