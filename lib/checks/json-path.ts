// Event-path parameters pick one value out of the triggering event. We accept the plain JSONPath
// subset that names a single value ($, .key, ['key'], [n]); wildcards and filters could yield many.

const SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/** Why `path` is not a single-value JSONPath into the event, or null when it is one. */
export function eventPathError(path: string): string | null {
  const p = path.trim();
  if (p === "") return "Enter a JSON path into the event, e.g. $.detail.clusterArn or $.time.";
  if (!p.startsWith("$")) return "A JSON path starts with $, e.g. $.detail.clusterArn.";
  let rest = p.slice(1);
  if (rest === "") return "The path $ is the whole event; name one value in it, e.g. $.time.";
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) {
      if (rest.startsWith("[*]") || rest.startsWith(".*") || rest.startsWith("..") || rest.startsWith("[?")) {
        return "Wildcards, filters and recursive descent are not allowed: the path must name exactly one value.";
      }
      return `The path is not valid JSONPath near “${rest.slice(0, 20)}”. Use .key, ['key'] or [index], e.g. $.detail.containers[0].exitCode.`;
    }
    rest = rest.slice(m[0].length);
  }
  return null;
}

/** What a single-value path finds in an event: the value, or nothing (a missing key or index, or an invalid path). */
export type EventPathValue = { found: true; value: unknown } | { found: false; reason: string };

/**
 * The value `path` names in `event` (the same subset `eventPathError` accepts), as EventBridge's InputPath would
 * pick it: a key of an object, an index of an array. A path through something else finds nothing.
 */
export function resolveEventPath(event: unknown, path: string): EventPathValue {
  const problem = eventPathError(path);
  if (problem) return { found: false, reason: problem };
  let rest = path.trim().slice(1);
  let at: unknown = event;
  let walked = "$";
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest)!;
    const key =
      m[1] ?? m[2] ?? (m[3] !== undefined ? m[3].replace(/\\(.)/g, "$1") : (m[4] ?? "").replace(/\\(.)/g, "$1"));
    const isIndex = m[2] !== undefined;
    if (isIndex) {
      if (!Array.isArray(at)) return { found: false, reason: `${walked} is not a list, so it has no [${key}].` };
      if (Number(key) >= at.length)
        return { found: false, reason: `${walked} has ${at.length} item${at.length === 1 ? "" : "s"}: no [${key}].` };
      at = at[Number(key)];
    } else {
      if (typeof at !== "object" || at === null || Array.isArray(at))
        return { found: false, reason: `${walked} is not an object, so it has no “${key}”.` };
      if (!Object.prototype.hasOwnProperty.call(at, key))
        return { found: false, reason: `The event has no ${walked}${m[0]}.` };
      at = (at as Record<string, unknown>)[key];
    }
    walked += m[0];
    rest = rest.slice(m[0].length);
  }
  return { found: true, value: at };
}
