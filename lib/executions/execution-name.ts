// Names for executions the console starts: `<slug>-manual-20261127T235959Z`, readable and unique enough to find again.

const MAX = 80;
const ALLOWED = /[^0-9A-Za-z_-]/g;

/** `20261127T235959Z` */
export function compactUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * The name of a console-started execution: the check's slug, the kind and the UTC second, within Step Functions'
 * 80 characters and the `[0-9A-Za-z_-]` charset (the slug is cut, never the time). `suffix` disambiguates two runs
 * started in the same second.
 */
export function executionName(slug: string, kind: "manual" | "rerun", at: Date, suffix?: string): string {
  const tail = `-${kind}-${compactUtc(at)}${suffix ? `-${suffix.replace(ALLOWED, "")}` : ""}`;
  const cleanSlug = slug.replace(ALLOWED, "-").replace(/^-+|-+$/g, "") || "check";
  return cleanSlug.slice(0, MAX - tail.length).replace(/-+$/, "") + tail;
}
