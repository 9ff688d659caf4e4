// Comparing AWS documents by meaning: key order never matters, and event-pattern alternatives are sets.

/** JSON with sorted object keys; arrays keep their order unless `sortArrays` says otherwise for that key. */
export function canonicalJson(value: unknown, sortArrays: (key: string | null) => boolean = () => false, key: string | null = null): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalJson(v, sortArrays, key));
    if (sortArrays(key)) items.sort();
    return `[${items.join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], sortArrays, k)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

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
export function patternsEqual(a: string | Record<string, unknown> | null | undefined, b: string | Record<string, unknown> | null | undefined): boolean {
  return canonicalPattern(a) === canonicalPattern(b);
}
