// Patterns are read by people: lists of plain values stay on one line ("source": ["aws.ecs"]).

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function format(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    return `[\n${value.map((v) => inner + format(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// PostgreSQL's jsonb reorders keys (shorter first); readers expect the envelope fields on top.
const ENVELOPE_FIRST = ["source", "detail-type", "account", "region", "resources"];

function envelopeFirst(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const keys = [
    ...ENVELOPE_FIRST.filter((k) => k in obj),
    ...Object.keys(obj).filter((k) => !ENVELOPE_FIRST.includes(k)),
  ];
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

/** Pretty JSON (2 spaces) with arrays of primitives kept on one line and source / detail-type first. */
export function formatPatternJson(value: unknown): string {
  return format(envelopeFirst(value), "");
}
