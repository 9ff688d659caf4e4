// What a rule target receives: the whole event, a constant Input, the value at InputPath, or an
// InputTransformer template filled from the event — following the EventBridge user guide:
//  - `<name>` placeholders take InputPathsMap values (JSON paths into the event) or the predefined
//    `aws.events.rule-arn`, `aws.events.rule-name`, `aws.events.event.ingestion-time`, `aws.events.event`
//    (the event without `detail`) and `aws.events.event.json` (the whole event);
//  - in a JSON template (starts with `{` or `[`), a placeholder outside quotes becomes the JSON value
//    (a string gets its quotes, an object stays an object);
//  - inside quotes (and in a plain-text template) a string is inserted RAW, not escaped — as AWS documents
//    ("EventBridge doesn't escape values extracted by Input Path"): a value holding `"` yields invalid JSON,
//    which the target then rejects; numbers/booleans/null appear as their JSON text; an object or array
//    appears as JSON with its internal quotes removed ("Detail is {key1: value1}");
//  - a path that matches nothing: inside quotes it vanishes (empty text); outside quotes in a JSON
//    template it becomes `null` (AWS leaves the output undefined there; null keeps it valid JSON);
//  - a JSON result is minified, as AWS passes it on.
import { evaluateJsonPath, parseJsonPath } from "./json-path";

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface TargetInputSettings {
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
}

/** Facts about the delivery that the predefined placeholders expose. */
export interface DeliveryContext {
  ruleArn: string;
  ruleName: string;
  /** ISO 8601 time the event was received. */
  ingestionTime: string;
}

export const PREDEFINED_PLACEHOLDERS = [
  "aws.events.rule-arn",
  "aws.events.rule-name",
  "aws.events.event.ingestion-time",
  "aws.events.event",
  "aws.events.event.json",
] as const;

const PLACEHOLDER = /<([A-Za-z0-9_.\-]+)>/y;

/** The text a target receives for `event`, after Input / InputPath / InputTransformer. */
export function renderTargetInput(
  target: TargetInputSettings,
  event: Record<string, unknown>,
  ctx: DeliveryContext,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const value = evaluateJsonPath(event, target.InputPath);
    return JSON.stringify(value === undefined ? null : value);
  }
  if (target.InputTransformer !== undefined) return applyInputTransformer(target.InputTransformer, event, ctx);
  return JSON.stringify(event);
}

/** Fills an InputTransformer template from the event (rules in the header comment). */
export function applyInputTransformer(
  transformer: InputTransformer,
  event: Record<string, unknown>,
  ctx: DeliveryContext,
): string {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {}))
    values.set(name, evaluateJsonPath(event, path));
  const { detail: _detail, ...eventWithoutDetail } = event;
  const predefined: Record<string, unknown> = {
    "aws.events.rule-arn": ctx.ruleArn,
    "aws.events.rule-name": ctx.ruleName,
    "aws.events.event.ingestion-time": ctx.ingestionTime,
    "aws.events.event": eventWithoutDetail,
    "aws.events.event.json": event,
  };

  const template = transformer.InputTemplate;
  const trimmed = template.trimStart();
  const jsonTemplate = trimmed.startsWith("{") || trimmed.startsWith("[");
  let out = "";
  let inString = false;
  for (let i = 0; i < template.length;) {
    const c = template[i]!;
    if (c === "<") {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      const name = m?.[1];
      if (m && name !== undefined && (values.has(name) || Object.prototype.hasOwnProperty.call(predefined, name))) {
        const value = values.has(name) ? values.get(name) : predefined[name];
        out += inString || !jsonTemplate ? asText(value) : asJsonValue(value);
        i += m[0].length;
        continue;
      }
    }
    if (inString && c === "\\" && i + 1 < template.length) {
      out += c + template[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
    i++;
  }
  if (!jsonTemplate) return out;
  try {
    return JSON.stringify(JSON.parse(out));
  } catch {
    return out; // invalid JSON (e.g. an unescaped quote from a raw value): the target decides
  }
}

/** A value placed inside quotes or in plain text: raw strings, JSON text without quotes for objects. */
function asText(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object") return JSON.stringify(value).replace(/"/g, "");
  return JSON.stringify(value);
}

/** A value placed where a JSON value is expected. */
function asJsonValue(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}

/**
 * Checks a target's input settings as PutTargets does; returns an error message (for a ValidationException)
 * or undefined when they are acceptable.
 */
export function checkTargetInput(targetId: string, target: TargetInputSettings): string | undefined {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined).length;
  if (given > 1) return `Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`;
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      return `Input for target ${targetId} is not valid JSON text.`;
    }
  }
  if (target.InputPath !== undefined && target.InputPath !== "") {
    const parsed = parseJsonPath(target.InputPath);
    if (!parsed.ok) return `InputPath for target ${targetId} is not valid: ${parsed.message}`;
  }
  const t = target.InputTransformer;
  if (t !== undefined) {
    const map = t.InputPathsMap ?? {};
    for (const [key, path] of Object.entries(map)) {
      if (key.toLowerCase().startsWith("aws."))
        return `InputPathsMap key ${key} for target ${targetId} must not start with AWS.`;
      const parsed = parseJsonPath(path);
      if (!parsed.ok)
        return `InputPathsMap value for ${key} of target ${targetId} is not a valid JSON path: ${parsed.message}`;
    }
    const re = /<([A-Za-z0-9_.\-]+)>/g;
    for (const m of t.InputTemplate.matchAll(re)) {
      const name = m[1]!;
      if (!(name in map) && !(PREDEFINED_PLACEHOLDERS as readonly string[]).includes(name)) {
        return `InputTemplate for target ${targetId} contains invalid placeholder ${name}.`;
      }
    }
  }
  return undefined;
}
