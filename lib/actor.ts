// Who is acting: the signed-in user or the service token of the current request, with the request's address and
// user agent (the audit trail records them). Pages, actions and route handlers read it through lib/auth.
import type { Role } from "@/lib/auth/roles";

export interface Actor {
  /** Stable identifier stored in created_by / updated_by and the audit trail: `user:<sub>` / `token:<name>`. */
  id: string;
  /** What pages show. */
  displayName: string;
  /** Unset: the console itself (demo data, scripts). */
  kind?: "user" | "token" | "system";
  role?: Role | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** Writes made by the console itself (demo data at start, scripts), never by a request. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: "system", displayName: "System", kind: "system", role: null });

/** The actor of the current request; throws when nobody is signed in (callers check permissions first). */
export async function currentActor(): Promise<Actor> {
  const { currentUser } = await import("@/lib/auth/current-user");
  const user = await currentUser();
  if (!user) throw new Error("currentActor() called without a signed-in user");
  return user.actor;
}
