// The one place the EventBridge service touches E4's pattern and schedule modules.
import {
  compileEventPattern,
  matchesCompiledPattern,
  validatePattern,
  type CompiledPattern as Compiled,
} from "./pattern/index";
import { parseSchedule, type Schedule } from "./schedule/index";

export type { Schedule };

/** A pattern that passed validation, ready for repeated matching. */
export interface CompiledPattern {
  text: string;
  compiled: Compiled;
}

/** Validates an event pattern's text; `message` is InvalidEventPatternException's full message. */
export function compilePattern(text: string): { ok: true; compiled: CompiledPattern } | { ok: false; message: string } {
  const valid = validatePattern(text);
  if (!valid.ok) return { ok: false, message: valid.message };
  const compiled = compileEventPattern(valid.pattern);
  if (!compiled.ok) return { ok: false, message: `Event pattern is not valid. Reason: ${compiled.reason}` };
  return { ok: true, compiled: { text, compiled: compiled.compiled } };
}

/** Whether an event (the envelope object) matches a compiled pattern. Never throws. */
export function eventMatches(pattern: CompiledPattern, event: Record<string, unknown>): boolean {
  return matchesCompiledPattern(pattern.compiled, event);
}

/** Parses cron(...) / rate(...); `message` is AWS's ValidationException message when invalid. */
export function compileSchedule(expression: string): { ok: true; schedule: Schedule } | { ok: false; message: string } {
  const parsed = parseSchedule(expression);
  return parsed.ok ? { ok: true, schedule: parsed.schedule } : { ok: false, message: parsed.message };
}
