// The one server-action client. Every server action (lib/actions/<feature>.ts) is written as
//
//   const update = defineAction({ name: "check.update", input: schema, handler: async (input, { actor }) => … });
//
// and the client validates `input` with the zod schema, runs the handler as the current actor, and turns errors
// into the one failure shape (ActionResult). `name` is the action's stable identifier ("<entity>.<verb>"): it is
// what a permission check and the audit trail key on, and it appears in logs — never rename one casually.
// Before the handler, the caller must hold the permission lib/auth/action-rules.ts gives `name` (a refusal is a
// readable formError and is recorded in the audit trail); data modules record changes in their own transaction,
// and actions that change AWS are recorded once they succeeded.
//
// Only OperatorError subclasses (lib/errors.ts: the domain's and this layer's refusals) reach the operator
// verbatim; anything else is logged and replaced by a generic sentence (it may carry SQL, stack details or secrets).
import "server-only";
import { ZodError, type z } from "zod";
import type { Actor } from "@/lib/actor";
import { ACTION_RULES, type ActionName } from "@/lib/auth/action-rules";
import { authorize } from "@/lib/auth/guards";
import { recordDone } from "@/lib/audit/record";
import { fieldErrorsFrom } from "@/lib/checks/schema";
import { ConcurrentEditError, UniqueViolationError } from "@/lib/db/errors";
import { OperatorError } from "@/lib/errors";
import { requestLogger } from "@/lib/log/request";
import { StaleCheckError } from "./errors";
import { GENERIC_ERROR, type ActionFailure, type ActionResult } from "./result";

export type { ActionName };

export interface ActionContext {
  actor: Actor;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  name: ActionName;
  /** Parses the action's argument; a failure comes back as field errors and the handler does not run. */
  input: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>;
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
export function toFailure(error: unknown, _actionName?: string): ActionFailure {
  // A handler may validate part of its input itself (e.g. with settings known only at run time).
  if (error instanceof ZodError) return { ok: false, fieldErrors: fieldErrorsFrom(error) };
  if (error instanceof UniqueViolationError)
    return { ok: false, fieldErrors: { [error.field]: [error.message] }, code: "conflict" };
  if (error instanceof ConcurrentEditError)
    return { ok: false, fieldErrors: {}, formError: concurrentEditMessage(error), code: "conflict" };
  if (error instanceof StaleCheckError)
    return { ok: false, fieldErrors: {}, formError: error.message, code: "conflict" };
  if (error instanceof OperatorError) {
    return error.field
      ? { ok: false, fieldErrors: { [error.field]: [error.message] } }
      : { ok: false, fieldErrors: {}, formError: error.message };
  }
  return { ok: false, fieldErrors: {}, formError: GENERIC_ERROR };
}

/**
 * Wraps a handler as a server-action body: the caller's permission is checked (a refusal is recorded), the argument
 * is parsed with `input` (field errors on failure), then the handler runs with the current actor. Never throws,
 * except for Next's own redirect/notFound signals.
 */
export function defineAction<S extends z.ZodType, T>({
  name,
  input: schema,
  handler,
}: ActionDefinition<S, T>): (input: unknown) => Promise<ActionResult<T>> {
  const rule = ACTION_RULES[name];
  if (!rule) throw new Error(`server action ${name} has no rule in lib/auth/action-rules.ts`);
  return async (input: unknown) => {
    // One line per action: who, what, how it ended, how long it took. Never the input (it may carry a query or
    // an event pattern); refusals and field errors name only their kind.
    const started = performance.now();
    const log = await requestLogger({ action: name });
    let actorId: string | undefined;
    const done = (outcome: string, extra: Record<string, unknown> = {}) =>
      log[outcome === "error" ? "error" : outcome === "ok" ? "info" : "warn"](
        { actor: actorId ?? null, outcome, ms: Math.round(performance.now() - started), ...extra },
        `action ${name}: ${outcome}`,
      );
    try {
      const auth = await authorize(name, rule, input);
      if (!auth.ok) {
        done("refused", { status: auth.status });
        return {
          ok: false,
          fieldErrors: {},
          formError: auth.message,
          code: auth.status === 401 ? "unauthenticated" : "forbidden",
        };
      }
      actorId = auth.user.actor.id;
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        done("invalid", { fields: Object.keys(fieldErrorsFrom(parsed.error)) });
        return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
      }
      const actor = auth.user.actor;
      const data = await handler(parsed.data, { actor });
      if (rule.audit === "after") await recordDone(actor, name, parsed.data, data);
      done("ok");
      return { ok: true, data };
    } catch (error) {
      if (isNextSignal(error)) {
        done("ok", { signal: String((error as { digest?: string }).digest).split(";")[0] });
        throw error;
      }
      const failure = toFailure(error, name);
      if (failure.formError === GENERIC_ERROR) done("error", { err: error });
      // Class names are minified in the production bundle, so the log names the failure by its shape instead.
      else
        done("failed", {
          failure: failure.code ?? (Object.keys(failure.fieldErrors).length > 0 ? "fields" : "refused"),
          fields: Object.keys(failure.fieldErrors),
        });
      return failure;
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
