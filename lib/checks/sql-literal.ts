// Literal parameters travel to Athena as ExecutionParameters, which must already be SQL literals
// ('text' carries its quotes). Anything else fails the query at run time, so refuse it at save time.

const STRING = /^'(?:[^']|'')*'$/s;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const KEYWORD = /^(?:true|false|null)$/i;
const DATE = /^DATE\s+'(\d{4})-(\d{2})-(\d{2})'$/i;
const TIMESTAMP = /^TIMESTAMP\s+'(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?'$/i;

function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Why `value` is not an SQL literal Athena accepts, or null when it is one. */
export function sqlLiteralError(value: string): string | null {
  const v = value.trim();
  if (v === "") return "Enter a value, e.g. 'text', 42, true, NULL or DATE '2026-01-31'.";
  if (STRING.test(v) || NUMBER.test(v) || KEYWORD.test(v)) return null;
  const date = DATE.exec(v);
  if (date) return validDate(date[1]!, date[2]!, date[3]!) ? null : "That DATE is not a real calendar day.";
  const ts = TIMESTAMP.exec(v);
  if (ts) {
    if (!validDate(ts[1]!, ts[2]!, ts[3]!)) return "That TIMESTAMP is not a real calendar day.";
    if (ts[4] !== undefined && (Number(ts[4]) > 23 || Number(ts[5]) > 59 || Number(ts[6] ?? 0) > 59)) {
      return "That TIMESTAMP has an impossible time of day.";
    }
    return null;
  }
  if (v.startsWith("'")) return "A text value must end with ' and write a quote inside it as '' (two quotes).";
  return "Not an SQL literal: quote text as 'text' (write '' for a quote inside), or use a number, true, false, NULL, DATE '2026-01-31' or TIMESTAMP '2026-01-31 12:00:00'.";
}
