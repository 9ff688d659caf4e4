// Opaque pagination tokens: base64url JSON that names where the next page starts. A token that does not
// decode (or was made for another listing) is refused with the caller's chosen AWS error.
import { AwsError } from "./aws-error";

/** Encodes a resume position (any JSON value) as an opaque NextToken. */
export function encodeToken(kind: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ k: kind, p: position }), "utf8").toString("base64url");
}

/** Decodes a NextToken made by encodeToken for the same `kind`; throws AwsError(code) otherwise. */
export function decodeToken<T>(
  token: string,
  kind: string,
  code = "ValidationException",
  message = "Invalid NextToken",
): T {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { k?: unknown; p?: unknown };
    if (parsed && parsed.k === kind && parsed.p !== undefined) return parsed.p as T;
  } catch {
    // fall through
  }
  throw new AwsError(code, message);
}

/** One page of `items` starting at index `start`: the slice and the index where the next page begins. */
export function pageOf<T>(items: T[], start: number, limit: number): { page: T[]; next: number | undefined } {
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return { page, next: end < items.length ? end : undefined };
}
