// The three doors: pages (redirect to sign-in, the "no role" page or the refusal page), route handlers (401/403)
// and server actions (a readable refusal). Each checks the permission of ACTION_RULES / ROUTE_RULES through
// lib/auth/permissions and records refusals in the audit trail.
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { recordRefusal, summarizeInput } from "@/lib/audit/record";
import { requestLogger } from "@/lib/log/request";
import type { ActionRule } from "./action-rules";
import { ROUTE_RULES, type RouteName } from "./action-rules";
import { requestAuth, requestOrigin, type AuthUser } from "./current-user";
import { can, refusalMessage, type Permission } from "./permissions";

export type Authorization = { ok: true; user: AuthUser } | { ok: false; status: 401 | 403; message: string };

/** Checks the current request against `rule`; a refusal is recorded with what was attempted. */
export async function authorize(name: string, rule: ActionRule, input?: unknown): Promise<Authorization> {
  const auth = await requestAuth();
  const user = auth.user;
  if (user && can(user, rule.permission)) return { ok: true, user };
  const message = user ? refusalMessage(user, rule.permission) : (auth.detail ?? refusalMessage(null, rule.permission));
  const detail = {
    permission: rule.permission,
    reason: user ? "role" : (auth.reason ?? "none"),
    ...(summarizeInput(input) ?? {}),
  };
  await recordRefusal(user?.actor ?? null, await requestOrigin(), name, detail);
  return { ok: false, status: user ? 403 : 401, message };
}

/** For route handlers: the user, or the 401/403 response to return. */
export async function guardRoute(
  route: RouteName,
): Promise<{ user: AuthUser; response?: never } | { response: Response }> {
  const result = await authorize(route, ROUTE_RULES[route]);
  const log = await requestLogger({ action: route });
  if (result.ok) {
    log.info({ actor: result.user.actor.id, outcome: "allowed" }, `route ${route}: allowed`);
    return { user: result.user };
  }
  log.warn({ actor: null, outcome: "refused", status: result.status }, `route ${route}: refused`);
  return {
    response: Response.json(
      { error: result.message },
      {
        status: result.status,
        headers: result.status === 401 ? { "WWW-Authenticate": 'Bearer realm="audit-checks-console"' } : {},
      },
    ),
  };
}

async function requestedPath(): Promise<string> {
  return (await headers()).get("x-acc-path") ?? "/checks";
}

/** For pages: the signed-in user holding `permission`; otherwise a redirect to sign-in, "no role" or the refusal page. */
export async function requirePage(permission: Permission): Promise<AuthUser> {
  const auth = await requestAuth();
  const path = await requestedPath();
  if (!auth.user) {
    const query = new URLSearchParams({ returnTo: path });
    if (auth.reason && auth.reason !== "none") query.set("reason", auth.reason);
    redirect(`/signin?${query}`);
  }
  if (!auth.user.role) redirect("/no-role");
  if (!can(auth.user, permission)) {
    await recordRefusal(
      auth.user.actor,
      auth.user.actor,
      "page.open",
      { permission, path },
      { kind: "page", name: path },
    );
    redirect(`/forbidden?${new URLSearchParams({ permission, path })}`);
  }
  return auth.user;
}

/** For pages any signed-in user may open (their account, the "no role" page). */
export async function requireSignedIn(): Promise<AuthUser> {
  const auth = await requestAuth();
  if (!auth.user) {
    const query = new URLSearchParams({ returnTo: await requestedPath() });
    if (auth.reason && auth.reason !== "none") query.set("reason", auth.reason);
    redirect(`/signin?${query}`);
  }
  return auth.user;
}
