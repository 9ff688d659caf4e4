// Counts Athena's positional `?` placeholders the way the engine sees them: a `?` inside a string
// literal, a quoted identifier or a comment is text, not a parameter.

/** Number of `?` placeholders outside string literals, quoted identifiers and comments. */
export function countPlaceholders(sql: string): number {
  let count = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === "`") {
      // Quoted text ends at the next lone quote; a doubled quote is an escaped quote.
      i++;
      while (i < n) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
    } else if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else {
      if (c === "?") count++;
      i++;
    }
  }
  return count;
}
