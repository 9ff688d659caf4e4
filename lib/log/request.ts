// The log context of the current request: its id (set by proxy.ts) for every line a page, route or action writes.
import "server-only";
import { headers } from "next/headers";
import { logger, type Logger } from "./index";

export async function requestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined; // outside a request (a background loop)
  }
}

/** A logger whose lines carry this request's id. */
export async function requestLogger(bindings: Record<string, unknown> = {}): Promise<Logger> {
  return logger.child({ requestId: await requestId(), ...bindings });
}
