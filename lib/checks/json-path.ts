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
