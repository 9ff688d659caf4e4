// How Athena (Trino) names DuckDB's result types and prints their values as GetQueryResults strings.
import {
  DuckDBDecimalType,
  DuckDBListType,
  DuckDBArrayType,
  DuckDBMapType,
  DuckDBStructType,
  DuckDBTypeId,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { canonicalJson } from "./trino/scalars";

/** One column of a result as ResultSetMetadata.ColumnInfo describes it. */
export interface AthenaColumn {
  name: string;
  type: string;
  precision: number;
  scale: number;
  caseSensitive: boolean;
}

/** The Athena/Trino type name and precision/scale for a DuckDB result type. */
export function athenaType(type: DuckDBType): { type: string; precision: number; scale: number } {
  if (type.alias?.toUpperCase() === "JSON") return { type: "json", precision: 0, scale: 0 };
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { type: "boolean", precision: 0, scale: 0 };
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.UTINYINT:
      return { type: "tinyint", precision: 3, scale: 0 };
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.USMALLINT:
      return { type: "smallint", precision: 5, scale: 0 };
    case DuckDBTypeId.INTEGER:
      return { type: "integer", precision: 10, scale: 0 };
    // Trino has no unsigned or 128-bit integers: counts, sums and lengths come back as bigint.
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return { type: "bigint", precision: 19, scale: 0 };
    case DuckDBTypeId.FLOAT:
      return { type: "real", precision: 7, scale: 0 };
    case DuckDBTypeId.DOUBLE:
      return { type: "double", precision: 17, scale: 0 };
    case DuckDBTypeId.DECIMAL: {
      const d = type as DuckDBDecimalType;
      return { type: "decimal", precision: d.width, scale: d.scale };
    }
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return { type: "varchar", precision: 2147483647, scale: 0 };
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.BIT:
      return { type: "varbinary", precision: 2147483647, scale: 0 };
    case DuckDBTypeId.DATE:
      return { type: "date", precision: 0, scale: 0 };
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_NS:
      return { type: "time", precision: 3, scale: 0 };
    case DuckDBTypeId.TIME_TZ:
      return { type: "time with time zone", precision: 3, scale: 0 };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { type: "timestamp", precision: 3, scale: 0 };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { type: "timestamp with time zone", precision: 3, scale: 0 };
    case DuckDBTypeId.INTERVAL:
      return { type: "interval day to second", precision: 0, scale: 0 };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return { type: "array", precision: 0, scale: 0 };
    case DuckDBTypeId.MAP:
      return { type: "map", precision: 0, scale: 0 };
    case DuckDBTypeId.STRUCT:
      return { type: "row", precision: 0, scale: 0 };
    case DuckDBTypeId.UUID:
      return { type: "uuid", precision: 0, scale: 0 };
    case DuckDBTypeId.SQLNULL:
      return { type: "unknown", precision: 0, scale: 0 };
    default:
      return { type: "varchar", precision: 2147483647, scale: 0 };
  }
}

/** A function that prints one non-null value of `type` the way Athena's GetQueryResults shows it. */
export type ValueFormatter = (value: DuckDBValue) => string;

/**
 * Builds the printer for a column type once, so formatting 100,000 rows does no type dispatch per value.
 * `zone` is the zone `timestamp with time zone` values are shown in (Trino keeps it per value; the emulator
 * keeps one per query: see rewrite.ts).
 */
export function formatterFor(type: DuckDBType, zone = "UTC"): ValueFormatter {
  if (type.alias?.toUpperCase() === "JSON") return (v) => canonicalJson(String(v));
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
      return (v) => v as string;
    case DuckDBTypeId.BOOLEAN:
      return (v) => (v ? "true" : "false");
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return (v) => formatDouble(v as number);
    case DuckDBTypeId.TIMESTAMP:
      return (v) => formatTimestamp((v as { micros: bigint }).micros, false);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => formatZonedTimestamp((v as { micros: bigint }).micros, zone);
    case DuckDBTypeId.TIMESTAMP_S:
      return (v) => formatTimestamp((v as { seconds: bigint }).seconds * 1_000_000n, false);
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v) => formatTimestamp((v as { millis: bigint }).millis * 1_000n, false);
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => formatTimestamp((v as { nanos: bigint }).nanos / 1_000n, false);
    case DuckDBTypeId.TIME:
      return (v) => formatTime((v as { micros: bigint }).micros);
    case DuckDBTypeId.INTERVAL:
      return (v) => formatInterval(v as { months: number; days: number; micros: bigint });
    case DuckDBTypeId.BLOB:
      return (v) => Array.from((v as { bytes: Uint8Array }).bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const item = nested((type as DuckDBListType | DuckDBArrayType).valueType, zone);
      return (v) => `[${(v as { items: readonly DuckDBValue[] }).items.map(item).join(", ")}]`;
    }
    case DuckDBTypeId.MAP: {
      const t = type as DuckDBMapType;
      const key = nested(t.keyType, zone);
      const value = nested(t.valueType, zone);
      return (v) =>
        `{${(v as { entries: { key: DuckDBValue; value: DuckDBValue }[] }).entries.map((e) => `${key(e.key)}=${value(e.value)}`).join(", ")}}`;
    }
    case DuckDBTypeId.STRUCT: {
      const t = type as DuckDBStructType;
      const fields = t.entryNames.map((name, i) => ({ name, format: nested(t.entryTypes[i]!, zone) }));
      return (v) => {
        const entries = (v as { entries: Readonly<Record<string, DuckDBValue>> }).entries;
        return `{${fields.map((f) => `${f.name}=${f.format(entries[f.name] ?? null)}`).join(", ")}}`;
      };
    }
    default:
      return (v) => String(v);
  }
}

// Inside arrays, maps and rows a NULL prints as `null`.
function nested(type: DuckDBType, zone: string): ValueFormatter {
  const format = formatterFor(type, zone);
  return (v) => (v === null || v === undefined ? "null" : format(v));
}

/** Java's Double.toString, which Trino uses: 1.0, 0.5, 1.0E7, 1.0E-4, NaN, Infinity. */
export function formatDouble(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const m = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.replace("+", "")}`;
}

/** Trino's timestamp(3) text: 'YYYY-MM-DD HH:MM:SS.mmm' (with ' UTC' for timestamp with time zone). */
export function formatTimestamp(micros: bigint, withZone: boolean): string {
  const ms = Number(micros / 1000n) - (micros < 0n && micros % 1000n !== 0n ? 1 : 0);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(micros);
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${withZone ? " UTC" : ""}`;
}

/** Minutes east of UTC of `zone` (an IANA name or ±HH:MM) at the instant `ms`. */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  if (zone === "UTC") return 0;
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/** Trino's `timestamp(3) with time zone` text: the wall-clock time in `zone`, then the zone ('… UTC', '… +02:00'). */
export function formatZonedTimestamp(micros: bigint, zone: string): string {
  const ms = Number(micros / 1000n) - (micros < 0n && micros % 1000n !== 0n ? 1 : 0);
  let offset = 0;
  try {
    offset = zoneOffsetMinutes(zone, ms);
  } catch {
    return `${formatTimestamp(micros, false)} UTC`;
  }
  return `${formatTimestamp(micros + BigInt(offset) * 60_000_000n, false)} ${zone}`;
}

/**
 * Trino's interval text: `interval year to month` as 'Y-M' ('1-2'), `interval day to second` as
 * 'D HH:MM:SS.mmm' ('2 00:00:00.000'); DuckDB keeps both in one value.
 */
export function formatInterval(v: { months: number; days: number; micros: bigint }): string {
  if (v.months !== 0 && v.days === 0 && v.micros === 0n) {
    const abs = Math.abs(v.months);
    return `${v.months < 0 ? "-" : ""}${Math.floor(abs / 12)}-${abs % 12}`;
  }
  const total = BigInt(v.days) * 86_400_000_000n + v.micros;
  const negative = total < 0n;
  const ms = (negative ? -total : total) / 1000n;
  const days = ms / 86_400_000n;
  const rest = Number(ms % 86_400_000n);
  return `${negative ? "-" : ""}${days} ${formatTime(BigInt(rest) * 1000n)}`;
}

function formatTime(micros: bigint): string {
  const totalMs = Number(micros / 1000n);
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const s = Math.floor((totalMs % 60_000) / 1000);
  const ms = totalMs % 1000;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
