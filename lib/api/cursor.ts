// Paging tokens of the JSON API: the position (a slug, an executions keyset cursor, Athena's NextToken) signed with
// HMAC so a token that was edited is refused with 400 instead of reaching a query. The key is API_CURSOR_SECRET
// when set (several console instances behind one load balancer must share it), else random per process: a token
// from before a restart is then refused the same way, and the client starts again from the first page.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "./errors";

let processKey: Buffer | null = null;

function key(): Buffer {
  const configured = process.env.API_CURSOR_SECRET;
  if (configured) return Buffer.from(configured);
  return (processKey ??= randomBytes(32));
}

function mac(kind: string, payload: string): Buffer {
  return createHmac("sha256", key()).update(`${kind}\n${payload}`).digest();
}

/** `kind` binds a token to one list: a checks token is refused by the executions list. */
export function signCursor(kind: string, value: string): string {
  const payload = Buffer.from(value).toString("base64url");
  return `${payload}.${mac(kind, payload).toString("base64url")}`;
}

/** The value inside a token, or null for none; ApiError("invalid_cursor") when it was not issued by this list. */
export function readCursor(kind: string, token: string | null): string | null {
  if (token === null || token === "") return null;
  const [payload, signature, extra] = token.split(".");
  const given = Buffer.from(signature ?? "", "base64url");
  const expected = payload ? mac(kind, payload) : null;
  if (extra !== undefined || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(
      "invalid_cursor",
      "This paging token is not valid: it was changed, belongs to another list, or was issued before the console restarted. Start again from the first page.",
      { cursor: ["Not a paging token this list issued."] },
    );
  }
  return Buffer.from(payload!, "base64url").toString();
}
