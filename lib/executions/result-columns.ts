// Athena reports every value as a string; ColumnInfo.Type (a Trino type name) says how to read it.

import type { ColumnInfo } from "@aws-sdk/client-athena";

export type ColumnKind =
  | "integer"
  | "decimal"
  | "float"
  | "boolean"
  | "date"
  | "timestamp"
  | "time"
  | "interval"
  | "text"
  | "binary"
  | "structured"
  | "json"
  | "other";

export interface ResultColumn {
  name: string;
  /** The Athena type as reported, e.g. `decimal(10,2)` or `array(varchar)`. */
  type: string;
  kind: ColumnKind;
  align: "left" | "right";
}

const INTEGER = new Set(["tinyint", "smallint", "integer", "int", "bigint"]);
const FLOAT = new Set(["double", "float", "real"]);
const TEXT = new Set(["varchar", "char", "string", "uuid", "ipaddress", "ipprefix", "unknown"]);

/** Classifies a Trino/Athena type name (parameters and case ignored) into how its values are shown. */
export function columnKind(type: string): ColumnKind {
  const base = type.trim().toLowerCase().replace(/\(.*$/s, "").trim();
  if (INTEGER.has(base)) return "integer";
  if (base === "decimal" || base === "numeric") return "decimal";
  if (FLOAT.has(base)) return "float";
  if (base === "boolean") return "boolean";
  if (base === "date") return "date";
  if (base.startsWith("timestamp")) return "timestamp";
  if (base.startsWith("time")) return "time";
  if (base.startsWith("interval")) return "interval";
  if (TEXT.has(base)) return "text";
  if (base === "varbinary" || base === "binary") return "binary";
  if (base === "array" || base === "map" || base === "row" || base === "struct") return "structured";
  if (base === "json") return "json";
  return "other";
}

/** A column of a result table: its label (Athena's Label, else Name), type and alignment. */
export function toResultColumn(info: ColumnInfo, index: number): ResultColumn {
  const type = info.Type ?? "unknown";
  const kind = columnKind(type);
  const numeric = kind === "integer" || kind === "decimal" || kind === "float";
  return {
    name: info.Label || info.Name || `_col${index}`,
    type:
      kind === "decimal" && info.Precision !== undefined && !type.includes("(")
        ? `decimal(${info.Precision},${info.Scale ?? 0})`
        : type,
    kind,
    align: numeric ? "right" : "left",
  };
}
