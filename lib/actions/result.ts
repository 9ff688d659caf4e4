// What every server action returns: data, or errors the form can place beside its fields.
// Kept free of server imports so client components can import the types and helpers.
import type { FieldErrors } from "@/lib/checks/schema";

/**
 * Why an action failed, when it is not plain bad input: the JSON API answers it with its HTTP status (401, 403,
 * 409). Forms show the messages only.
 */
export type FailureCode = "unauthenticated" | "forbidden" | "conflict";

export type ActionFailure = { ok: false; fieldErrors: FieldErrors; formError?: string; code?: FailureCode };

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export const GENERIC_ERROR =
  "Something went wrong on the server and nothing was saved. Try again; if it keeps happening, check the console's log.";

/** The one sentence to show for a failed action: its form error, else its field errors, else `fallback`. */
export function failureMessage(r: ActionFailure, fallback = "The action failed."): string {
  return r.formError ?? (Object.values(r.fieldErrors).flat().join(" ") || fallback);
}
