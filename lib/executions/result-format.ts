// How one Athena value is shown: numbers grouped by thousands, timestamps without noise, NULL apart from ''.

import type { ColumnKind } from "./result-columns";

export interface FormattedCell {
  /** The value exactly as Athena returned it; null is SQL NULL (a datum without VarCharValue). */
  raw: string | null;
  /** What the table shows. */
  text: string;
  tone: "null" | "empty" | "value";
  /** Long or multi-line values are collapsed behind a toggle. */
  long: boolean;
}

/** Values longer than this (or multi-line) are collapsed in the table. */
export const LONG_TEXT_CHARS = 80;

const PLAIN_NUMBER = /^([+-]?)(\d+)(\.\d+)?$/;

/** Inserts thousands separators into a plain decimal string without going through a float (bigint-safe). */
export function groupDigits(value: string): string | null {
  const m = PLAIN_NUMBER.exec(value.trim());
  if (!m) return null;
  const [, sign = "", whole = "", fraction = ""] = m;
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + fraction;
}

function formatFloat(raw: string): string {
  const grouped = groupDigits(raw);
  if (grouped !== null) return grouped;
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw; // NaN, Infinity, -Infinity as Athena spells them
  const shortest = String(n);
  // Very large or very small values stay in scientific notation, which is the readable form for them.
  return /e/i.test(shortest) ? shortest.replace("e", "E") : (groupDigits(shortest) ?? raw);
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z][\w/+-]*)?$/;

/** `2026-11-27 23:59:59.000 UTC` → `2026-11-27 23:59:59 UTC`; keeps non-zero fractions and any zone. */
export function formatTimestamp(raw: string): string {
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return raw;
  const [, date, time, fraction = "", zone = ""] = m;
  const frac = /^\.0*$/.test(fraction) ? "" : fraction.replace(/0+$/, "");
  const z = zone === "Z" || /^[+-]00(:?00)?$/.test(zone) ? "UTC" : zone;
  return `${date} ${time}${frac}${z ? ` ${z}` : ""}`;
}

function formatTime(raw: string): string {
  return raw.replace(/\.0+(?=\s|$)/, "");
}

/** Formats one value of a column of the given kind. */
export function formatCell(kind: ColumnKind, raw: string | null | undefined): FormattedCell {
  if (raw === null || raw === undefined) return { raw: null, text: "NULL", tone: "null", long: false };
  if (raw === "") return { raw, text: "", tone: "empty", long: false };
  let text = raw;
  switch (kind) {
    case "integer":
    case "decimal":
      text = groupDigits(raw) ?? raw;
      break;
    case "float":
      text = formatFloat(raw);
      break;
    case "timestamp":
      text = formatTimestamp(raw);
      break;
    case "time":
      text = formatTime(raw);
      break;
    default:
      break;
  }
  const long = text.length > LONG_TEXT_CHARS || text.includes("\n");
  return { raw, text, tone: "value", long };
}
