// Trino's date_format / date_parse use MySQL format specifiers; DuckDB's strftime uses C ones.

const TO_STRFTIME: Record<string, string> = {
  a: "%a",
  b: "%b",
  c: "%-m",
  d: "%d",
  e: "%-d",
  f: "%f",
  H: "%H",
  h: "%I",
  I: "%I",
  i: "%M",
  j: "%j",
  k: "%-H",
  l: "%-I",
  M: "%B",
  m: "%m",
  p: "%p",
  r: "%I:%M:%S %p",
  S: "%S",
  s: "%S",
  T: "%H:%M:%S",
  // ISO 8601 week (Monday first) and its year.
  v: "%V",
  x: "%G",
  u: "%V",
  W: "%A",
  Y: "%Y",
  y: "%y",
  "%": "%%",
};

/** Converts a MySQL/Trino format ('%Y-%m-%d %H:%i:%s') into a DuckDB strftime format; throws on unsupported specifiers. */
export function mysqlToStrftime(format: string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== "%") {
      out += ch;
      continue;
    }
    const spec = format[i + 1];
    i++;
    if (spec === undefined) {
      out += "%%";
      break;
    }
    const mapped = TO_STRFTIME[spec];
    if (mapped === undefined) throw new Error(`Unsupported date format specifier: %${spec}`);
    out += mapped;
  }
  return out;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  pm: boolean | undefined;
  hour12: boolean;
}

/**
 * Parses `text` with a MySQL/Trino format into microseconds since the epoch (UTC), like Trino's date_parse.
 * Throws Error("Invalid format: ...") when the text does not match the whole format.
 */
export function parseMysqlDate(text: string, format: string): bigint {
  const f: Fields = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    micros: 0,
    pm: undefined,
    hour12: false,
  };
  let pos = 0;
  const fail = (): never => {
    throw new Error(
      `Invalid format: "${text}"${pos < text.length ? ` is malformed at "${text.slice(pos)}"` : " is too short"}`,
    );
  };
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(text.slice(pos));
    if (!m) fail();
    pos += m![0].length;
    return Number(m![0]);
  };
  const word = (names: string[], len?: number): number => {
    const rest = text.slice(pos).toLowerCase();
    for (let k = 0; k < names.length; k++) {
      const name = len ? names[k]!.slice(0, len) : names[k]!;
      if (rest.startsWith(name)) {
        pos += name.length;
        return k;
      }
    }
    return fail();
  };
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== "%") {
      if (text[pos] !== ch) fail();
      pos++;
      continue;
    }
    const spec = format[++i];
    switch (spec) {
      case "Y":
        f.year = num(4, 4);
        break;
      case "y": {
        const y = num(2, 2);
        f.year = y < 70 ? 2000 + y : 1900 + y;
        break;
      }
      case "m":
      case "c":
        f.month = num(1, 2);
        break;
      case "d":
      case "e":
        f.day = num(1, 2);
        break;
      case "H":
      case "k":
        f.hour = num(1, 2);
        break;
      case "h":
      case "I":
      case "l":
        f.hour = num(1, 2);
        f.hour12 = true;
        break;
      case "i":
        f.minute = num(2, 2);
        break;
      case "s":
      case "S":
        f.second = num(2, 2);
        break;
      case "f": {
        const m = /^[0-9]{1,9}/.exec(text.slice(pos));
        if (!m) fail();
        pos += m![0].length;
        f.micros = Math.floor(Number(m![0].padEnd(9, "0")) / 1000);
        break;
      }
      case "p":
        f.pm = word(["am", "pm"]) === 1;
        break;
      case "b":
        f.month = word(MONTHS, 3) + 1;
        break;
      case "M":
        f.month = word(MONTHS) + 1;
        break;
      case "T":
        f.hour = num(2, 2);
        expect(":");
        f.minute = num(2, 2);
        expect(":");
        f.second = num(2, 2);
        break;
      case "r":
        f.hour = num(2, 2);
        expect(":");
        f.minute = num(2, 2);
        expect(":");
        f.second = num(2, 2);
        f.hour12 = true;
        expect(" ");
        f.pm = word(["am", "pm"]) === 1;
        break;
      case "%":
        if (text[pos] !== "%") fail();
        pos++;
        break;
      default:
        throw new Error(`Unsupported date format specifier: %${spec ?? ""}`);
    }
  }
  function expect(ch: string) {
    if (text[pos] !== ch) fail();
    pos++;
  }
  if (pos !== text.length) fail();
  let hour = f.hour;
  if (f.hour12) {
    if (hour < 1 || hour > 12) fail();
    hour = (hour % 12) + (f.pm ? 12 : 0);
  } else if (f.pm !== undefined && f.pm && hour < 12) hour += 12;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || hour > 23 || f.minute > 59 || f.second > 59) {
    throw new Error(`Invalid format: "${text}" has a field value out of range`);
  }
  const ms = Date.UTC(f.year, f.month - 1, f.day, hour, f.minute, f.second);
  const check = new Date(ms);
  if (check.getUTCDate() !== f.day) throw new Error(`Invalid format: "${text}" has a day out of range for its month`);
  return BigInt(ms) * 1000n + BigInt(f.micros);
}

// Joda-Time pattern letters (Trino's format_datetime / parse_datetime) → strftime, longest run first.
const JODA: [RegExp, string][] = [
  [/^yyyy/, "%Y"],
  [/^yy/, "%y"],
  [/^y/, "%Y"],
  // ISO 8601 week-based year and week of that year.
  [/^xxxx/, "%G"],
  [/^x/, "%G"],
  [/^ww/, "%V"],
  [/^MMMM/, "%B"],
  [/^MMM/, "%b"],
  [/^MM/, "%m"],
  [/^M/, "%-m"],
  [/^dd/, "%d"],
  [/^d/, "%-d"],
  [/^HH/, "%H"],
  [/^H/, "%-H"],
  [/^hh/, "%I"],
  [/^h/, "%-I"],
  [/^mm/, "%M"],
  [/^m/, "%-M"],
  [/^ss/, "%S"],
  [/^s/, "%-S"],
  [/^SSSSSS/, "%f"],
  [/^SSS/, "%g"],
  [/^S+/, "%g"],
  [/^a/, "%p"],
  [/^EEEE/, "%A"],
  [/^E+/, "%a"],
  [/^DDD/, "%j"],
  [/^ZZ?Z?/, "%z"],
  [/^z+/, "%Z"],
];

/** Converts a Joda-Time pattern ('yyyy-MM-dd HH:mm:ss') into a strftime format; throws on unsupported letters. */
export function jodaToStrftime(pattern: string): string {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    if (rest.startsWith("''")) {
      out += "'";
      i += 2;
      continue;
    }
    if (rest[0] === "'") {
      const end = pattern.indexOf("'", i + 1);
      const literal = pattern.slice(i + 1, end < 0 ? pattern.length : end);
      out += literal.replace(/%/g, "%%");
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    const rule = JODA.find(([re]) => re.test(rest));
    if (rule) {
      const len = rule[0].exec(rest)![0].length;
      out += rule[1];
      i += len;
      continue;
    }
    if (/[A-Za-z]/.test(rest[0]!)) throw new Error(`Unsupported date pattern letter: ${rest[0]}`);
    out += rest[0] === "%" ? "%%" : rest[0];
    i++;
  }
  return out;
}
