// The one result shape of lib/executions/* (and the routes built on them) for work that may fail in a way the
// operator should read: `{ ok: true, …value }` or `{ ok: false, error }` with the error in words.
// Server actions have their own, form-shaped result (lib/actions/result.ts).

export type Failure = { ok: false; error: string };

export type Result<T extends object> = ({ ok: true } & T) | Failure;
