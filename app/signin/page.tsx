// Sign-in: why the user is here (signed out, session ended, a refused sign-in) and the way in.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { currentUser } from "@/lib/auth/current-user";
import { safeReturnTo } from "@/lib/auth/return-to";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const REASONS: Record<string, string> = {
  idle: "Your session ended after a period of inactivity. Sign in again to continue.",
  expired: "Your session reached its maximum length. Sign in again to continue.",
  ended: "Your session has ended (signed out or revoked). Sign in again to continue.",
  "token-invalid": "The service token sent with this request is not valid.",
  "alb-invalid": "The load balancer did not send a valid identity for this request.",
};

const ERRORS: Record<string, string> = {
  unavailable:
    "The identity provider could not be reached. Try again in a moment; if it persists, tell an administrator.",
  stale: "That sign-in link was already used or has expired. Start again.",
  state: "The sign-in answer did not match the sign-in this browser started. Start again.",
  denied: "The identity provider did not sign you in.",
  token: "The identity provider's answer could not be verified, so you were not signed in. Start again.",
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const returnTo = safeReturnTo(one("returnTo"));
  const error = one("error");
  const reason = one("reason");
  if (!error && !reason && (await currentUser())) redirect(returnTo);

  return (
    <div className="mx-auto max-w-md space-y-6 py-12">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Sign in</h1>
        <p className="text-sm text-zinc-600">
          The Audit Checks Console signs you in with your organisation&apos;s account.
        </p>
      </div>
      {one("signedOut") ? <Notice tone="success">You are signed out.</Notice> : null}
      {reason && REASONS[reason] ? <Notice tone="info">{REASONS[reason]}</Notice> : null}
      {error ? (
        <Notice tone="error" title="Not signed in">
          {ERRORS[error] ?? ERRORS.token}
        </Notice>
      ) : null}
      {env.ACC_AUTH_MODE === "alb" ? (
        <p className="text-sm text-zinc-700">
          This console is signed in through its load balancer. Reload the page; if this persists, the load balancer is
          not forwarding a valid identity.
        </p>
      ) : (
        // A plain link: the flow is a sequence of redirects and needs no script.
        <a href={`/auth/login?${new URLSearchParams({ returnTo })}`} className={buttonClass("primary", "w-full py-2")}>
          Continue to sign-in
        </a>
      )}
    </div>
  );
}
