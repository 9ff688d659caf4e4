// What every server action returns: data, or errors the form can place beside its fields.
// Kept free of server imports so client components can import the types.

export type FieldErrors = Record<string, string[]>;

export type ActionResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors; formError?: string };

export const GENERIC_ERROR =
  "Something went wrong on the server and nothing was saved. Try again; if it keeps happening, check the console's log.";
