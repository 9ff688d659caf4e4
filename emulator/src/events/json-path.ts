// The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot notation (keys may hold
// dashes, slashes, any character but `.` and `[`), array indices `[0]`, wildcards `.*` / `[*]`, and
// `['quoted key']` for keys with dots. A wildcard yields an array of every match.

type Segment = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "wildcard" };

/** Parses a path; returns an error message for anything outside the subset above. */
export function parseJsonPath(path: string): { ok: true; segments: Segment[] } | { ok: false; message: string } {
  if (!path.startsWith("$")) return { ok: false, message: `JSON path must start with $: ${path}` };
  const segments: Segment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      i++;
      if (path[i] === "*") {
        segments.push({ kind: "wildcard" });
        i++;
        continue;
      }
      let key = "";
      while (i < path.length && path[i] !== "." && path[i] !== "[") key += path[i++];
      if (key === "") return { ok: false, message: `Empty key in JSON path: ${path}` };
      segments.push({ kind: "key", key });
    } else if (c === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) return { ok: false, message: `Unclosed [ in JSON path: ${path}` };
      const inner = path.slice(i + 1, close).trim();
      if (inner === "*") segments.push({ kind: "wildcard" });
      else if (/^\d+$/.test(inner)) segments.push({ kind: "index", index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner))
        segments.push({ kind: "key", key: inner.slice(1, -1) });
      else return { ok: false, message: `Unsupported JSON path selector [${inner}] in ${path}` };
      i = close + 1;
    } else {
      return { ok: false, message: `Unexpected character '${c}' in JSON path: ${path}` };
    }
  }
  return { ok: true, segments };
}

/** Evaluates `path` against `doc`; undefined when nothing matches. Throws on an invalid path. */
export function evaluateJsonPath(doc: unknown, path: string): unknown {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  let current: unknown[] = [doc];
  let multi = false;
  for (const seg of parsed.segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (seg.kind === "key") {
        if (
          value !== null &&
          typeof value === "object" &&
          !Array.isArray(value) &&
          Object.prototype.hasOwnProperty.call(value, seg.key)
        ) {
          next.push((value as Record<string, unknown>)[seg.key]);
        }
      } else if (seg.kind === "index") {
        if (Array.isArray(value) && seg.index < value.length) next.push(value[seg.index]);
      } else {
        multi = true;
        if (Array.isArray(value)) next.push(...value);
        else if (value !== null && typeof value === "object") next.push(...Object.values(value));
      }
    }
    current = next;
  }
  if (multi) return current;
  return current.length > 0 ? current[0] : undefined;
}
