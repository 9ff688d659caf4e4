// DynamoDB's AttributeValue: validation in AWS's words, equality and ordering as the expression language defines them.
import { AwsError } from "../core/aws-error";

/** One AttributeValue as on the wire: exactly one of S, N, B, SS, NS, BS, M, L, NULL, BOOL. */
export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export type AttributeType = "S" | "N" | "B" | "SS" | "NS" | "BS" | "M" | "L" | "NULL" | "BOOL";

/** The single type key of a value (validated values only). */
export function typeOf(value: AttributeValue): AttributeType {
  return Object.keys(value)[0] as AttributeType;
}

function invalid(message: string): AwsError {
  return new AwsError("ValidationException", message);
}

const SET_NAMES = { SS: "string", NS: "number", BS: "binary" } as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Throws AWS's ValidationException when `value` is not a well-formed AttributeValue. */
export function checkAttributeValue(value: unknown, where = "AttributeValue"): AttributeValue {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw invalid(`Supplied AttributeValue is empty, must contain exactly one of the supported datatypes`);
  }
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0)
    throw invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  if (keys.length > 1)
    throw invalid(
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
    );
  const type = keys[0]!;
  const v = (value as Record<string, unknown>)[type];
  switch (type) {
    case "S":
    case "B":
      if (typeof v !== "string")
        throw new AwsError("SerializationException", `Unexpected value type for ${where}.${type}`);
      break;
    case "N":
      if (typeof v !== "string" || !NUMBER.test(v.trim()))
        throw invalid("A value provided cannot be converted into a number");
      break;
    case "SS":
    case "NS":
    case "BS": {
      if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
        throw new AwsError("SerializationException", `Unexpected value type for ${where}.${type}`);
      if (v.length === 0)
        // AWS's own wording, double space included.
        throw invalid(`One or more parameter values were invalid: An ${SET_NAMES[type]} set  may not be empty`);
      if (type === "NS" && v.some((x) => !NUMBER.test(String(x).trim())))
        throw invalid("A value provided cannot be converted into a number");
      const seen = new Set(type === "NS" ? v.map((x) => Number(x)) : v);
      if (seen.size !== v.length)
        throw invalid(
          `One or more parameter values were invalid: Input collection [${v.join(", ")}] contains duplicates.`,
        );
      break;
    }
    case "M":
      if (v === null || typeof v !== "object" || Array.isArray(v))
        throw new AwsError("SerializationException", `Unexpected value type for ${where}.M`);
      for (const [k, x] of Object.entries(v)) checkAttributeValue(x, `${where}.M.${k}`);
      break;
    case "L":
      if (!Array.isArray(v)) throw new AwsError("SerializationException", `Unexpected value type for ${where}.L`);
      v.forEach((x, i) => checkAttributeValue(x, `${where}.L.${i}`));
      break;
    case "NULL":
      if (v !== true)
        throw invalid(
          "One or more parameter values were invalid: Null attribute value types must have the value of true",
        );
      break;
    case "BOOL":
      if (typeof v !== "boolean")
        throw new AwsError("SerializationException", `Unexpected value type for ${where}.BOOL`);
      break;
    default:
      throw new AwsError("SerializationException", `Unknown AttributeValue type ${type}`);
  }
  return { [type]: v };
}

/** Checks every attribute of an item (PutItem Item, Key). */
export function checkItem(item: unknown, field: string): Item {
  if (item === null || typeof item !== "object" || Array.isArray(item))
    throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected a map`);
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) {
    out[name] = checkAttributeValue(value);
  }
  return out;
}

/** Canonical number text for comparisons (DynamoDB compares N by value, not by spelling). */
function num(text: string): number {
  return Number(text);
}

/** Deep equality as the `=` comparator sees it (sets compare as sets, numbers by value). */
export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return false;
  const va = a[ta];
  const vb = b[ta];
  switch (ta) {
    case "N":
      return num(va as string) === num(vb as string);
    case "SS":
    case "BS":
    case "NS": {
      const norm = (xs: string[]) => new Set(ta === "NS" ? xs.map((x) => String(num(x))) : xs);
      const sa = norm(va as string[]);
      const sb = norm(vb as string[]);
      return sa.size === sb.size && [...sa].every((x) => sb.has(x));
    }
    case "M": {
      const ma = va as Item;
      const mb = vb as Item;
      const ka = Object.keys(ma);
      return (
        ka.length === Object.keys(mb).length && ka.every((k) => mb[k] !== undefined && equalValues(ma[k]!, mb[k]!))
      );
    }
    case "L": {
      const la = va as AttributeValue[];
      const lb = vb as AttributeValue[];
      return la.length === lb.length && la.every((x, i) => equalValues(x, lb[i]!));
    }
    default:
      return va === vb;
  }
}

/** Ordering for < <= > >= BETWEEN: only between two N, two S or two B; undefined when not comparable. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  const ta = typeOf(a);
  if (ta !== typeOf(b)) return undefined;
  if (ta === "N") return Math.sign(num(a.N as string) - num(b.N as string));
  if (ta === "S") return compareUtf8(a.S as string, b.S as string);
  if (ta === "B") return Buffer.compare(Buffer.from(a.B as string, "base64"), Buffer.from(b.B as string, "base64"));
  return undefined;
}

/** DynamoDB orders strings by their UTF-8 bytes. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Sum/difference of two numbers, keeping DynamoDB's decimal text (38 digits of precision are not emulated). */
export function addNumbers(a: string, b: string, sign: 1 | -1): string {
  const result = num(a) + sign * num(b);
  return String(result);
}

/** Deep copy (items are plain JSON). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
