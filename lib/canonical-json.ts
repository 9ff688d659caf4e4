// One canonical JSON text per meaning, so documents compare equal whatever their key order (the database's spec
// comparison and the reconciler's AWS diffs both rely on it).

/** JSON with sorted object keys; arrays keep their order unless `sortArrays` says otherwise for that key. */
export function canonicalJson(
  value: unknown,
  sortArrays: (key: string | null) => boolean = () => false,
  key: string | null = null,
): string {
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
