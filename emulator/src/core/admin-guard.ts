// The /_emulator/* control endpoints change state (reset, faults, time travel) and have no credentials, so a web
// page the operator visits must not reach them: a browser may send a cross-origin "simple" request (form POST,
// text/plain fetch) without asking first, and with DNS rebinding the page's own origin can point at 127.0.0.1.
// Programs (tests, the console, curl) send no Origin header and JSON bodies, so they pass.
import type { IncomingHttpHeaders } from "node:http";
import { AwsError } from "./aws-error";

/** Content types a browser sends cross-origin without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * Throws a 403/415 AwsError when a request to a control endpoint comes from a browser page on another origin or
 * could have been sent by one without a preflight. GET and HEAD only read, and are let through.
 */
export function assertControlRequestAllowed(method: string, headers: IncomingHttpHeaders, bodyLength: number): void {
  if (method === "GET" || method === "HEAD") return;
  const mediaType = (first(headers["content-type"]) ?? "").split(";")[0]!.trim().toLowerCase();
  if (SIMPLE_CONTENT_TYPES.has(mediaType) || (bodyLength > 0 && mediaType !== "application/json")) {
    throw new AwsError(
      "UnsupportedMediaType",
      "Emulator control endpoints accept only application/json bodies (or none).",
      415,
    );
  }
  assertNotCrossOrigin(headers);
}

/**
 * Throws 403 when a browser page on another origin sent the request (Origin / Sec-Fetch-Site). Programs that send
 * no Origin pass whatever their content type: the webhook receiver takes form posts from servers this way.
 */
export function assertNotCrossOrigin(headers: IncomingHttpHeaders): void {
  const origin = first(headers.origin);
  const fetchSite = first(headers["sec-fetch-site"]);
  if (fetchSite === "cross-site" || fetchSite === "same-site") throw crossOrigin(`Sec-Fetch-Site: ${fetchSite}`);
  if (origin === undefined) return;
  // A browser page is allowed only when it is served by this emulator itself on a loopback name; any other Origin
  // (including a rebound name whose Host matches it, and "null") is refused.
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossOrigin(`Origin ${origin}`);
  }
  const host = first(headers.host) ?? "";
  if (originHost !== host || !LOOPBACK_HOSTNAMES.has(hostnameOf(host))) throw crossOrigin(`Origin ${origin}`);
}

function crossOrigin(what: string): AwsError {
  return new AwsError("Forbidden", `Emulator control endpoints refuse browser cross-origin requests (${what}).`, 403);
}

function hostnameOf(host: string): string {
  const bracket = host.startsWith("[") ? host.indexOf("]") : -1;
  if (bracket > 0) return host.slice(0, bracket + 1);
  const colon = host.lastIndexOf(":");
  return (colon >= 0 ? host.slice(0, colon) : host).toLowerCase();
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
