// Pure implementations of Trino scalar functions DuckDB has no equivalent for. functions.ts registers them as
// DuckDB functions; they are kept free of DuckDB so their Trino semantics can be tested on their own.

/** A value as a DuckDB JS function receives it (numbers, bigints, strings, decimals, dates, timestamps). */
export type ScalarArg = unknown;

/** Trino's name for a DuckDB type name (`typeof`): INTEGER → integer, INTEGER[] → array(integer), … */
export function trinoTypeName(duck: string): string {
  const t = duck.trim();
  if (t.endsWith("[]")) return `array(${trinoTypeName(t.slice(0, -2))})`;
  const upper = t.toUpperCase();
  const call = /^([A-Z ]+)\((.*)\)$/s.exec(t);
  if (call) {
    const name = call[1]!.trim().toUpperCase();
    const inner = splitTopLevel(call[2]!);
    if (name === "DECIMAL") return `decimal(${inner.join(",")})`;
    if (name === "MAP") return `map(${inner.map(trinoTypeName).join(", ")})`;
    if (name === "STRUCT") {
      return `row(${inner
        .map((field) => {
          const m = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(field.trim());
          return m ? `${m[1]} ${trinoTypeName(m[2]!)}` : trinoTypeName(field);
        })
        .join(", ")})`;
    }
  }
  const simple: Record<string, string> = {
    BOOLEAN: "boolean",
    TINYINT: "tinyint",
    UTINYINT: "smallint",
    SMALLINT: "smallint",
    USMALLINT: "integer",
    INTEGER: "integer",
    UINTEGER: "bigint",
    BIGINT: "bigint",
    UBIGINT: "bigint",
    HUGEINT: "bigint",
    FLOAT: "real",
    DOUBLE: "double",
    VARCHAR: "varchar",
    BLOB: "varbinary",
    DATE: "date",
    TIME: "time(3)",
    "TIME WITH TIME ZONE": "time(3) with time zone",
    TIMESTAMP: "timestamp(3)",
    TIMESTAMP_MS: "timestamp(3)",
    TIMESTAMP_S: "timestamp(0)",
    TIMESTAMP_NS: "timestamp(9)",
    "TIMESTAMP WITH TIME ZONE": "timestamp(3) with time zone",
    INTERVAL: "interval day to second",
    JSON: "json",
    UUID: "uuid",
    '"NULL"': "unknown",
    NULL: "unknown",
  };
  return simple[upper] ?? t.toLowerCase();
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** Trino's luhn_check: true when the digits pass the Luhn checksum; NULL-free input of digits only. */
export function luhnCheck(text: string): boolean {
  if (!/^[0-9]+$/.test(text)) throw new Error("Input contains non-digit character");
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    let digit = text.charCodeAt(text.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const DATA_SIZE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/** Trino's parse_data_size('2.3MB') = 2411724: the size in bytes (powers of 1024), fraction dropped. */
export function parseDataSize(text: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const power = m ? DATA_SIZE_UNITS.indexOf(m[2]!) : -1;
  if (!m || power < 0) throw new Error(`Invalid data size: '${text}'`);
  const [whole, fraction = ""] = m[1]!.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole! + fraction) * 1024n ** BigInt(power);
  return (scaled / scale).toString();
}

/**
 * Trino's format_number: the number with a unit suffix (K, M, B, T, Q) and at most three significant digits
 * before rounding half up (123456 → 123K, 1234567 → 1.23M).
 */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const units: [number, string][] = [
    [1e15, "Q"],
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ];
  const [divisor, suffix] = units.find(([d]) => abs >= d) ?? [1, ""];
  const scaled = value / divisor;
  const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
  return `${roundHalfUp(scaled, digits)}${suffix}`;
}

function roundHalfUp(value: number, digits: number): string {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** 1-based position of the `occurrence`-th match of `pattern` at or after `start`, or -1 (regexp_position). */
export function regexpPosition(text: string, pattern: string, start = 1, occurrence = 1): number {
  if (start < 1) throw new Error("start position cannot be smaller than 1");
  if (occurrence < 1) throw new Error("'occurrence' must be a positive number");
  const codePoints = Array.from(text);
  if (start > codePoints.length) return -1;
  const re = javaRegex(pattern, "gu");
  re.lastIndex = codePoints.slice(0, start - 1).join("").length;
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (++count === occurrence) return Array.from(text.slice(0, m.index)).length + 1;
    if (m[0] === "") re.lastIndex++;
  }
  return -1;
}

/** Number of matches of `pattern` in `text` (regexp_count). */
export function regexpCount(text: string, pattern: string): number {
  const re = javaRegex(pattern, "gu");
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    count++;
    if (m[0] === "") re.lastIndex++;
  }
  return count;
}

function javaRegex(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw new Error(`Invalid regular expression: ${(error as Error).message}`);
  }
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** How a `%s` argument reads in Java: doubles as Double.toString, decimals as written, dates ISO. */
export type ArgText = (value: ScalarArg, position: number) => string;

/**
 * Trino's format(format, args…): java.util.Formatter conversions `%s %S %d %x %X %o %f %e %E %g %b %c %t… %% %n`
 * with flags `-#+ 0,(`, width, precision and explicit `n$` indexes.
 */
export function javaFormat(format: string, args: readonly ScalarArg[], text: ArgText): string {
  let out = "";
  let next = 0;
  const spec = /%(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([tT]?[a-zA-Z%])/g;
  let last = 0;
  for (let m = spec.exec(format); m; m = spec.exec(format)) {
    out += format.slice(last, m.index);
    last = spec.lastIndex;
    const [, index, flags = "", widthText, precisionText, conversion = ""] = m;
    if (conversion === "%") {
      out += pad("%", flags, widthText);
      continue;
    }
    if (conversion === "n") {
      out += "\n";
      continue;
    }
    const position = index ? Number(index.slice(0, -1)) - 1 : next++;
    if (position >= args.length) throw new Error(`Format specifier '${m[0]}' has no argument`);
    const value = args[position];
    const precision = precisionText ? Number(precisionText.slice(1)) : undefined;
    out += pad(
      convert(conversion, value, flags, precision, (v) => text(v, position)),
      flags,
      widthText,
    );
  }
  return out + format.slice(last);
}

function pad(text: string, flags: string, widthText: string | undefined): string {
  const width = widthText ? Number(widthText) : 0;
  if (text.length >= width) return text;
  if (flags.includes("-")) return text.padEnd(width);
  if (flags.includes("0") && /^[-+ (]?[0-9]/.test(text)) {
    const sign = /^[-+ (]/.test(text) ? text[0]! : "";
    return sign + text.slice(sign.length).padStart(width - sign.length, "0");
  }
  return text.padStart(width);
}

function toNumber(value: ScalarArg): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value && typeof value === "object" && "toDouble" in value) return (value as { toDouble(): number }).toDouble();
  throw new Error(`f != ${typeof value}`);
}

function toBigInt(value: ScalarArg): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  throw new Error(`d != ${typeof value === "number" ? "java.lang.Double" : typeof value}`);
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function signed(negative: boolean, body: string, flags: string): string {
  if (negative) return flags.includes("(") ? `(${body})` : `-${body}`;
  if (flags.includes("+")) return `+${body}`;
  if (flags.includes(" ")) return ` ${body}`;
  return body;
}

function convert(
  conversion: string,
  value: ScalarArg,
  flags: string,
  precision: number | undefined,
  text: (value: ScalarArg) => string,
): string {
  const cut = (s: string) => (precision === undefined ? s : s.slice(0, precision));
  if (value === null || value === undefined) {
    if (conversion === "b" || conversion === "B") return conversion === "B" ? "FALSE" : "false";
    return cut("null");
  }
  switch (conversion) {
    case "s":
      return cut(text(value));
    case "S":
      return cut(text(value)).toUpperCase();
    case "b":
    case "B": {
      const b = typeof value === "boolean" ? String(value) : "true";
      return cut(conversion === "B" ? b.toUpperCase() : b);
    }
    case "c":
    case "C": {
      const c = typeof value === "string" ? value : String.fromCodePoint(Number(toBigInt(value)));
      return conversion === "C" ? c.toUpperCase() : c;
    }
    case "d": {
      const n = toBigInt(value);
      const digits = (n < 0n ? -n : n).toString();
      return signed(n < 0n, flags.includes(",") ? group(digits) : digits, flags);
    }
    case "x":
    case "X":
    case "o": {
      let n = toBigInt(value);
      if (n < 0n) n += 1n << 64n; // Java prints a negative long as its two's complement
      const body = n.toString(conversion === "o" ? 8 : 16);
      const prefixed = flags.includes("#") ? (conversion === "o" ? `0${body}` : `0x${body}`) : body;
      return conversion === "X" ? prefixed.toUpperCase() : prefixed;
    }
    case "f": {
      const x = toNumber(value);
      if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
      const fixed = roundFixed(Math.abs(x), precision ?? 6);
      const [whole, fraction] = fixed.split(".");
      const body = (flags.includes(",") ? group(whole!) : whole!) + (fraction === undefined ? "" : `.${fraction}`);
      return signed(x < 0 || Object.is(x, -0), body, flags);
    }
    case "e":
    case "E": {
      const x = toNumber(value);
      const [mantissa, exponent] = Math.abs(x)
        .toExponential(precision ?? 6)
        .split("e") as [string, string];
      const exp = Number(exponent);
      const body = `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
      const result = signed(x < 0, body, flags);
      return conversion === "E" ? result.toUpperCase() : result;
    }
    case "g":
    case "G": {
      const x = toNumber(value);
      const p = precision === 0 ? 1 : (precision ?? 6);
      const abs = Math.abs(x);
      const useFixed = abs >= 1e-4 && abs < 10 ** p;
      const result = useFixed
        ? convert("f", x, flags, Math.max(0, p - 1 - Math.floor(Math.log10(abs || 1))), text)
        : convert("e", x, flags, p - 1, text);
      return conversion === "G" ? result.toUpperCase() : result;
    }
    default:
      if (conversion[0] === "t" || conversion[0] === "T") {
        const result = dateConversion(conversion[1]!, value);
        return conversion[0] === "T" ? result.toUpperCase() : result;
      }
      throw new Error(`Unknown format conversion: '${conversion}'`);
  }
}

/** Rounds half up to `digits` decimals, exactly for the decimal text of the double (as Java's Formatter does). */
function roundFixed(x: number, digits: number): string {
  const exact = x.toFixed(Math.min(100, digits + 3));
  const [whole, fraction = ""] = exact.split(".");
  const kept = BigInt(whole! + fraction.slice(0, digits));
  const roundUp = (fraction[digits] ?? "0") >= "5";
  const total = (kept + (roundUp ? 1n : 0n)).toString().padStart(digits + 1, "0");
  return digits === 0 ? total : `${total.slice(0, -digits)}.${total.slice(-digits)}`;
}

/** The wall-clock fields of a DuckDB DATE (days), TIMESTAMP or TIMESTAMP WITH TIME ZONE (micros) value. */
function wallClock(value: ScalarArg): Date {
  if (value && typeof value === "object") {
    if ("days" in value) return new Date(Number((value as { days: number }).days) * 86_400_000);
    if ("micros" in value) return new Date(Number((value as { micros: bigint }).micros / 1000n));
  }
  throw new Error("Date/time conversion needs a date or timestamp argument");
}

function dateConversion(code: string, value: ScalarArg): string {
  const d = wallClock(value);
  const two = (n: number) => String(n).padStart(2, "0");
  switch (code) {
    case "Y":
      return String(d.getUTCFullYear()).padStart(4, "0");
    case "y":
      return two(d.getUTCFullYear() % 100);
    case "m":
      return two(d.getUTCMonth() + 1);
    case "d":
      return two(d.getUTCDate());
    case "e":
      return String(d.getUTCDate());
    case "B":
      return MONTHS[d.getUTCMonth()]!;
    case "b":
    case "h":
      return MONTHS[d.getUTCMonth()]!.slice(0, 3);
    case "A":
      return DAYS[d.getUTCDay()]!;
    case "a":
      return DAYS[d.getUTCDay()]!.slice(0, 3);
    case "j":
      return String(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, "0");
    case "H":
      return two(d.getUTCHours());
    case "M":
      return two(d.getUTCMinutes());
    case "S":
      return two(d.getUTCSeconds());
    case "L":
      return String(d.getUTCMilliseconds()).padStart(3, "0");
    case "F":
      return `${dateConversion("Y", value)}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    case "D":
      return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)}`;
    case "T":
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
    case "R":
      return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
    default:
      throw new Error(`Unknown format conversion: 't${code}'`);
  }
}

/** Trino's human_readable_seconds(96) = '1 minute, 36 seconds': weeks down to seconds, zero parts left out. */
export function humanReadableSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new Error("Invalid argument found: NaN or Infinity");
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["week", 604_800],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
    ["second", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${unit}${count === 1 ? "" : "s"}`);
  }
  return parts.length ? parts.join(", ") : "0 seconds";
}

/** Java's URLEncoder (what Trino's url_encode uses): space as '+', only [A-Za-z0-9.*_-] left as they are. */
export function urlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Java's URLDecoder (Trino's url_decode): '+' is a space. */
export function urlDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new Error(`Cannot decode '${text}'`);
  }
}

/** JSON text without insignificant whitespace, as Trino stores and prints JSON values. */
export function canonicalJson(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === "\\") out += text[++i] ?? "";
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** Minutes east of UTC as Trino writes an offset in ISO 8601 ('Z' for UTC). */
export function isoOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const SOUNDEX_CODES: Record<string, string> = {
  B: "1",
  F: "1",
  P: "1",
  V: "1",
  C: "2",
  G: "2",
  J: "2",
  K: "2",
  Q: "2",
  S: "2",
  X: "2",
  Z: "2",
  D: "3",
  T: "3",
  L: "4",
  M: "5",
  N: "5",
  R: "6",
};

/** American Soundex (Trino's soundex): first letter, then up to three digits; H and W do not separate codes. */
export function soundex(text: string): string {
  const letters = text.toUpperCase().replace(/[^A-Z]/g, "");
  if (letters === "") return "";
  let out = letters[0]!;
  let previous = SOUNDEX_CODES[letters[0]!] ?? "";
  for (const ch of letters.slice(1)) {
    const code = SOUNDEX_CODES[ch] ?? "";
    if (code && code !== previous) out += code;
    if (ch !== "H" && ch !== "W") previous = code;
    if (out.length === 4) break;
  }
  return out.padEnd(4, "0");
}
