// Opaque pagination tokens: base64url JSON naming the list they belong to, so a garbage or foreign token is
// answered with InvalidToken as AWS does.
import { AwsError } from "../core/aws-error";

/** Encodes a cursor for list `kind`. */
export function encodeToken(kind: string, cursor: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...cursor }), "utf8").toString("base64url");
}

/** Decodes a token made by encodeToken for `kind`; throws InvalidToken for anything else. */
export function decodeToken<T extends Record<string, unknown>>(token: string, kind: string): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || (value as { k?: unknown }).k !== kind) {
    throw new AwsError("InvalidToken", `Invalid Token: '${token.length > 64 ? `${token.slice(0, 64)}...` : token}'`);
  }
  return value as T;
}

/** maxResults as AWS reads it: absent or 0 means the default page size. */
export function pageSize(maxResults: number | undefined, defaultSize: number): number {
  return maxResults === undefined || maxResults === 0 ? defaultSize : maxResults;
}
