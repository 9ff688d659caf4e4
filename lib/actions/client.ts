// The one server-action client: validate with a zod schema, run the handler as the current actor, and turn
// errors into something the form can show. Only our own error classes reach the operator verbatim; anything
// else is logged and replaced by a generic sentence (it may carry SQL, stack details or secrets).
import "server-only";
import { ZodError, type z } from "zod";
import { currentActor, type Actor } from "@/lib/actor";
import { fieldErrorsFrom } from "@/lib/checks/schema";
import { ConcurrentEditError, DbError, UniqueViolationError } from "@/lib/db/errors";
import { ActionError } from "./errors";
import { GENERIC_ERROR, type ActionResult, type FieldErrors } from "./result";

export interface ActionContext {
  actor: Actor;
}

/** The message for a refused concurrent save; the form keeps what the operator typed. */
export function concurrentEditMessage(e: ConcurrentEditError): string {
  if (e.actualVersion === null) {
    return "Someone else deleted this check while you were editing it. Your changes are kept below, but there is nothing left to save them to.";
  }
  return `Someone else saved this check while you were editing (version ${e.actualVersion}). Your changes are kept below; reload to see theirs.`;
}

/**
 * The message for a refused enable / disable / delete from a check page that was loaded before someone else's
 * save: there is no form to keep, so it says what did not happen and that the page now shows the current version.
 */
export function staleCheckPageMessage(e: ConcurrentEditError, attempted: "enable" | "disable" | "delete"): string {
  if (e.actualVersion === null) return "This check no longer exists; someone else deleted it.";
  const what = attempted === "delete" ? "Not deleted" : attempted === "enable" ? "Not enabled" : "Not disabled";
  return `${what}: someone else saved this check (version ${e.actualVersion}) after this page was loaded. The page now shows their version; look at it, then try again if you still want to.`;
}

/** Maps a thrown error to the failure half of ActionResult. */
export function toFailure(
  error: unknown,
  actionName: string,
): { ok: false; fieldErrors: FieldErrors; formError?: string } {
  // A handler may validate part of its input itself (e.g. with settings known only at run time).
  if (error instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsFrom(error) };
  if (error instanceof UniqueViolationError) return { ok: false, fieldErrors: { [error.field]: [error.message] } };
  if (error instanceof ConcurrentEditError)
    return { ok: false, fieldErrors: {}, formError: concurrentEditMessage(error) };
  if (error instanceof ActionError) {
    return error.field
      ? { ok: false, fieldErrors: { [error.field]: [error.message] } }
      : { ok: false, fieldErrors: {}, formError: error.message };
  }
  if (error instanceof DbError) return { ok: false, fieldErrors: {}, formError: error.message };
  console.error(`[action ${actionName}] unexpected error`, error);
  return { ok: false, fieldErrors: {}, formError: GENERIC_ERROR };
}

/**
 * Wraps `handler` as a server-action body: `input` is parsed with `schema` (field errors on failure), then the
 * handler runs with the current actor. Never throws, except for Next's own redirect/notFound signals.
 */
export function defineAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input: unknown) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
    try {
      const actor = await currentActor();
      return { ok: true, data: await handler(parsed.data, { actor }) };
    } catch (error) {
      if (isNextSignal(error)) throw error;
      return toFailure(error, name);
    }
  };
}

// redirect() and notFound() work by throwing; they must pass through untouched.
function isNextSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND")
  );
}
