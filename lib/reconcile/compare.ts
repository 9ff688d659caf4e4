// Comparing AWS documents by meaning: key order never matters, and event-pattern alternatives are sets.

import { canonicalJson } from "@/lib/canonical-json";

/** An event pattern in canonical form: alternatives sorted, except `numeric` whose operator order is its meaning. */
export function canonicalPattern(pattern: string | Record<string, unknown> | null | undefined): string | null {
  if (pattern === null || pattern === undefined || pattern === "") return null;
  let doc: unknown = pattern;
  if (typeof pattern === "string") {
    try {
      doc = JSON.parse(pattern);
    } catch {
      return pattern; // not JSON: compare as text
    }
  }
  return canonicalJson(doc, (key) => key !== "numeric");
}

/** True when two event patterns mean the same (JSON documents, any key order, alternatives in any order). */
export function patternsEqual(
  a: string | Record<string, unknown> | null | undefined,
  b: string | Record<string, unknown> | null | undefined,
): boolean {
  return canonicalPattern(a) === canonicalPattern(b);
}
