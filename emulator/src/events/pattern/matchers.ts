import type { AddressSet } from "./ip";
import {
  endsWithIgnoreCase,
  equalsIgnoreCase,
  matchesWildcard,
  startsWithIgnoreCase,
  type WildcardPattern,
} from "./text";
import type { Leaf, ValueMatcher } from "./types";

/**
 * The value tests behind each operator. Typing follows event-ruler: string operators (prefix, suffix,
 * equals-ignore-case, wildcard, cidr) only match strings, numeric ones only JSON numbers; an exact number
 * matches any equal number (300 = 300.0 = 3e2) but never the string "300"; `anything-but` excludes only
 * values of its own kind, so `{"anything-but": "x"}` matches 5, null and true.
 */

const isString = (v: Leaf): v is string => typeof v === "string";
const isNumber = (v: Leaf): v is number => typeof v === "number";

export function exactString(expected: string, address?: AddressSet): ValueMatcher {
  return {
    kind: "exact",
    test: (v) => isString(v) && (v === expected || (address !== undefined && address.contains(v))),
  };
}

export function exactNumber(expected: number): ValueMatcher {
  return { kind: "exact", test: (v) => isNumber(v) && v === expected };
}

export function exactLiteral(expected: boolean | null): ValueMatcher {
  return { kind: "exact", test: (v) => v === expected };
}

export function prefix(expected: string): ValueMatcher {
  return { kind: "prefix", test: (v) => isString(v) && v.startsWith(expected) };
}

export function prefixIgnoreCase(expected: string): ValueMatcher {
  return { kind: "prefix-equals-ignore-case", test: (v) => isString(v) && startsWithIgnoreCase(v, expected) };
}

export function suffix(expected: string): ValueMatcher {
  return { kind: "suffix", test: (v) => isString(v) && v.endsWith(expected) };
}

export function suffixIgnoreCase(expected: string): ValueMatcher {
  return { kind: "suffix-equals-ignore-case", test: (v) => isString(v) && endsWithIgnoreCase(v, expected) };
}

export function ignoreCase(expected: string): ValueMatcher {
  return { kind: "equals-ignore-case", test: (v) => isString(v) && equalsIgnoreCase(v, expected) };
}

export function wildcard(pattern: WildcardPattern): ValueMatcher {
  return { kind: "wildcard", wildcards: [pattern], test: (v) => isString(v) && matchesWildcard(v, pattern) };
}

export function cidr(block: AddressSet): ValueMatcher {
  return { kind: "cidr", test: (v) => isString(v) && block.contains(v) };
}

/** Bounds of a `numeric` expression; `=` is a range whose bounds are equal and closed. */
export interface NumericBounds {
  readonly lower?: { readonly value: number; readonly open: boolean };
  readonly upper?: { readonly value: number; readonly open: boolean };
}

export function numeric(bounds: NumericBounds): ValueMatcher {
  const { lower, upper } = bounds;
  return {
    kind: "numeric",
    test: (v) => {
      if (!isNumber(v)) return false;
      if (lower && (lower.open ? !(v > lower.value) : !(v >= lower.value))) return false;
      if (upper && (upper.open ? !(v < upper.value) : !(v <= upper.value))) return false;
      return true;
    },
  };
}

export function exists(): ValueMatcher {
  return { kind: "exists", test: () => true };
}

export function anythingButStrings(excluded: readonly string[]): ValueMatcher {
  const set = new Set(excluded);
  return { kind: "anything-but", test: (v) => !(isString(v) && set.has(v)) };
}

export function anythingButNumbers(excluded: readonly number[]): ValueMatcher {
  return { kind: "anything-but", test: (v) => !(isNumber(v) && excluded.some((n) => n === v)) };
}

export function anythingButPrefix(excluded: readonly string[]): ValueMatcher {
  return { kind: "anything-but-prefix", test: (v) => !(isString(v) && excluded.some((p) => v.startsWith(p))) };
}

export function anythingButSuffix(excluded: readonly string[]): ValueMatcher {
  return { kind: "anything-but-suffix", test: (v) => !(isString(v) && excluded.some((s) => v.endsWith(s))) };
}

export function anythingButIgnoreCase(excluded: readonly string[]): ValueMatcher {
  return {
    kind: "anything-but-equals-ignore-case",
    test: (v) => !(isString(v) && excluded.some((s) => equalsIgnoreCase(v, s))),
  };
}

export function anythingButWildcard(excluded: readonly WildcardPattern[]): ValueMatcher {
  return {
    kind: "anything-but-wildcard",
    wildcards: excluded,
    test: (v) => !(isString(v) && excluded.some((w) => matchesWildcard(v, w))),
  };
}
