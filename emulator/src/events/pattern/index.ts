import { compilePattern } from "./compile";
import { flattenEvent } from "./flatten";
import { matchesSubRule } from "./match";
import type { CompiledPattern } from "./types";

/**
 * EventBridge event patterns: validation (what PutRule and TestEventPattern refuse) and matching (the full
 * content-filtering language). Pure: no I/O, never throws. Semantics follow the EventBridge user guide and,
 * where the guide is silent, AWS event-ruler (the library EventBridge matches with). See README.md.
 */

export type { CompiledPattern } from "./types";
export { MAX_OR_COMBINATIONS } from "./compile";

/** EventBridge's default quota for the size of an event pattern, in characters. */
export const MAX_PATTERN_LENGTH = 2048;

const INVALID = "Event pattern is not valid. Reason: ";

export type PatternValidation = { ok: true; pattern: Record<string, unknown> } | { ok: false; message: string };

/**
 * Promises: `ok` with the parsed pattern exactly when EventBridge would accept `text` as an EventPattern;
 * otherwise a message shaped like InvalidEventPatternException's ("Event pattern is not valid. Reason: …").
 */
export function validatePattern(text: unknown, options: { maxLength?: number } = {}): PatternValidation {
  if (typeof text !== "string") return { ok: false, message: `${INVALID}Filter is not an object` };
  const maxLength = options.maxLength ?? MAX_PATTERN_LENGTH;
  const length = Array.from(text).length;
  if (length > maxLength) {
    return {
      ok: false,
      message: `${INVALID}Event pattern is ${length} characters long, above the limit of ${maxLength} characters`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${INVALID}${error instanceof Error ? error.message : "not valid JSON"}` };
  }
  const compiled = compilePattern(parsed);
  if (!compiled.ok) return { ok: false, message: `${INVALID}${compiled.reason}` };
  return { ok: true, pattern: parsed as Record<string, unknown> };
}

/** Promises: a compiled pattern for repeated matching, or the refusal reason (without the AWS prefix). */
export function compileEventPattern(
  pattern: unknown,
): { ok: true; compiled: CompiledPattern } | { ok: false; reason: string } {
  return compilePattern(pattern);
}

/** Promises: true exactly when the compiled pattern matches the event; false for anything not a JSON object. */
export function matchesCompiledPattern(compiled: CompiledPattern, event: unknown): boolean {
  try {
    if (typeof event !== "object" || event === null || Array.isArray(event)) return false;
    const fields = flattenEvent(event as Record<string, unknown>, compiled.walkPaths);
    return compiled.subRules.some((rule) => matchesSubRule(rule, fields));
  } catch {
    return false;
  }
}

/**
 * Promises: true exactly when `pattern` (a parsed, valid pattern) matches `event` (a parsed event) under
 * EventBridge's rules; false for an invalid pattern or a non-object event. Never throws.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  const compiled = compilePattern(pattern);
  return compiled.ok && matchesCompiledPattern(compiled.compiled, event);
}
