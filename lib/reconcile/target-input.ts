// The one place that turns a check into the shared state machine's input. The rule target's InputTransformer and a
// Run now input are both rendered from `inputSkeleton`, so the two cannot disagree (a unit test replays EventBridge's
// substitution on the template and compares it with buildExecutionInput for the same event).
//
// Event values reach the template as *unquoted* placeholders (`"value":<p1>`): EventBridge then writes the
// extracted value as JSON (a string with its quotes and escapes, a number as a number). A placeholder inside quotes
// would be pasted unescaped ("EventBridge doesn't escape values extracted by Input Path"), and an event value
// containing `"` could then add keys to the input — e.g. a second "sql". The state machine turns the value into an
// SQL literal (see state-machine-definition.ts).
//
// Literal text never contains a raw `<` or `>` in the template: EventBridge cannot escape them and would read
// `<name>` in SQL as a placeholder, so they are written as the JSON escapes \u003c / \u003e (same string once parsed).

import type { Check, CheckParameter, CheckSpec, Trigger } from "@/lib/checks/types";
import type { Cell } from "@/lib/findings/compare";
import { unacknowledgedFindingsSql } from "@/lib/findings/verdict-sql";
import type { ExecutionInput, ExecutionTrigger } from "@/lib/checks/execution-contract";

/** EventBridge's InputTemplate limit (characters). */
export const MAX_INPUT_TEMPLATE_CHARS = 8192;
/** EventBridge's InputPathsMap limits. */
export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_PATH_CHARS = 256;
/** The id of the one target every managed rule has. */
export const TARGET_ID = "audit-check-runner";
/** The predefined variable carrying the whole event as JSON. */
const EVENT_JSON_VARIABLE = "aws.events.event.json";

/** What building an input needs from a check (a Check row satisfies it). */
export type InputCheck = Pick<
  Check,
  | "id"
  | "slug"
  | "name"
  | "generation"
  | "sql"
  | "catalog"
  | "database"
  | "workgroup"
  | "outputLocation"
  | "parameters"
  | "expectation"
  | "trigger"
  | "findingKeys"
> & {
  /** Key values of the check's acknowledged findings ("no unacknowledged findings" only; see verdict-sql.ts). */
  acknowledgedFindings?: Cell[][];
};

/** The SQL the state machine runs for a check: its own, or wrapped to count unacknowledged findings. */
export function runSql(
  check: Pick<InputCheck, "sql" | "expectation" | "findingKeys" | "acknowledgedFindings">,
): string {
  return check.expectation.kind === "noUnacknowledgedFindings"
    ? unacknowledgedFindingsSql(check.sql, check.findingKeys, check.acknowledgedFindings ?? [])
    : check.sql;
}

export interface InputTransformer {
  InputPathsMap: Record<string, string>;
  InputTemplate: string;
}

/** A slot EventBridge fills: a named InputPathsMap variable or the predefined whole-event variable. */
class Placeholder {
  constructor(
    readonly variable: string,
    /** For event parameters: the path into the event. */
    readonly path: string | null,
  ) {}
}

type Segment = string | number;

/** Parses the single-value JSONPath subset the check form validates ($, .key, ['key'], ["key"], [n]); null if it is not one. */
export function parseEventPath(path: string): Segment[] | null {
  let rest = path.trim();
  if (!rest.startsWith("$")) return null;
  rest = rest.slice(1);
  const segments: Segment[] = [];
  const SEGMENT = /^(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;
  while (rest.length > 0) {
    const m = SEGMENT.exec(rest);
    if (!m) return null;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push((m[3] ?? m[4] ?? "").replace(/\\(.)/g, "$1"));
    rest = rest.slice(m[0].length);
  }
  return segments.length > 0 ? segments : null;
}

const EVENTBRIDGE_NAME = /^[A-Za-z0-9_\-/]+$/;

/** The path in the dot notation EventBridge's InputPathsMap requires (no ['key']), or null if it cannot be written so. */
export function toEventBridgePath(path: string): string | null {
  const segments = parseEventPath(path);
  if (!segments) return null;
  let out = "$";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (EVENTBRIDGE_NAME.test(s)) out += `.${s}`;
    else return null;
  }
  return out;
}

/** The value at `path` in `event` (undefined when absent), as EventBridge's InputPathsMap would extract it. */
export function resolveEventPath(event: unknown, path: string): unknown {
  const segments = parseEventPath(path);
  if (!segments) return undefined;
  let cur: unknown = event;
  for (const s of segments) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (typeof s === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  return cur;
}

function triggerKindOf(trigger: Trigger): ExecutionTrigger {
  return trigger.kind === "schedule" ? "schedule" : "event";
}

function variableName(index: number): string {
  return `p${index}`;
}

/** The ExecutionInput with placeholders where EventBridge (or Run now) supplies event data. */
function inputSkeleton(check: InputCheck, trigger: ExecutionInput["trigger"]): Record<string, unknown> {
  const sources = check.parameters.map((p, i) =>
    p.kind === "literal"
      ? { kind: "literal", value: p.value }
      : { kind: "eventPath", path: p.path, value: new Placeholder(variableName(i), p.path) },
  );
  return {
    check: { id: check.id, slug: check.slug, generation: check.generation, name: check.name },
    trigger,
    query: {
      sql: runSql(check),
      catalog: check.catalog,
      database: check.database,
      workgroup: check.workgroup,
      outputLocation: check.outputLocation,
      parameters: check.parameters.map((p) => (p.kind === "literal" ? p.value : p.path)),
      parameterSources: sources,
    },
    expectation: check.expectation,
    event: new Placeholder(EVENT_JSON_VARIABLE, null),
  };
}

/** A JSON string literal with `<` and `>` written as unicode escapes (see the header). */
function templateString(s: string): string {
  return JSON.stringify(s).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}

function renderTemplate(value: unknown): string {
  if (value instanceof Placeholder) return `<${value.variable}>`;
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(renderTemplate).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${templateString(k)}:${renderTemplate(v)}`).join(",")}}`;
  }
  if (typeof value === "string") return templateString(value);
  return JSON.stringify(value);
}

function fill(value: unknown, event: Record<string, unknown>): unknown {
  if (value instanceof Placeholder) {
    if (value.path === null) return event;
    const v = resolveEventPath(event, value.path);
    // EventBridge cannot deliver a missing value (the variable "isn't created"); null makes the state machine
    // answer ERROR naming the parameter instead of running the query with a wrong value.
    return v === undefined ? null : structuredClone(v);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, event));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fill(v, event)]));
  }
  return value;
}

/** The input the rule target delivers for `event`, or a Run now / Rerun input: same skeleton, event values filled in. */
export function buildExecutionInput(
  check: InputCheck,
  trigger: ExecutionInput["trigger"],
  event: Record<string, unknown>,
): ExecutionInput {
  return fill(inputSkeleton(check, trigger), event) as ExecutionInput;
}

/** The rule target's InputTransformer: the ExecutionInput with literals inline and event values as placeholders. */
export function buildInputTransformer(check: InputCheck): InputTransformer {
  const InputPathsMap: Record<string, string> = {};
  check.parameters.forEach((p, i) => {
    if (p.kind === "eventPath") InputPathsMap[variableName(i)] = toEventBridgePath(p.path) ?? p.path;
  });
  const InputTemplate = renderTemplate(inputSkeleton(check, { kind: triggerKindOf(check.trigger) }));
  return { InputPathsMap, InputTemplate };
}

// The widest id/generation a stored check can have, so a check accepted at save still fits after many edits.
const WIDEST_ID = "00000000-0000-0000-0000-000000000000";
const WIDEST_GENERATION = 2_147_483_647;

/**
 * Why this spec's rule target input cannot be delivered by EventBridge (template over 8,192 characters, an event
 * path EventBridge cannot express, too many event values), or null when it fits. Pure; called at save.
 */
export function targetInputSizeError(spec: CheckSpec): string | null {
  const eventParams = spec.parameters.filter(
    (p): p is Extract<CheckParameter, { kind: "eventPath" }> => p.kind === "eventPath",
  );
  if (eventParams.length > MAX_INPUT_PATHS) {
    return `This check takes ${eventParams.length} values from the event; an EventBridge rule target can extract at most ${MAX_INPUT_PATHS}.`;
  }
  for (const p of eventParams) {
    const ebPath = toEventBridgePath(p.path);
    if (ebPath === null) {
      return `The event path ${p.path} cannot be written in the dot notation EventBridge uses (keys may contain only letters, digits, _, - and /).`;
    }
    if (ebPath.length > MAX_INPUT_PATH_CHARS) {
      return `The event path ${p.path} is ${ebPath.length} characters; EventBridge allows ${MAX_INPUT_PATH_CHARS}.`;
    }
  }
  const { InputTemplate } = buildInputTransformer({ ...spec, id: WIDEST_ID, generation: WIDEST_GENERATION });
  if (InputTemplate.length > MAX_INPUT_TEMPLATE_CHARS) {
    const over = InputTemplate.length - MAX_INPUT_TEMPLATE_CHARS;
    return (
      `The rule target input for this check would be ${InputTemplate.length.toLocaleString("en-US")} characters; ` +
      `EventBridge allows ${MAX_INPUT_TEMPLATE_CHARS.toLocaleString("en-US")}. Shorten the SQL or the parameters by about ` +
      `${over.toLocaleString("en-US")} characters (each < or > in the SQL counts as 6, newlines and quotes as 2).`
    );
  }
  return null;
}
