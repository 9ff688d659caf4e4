/**
 * String comparisons used by the pattern operators: case-insensitive equality / prefix / suffix and wildcards.
 * Case folding is done per code point, accepting the pattern character, its lower case or its upper case
 * (what AWS event-ruler does), so lengths never shift under folding.
 */

function codePoints(text: string): string[] {
  return Array.from(text);
}

function sameIgnoringCase(eventChar: string, patternChar: string): boolean {
  return (
    eventChar === patternChar || eventChar === patternChar.toLowerCase() || eventChar === patternChar.toUpperCase()
  );
}

function runMatchesIgnoringCase(eventChars: string[], offset: number, patternChars: string[]): boolean {
  for (let i = 0; i < patternChars.length; i++) {
    const e = eventChars[offset + i];
    const p = patternChars[i];
    if (e === undefined || p === undefined || !sameIgnoringCase(e, p)) return false;
  }
  return true;
}

/** True when `value` equals `pattern` ignoring case. */
export function equalsIgnoreCase(value: string, pattern: string): boolean {
  const v = codePoints(value);
  const p = codePoints(pattern);
  return v.length === p.length && runMatchesIgnoringCase(v, 0, p);
}

/** True when `value` starts with `pattern` ignoring case. */
export function startsWithIgnoreCase(value: string, pattern: string): boolean {
  const v = codePoints(value);
  const p = codePoints(pattern);
  return v.length >= p.length && runMatchesIgnoringCase(v, 0, p);
}

/** True when `value` ends with `pattern` ignoring case. */
export function endsWithIgnoreCase(value: string, pattern: string): boolean {
  const v = codePoints(value);
  const p = codePoints(pattern);
  return v.length >= p.length && runMatchesIgnoringCase(v, v.length - p.length, p);
}

/** A wildcard pattern split at its unescaped `*`: literal pieces that must appear in order. */
export interface WildcardPattern {
  readonly pieces: readonly string[];
}

/**
 * Parses a `wildcard` value: `*` matches any run of characters, `\*` a literal asterisk, `\\` a backslash.
 * Consecutive `*` and any other escape are refused, with event-ruler's wording. Positions count UTF-8 bytes
 * of the value wrapped in quotes, as AWS reports them.
 */
export function parseWildcard(text: string): { ok: true; pattern: WildcardPattern } | { ok: false; message: string } {
  const pieces: string[] = [];
  let current = "";
  const position = (index: number) => Buffer.byteLength(text.slice(0, index), "utf8") + 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "*") {
      if (text[i + 1] === "*") return { ok: false, message: `Consecutive wildcard characters at pos ${position(i)}` };
      pieces.push(current);
      current = "";
    } else if (ch === "\\") {
      const next = text[i + 1];
      if (next !== "*" && next !== "\\")
        return { ok: false, message: `Invalid escape character at pos ${position(i)}` };
      current += next;
      i++;
    } else {
      current += ch;
    }
  }
  pieces.push(current);
  return { ok: true, pattern: { pieces } };
}

/**
 * True when the whole of `value` matches the wildcard pattern. Greedy leftmost placement of the middle
 * pieces is exact for `*`-only globs and runs in linear-ish time (no regex backtracking).
 */
export function matchesWildcard(value: string, pattern: WildcardPattern): boolean {
  const { pieces } = pattern;
  const first = pieces[0] ?? "";
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? "";
  if (!value.startsWith(first)) return false;
  let position = first.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? "";
    const found = value.indexOf(piece, position);
    if (found < 0) return false;
    position = found + piece.length;
  }
  return value.length - last.length >= position && value.endsWith(last);
}
