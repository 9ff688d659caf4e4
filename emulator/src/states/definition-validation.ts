// Validates an ASL definition the way CreateStateMachine / ValidateStateMachineDefinition do: our own
// structural checks (always run, so a schema problem never hides a missing transition target) plus
// asl-validator (JSON schema, JSONPath syntax, ARNs, reachability), merged into AWS-style diagnostics.
import aslValidator from "asl-validator";
import { parseTimestamp } from "./asl/choice";
import { IntrinsicError, isIntrinsic, parseIntrinsic } from "./asl/intrinsics";
import { compile, expressionOf, QueryError, templateExpressions } from "./asl/jsonata-eval";

export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

export interface ValidationResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The parsed definition when it is at least a JSON object. */
  parsed?: Record<string, unknown>;
}

const QUERY_LANGUAGES = new Set(["JSONPath", "JSONata"]);
const STATE_TYPES = new Set(["Task", "Pass", "Wait", "Choice", "Succeed", "Fail", "Parallel", "Map"]);
const NEEDS_TRANSITION = new Set(["Task", "Pass", "Wait", "Parallel", "Map"]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// asl-validator compiles its JSON schemas on every call (~0.3 s of CPU): remember recent answers, since the
// same definition is typically validated again (idempotent CreateStateMachine, reconcilers, UpdateStateMachine).
const CACHE_SIZE = 64;
const cache = new Map<string, ValidationResult>();

/** Validates definition text; `ok` is false when any ERROR diagnostic was found. */
export function validateDefinition(text: string): ValidationResult {
  const hit = cache.get(text);
  if (hit) return hit;
  const result = validateUncached(text);
  cache.set(text, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

function validateUncached(text: string): ValidationResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      diagnostics: [
        { severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", message: `Invalid JSON: ${(err as Error).message}` },
      ],
    };
  }
  if (!isObj(parsed)) {
    return {
      ok: false,
      diagnostics: [
        {
          severity: "ERROR",
          code: "SCHEMA_VALIDATION_FAILED",
          message: "The definition must be a JSON object",
          location: "/",
        },
      ],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const err = (code: string, message: string, location?: string) =>
    diagnostics.push({ severity: "ERROR", code, message, location });

  if (parsed.QueryLanguage !== undefined && !QUERY_LANGUAGES.has(parsed.QueryLanguage as string)) {
    err(
      "SCHEMA_VALIDATION_FAILED",
      `The value for the field 'QueryLanguage' must be one of JSONPath, JSONata`,
      "/QueryLanguage",
    );
  }
  const seenNames = new Map<string, string>();
  const missingTargets = new Set<string>();
  const topLanguage = parsed.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
  checkScope(parsed, "", err, seenNames, missingTargets, topLanguage);

  for (const d of aslDiagnostics(parsed)) {
    const duplicateLocation = d.location !== undefined && diagnostics.some((m) => m.location === d.location);
    const duplicateTarget =
      d.code === "MISSING_TRANSITION_TARGET" && [...missingTargets].some((t) => d.message.endsWith(`target: ${t}`));
    const duplicateName = d.code === "DUPLICATE_STATE_NAMES" && diagnostics.some((m) => m.code === d.code);
    if (!duplicateLocation && !duplicateTarget && !duplicateName && !validIntrinsicAt(parsed, d.location))
      diagnostics.push(d);
  }
  return { ok: !diagnostics.some((d) => d.severity === "ERROR"), diagnostics, parsed };
}

// asl-validator's intrinsic grammar refuses some escapes AWS documents as legal (\' \{ \} \\): a `.$` value our
// parser accepts is not reported again from its diagnostics.
function validIntrinsicAt(definition: Obj, location: string | undefined): boolean {
  if (!location?.endsWith(".$")) return false;
  let value: unknown = definition;
  for (const part of location.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    value = Array.isArray(value) ? value[Number(key)] : isObj(value) ? value[key] : undefined;
  }
  if (typeof value !== "string" || !isIntrinsic(value)) return false;
  try {
    parseIntrinsic(value);
    return true;
  } catch {
    return false;
  }
}

/** The InvalidDefinition message AWS builds from the diagnostics. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const parts = diagnostics
    .filter((d) => d.severity === "ERROR")
    .map((d) => `'${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}'`);
  return `Invalid State Machine Definition: ${parts.join(", ")}`;
}

type Report = (code: string, message: string, location?: string) => void;

// Checks one States scope (the top level, a Parallel branch or a Map processor) and recurses.
function checkScope(
  scope: Obj,
  base: string,
  err: Report,
  seenNames: Map<string, string>,
  missingTargets: Set<string>,
  topLanguage: "JSONPath" | "JSONata",
): void {
  const states = scope.States;
  if (!isObj(states) || Object.keys(states).length === 0) {
    err("SCHEMA_VALIDATION_FAILED", "The field 'States' must be a non-empty object", `${base}/States`);
    return;
  }
  const target = (name: unknown, field: string, location: string) => {
    if (typeof name !== "string") {
      err("SCHEMA_VALIDATION_FAILED", `The value for the field '${field}' must be a string`, location);
    } else if (!Object.prototype.hasOwnProperty.call(states, name)) {
      err("MISSING_TRANSITION_TARGET", `Missing '${field}' target: ${name}`, location);
      missingTargets.add(name);
    }
  };
  if (scope.StartAt === undefined)
    err("SCHEMA_VALIDATION_FAILED", "The field 'StartAt' should be non-null", `${base}/StartAt`);
  else target(scope.StartAt, "StartAt", `${base}/StartAt`);

  for (const [name, state] of Object.entries(states)) {
    const at = `${base}/States/${name}`;
    if (name.length < 1 || name.length > 80)
      err("SCHEMA_VALIDATION_FAILED", `State names must be 1 to 80 characters: ${name}`, at);
    const previous = seenNames.get(name);
    if (previous !== undefined) err("DUPLICATE_STATE_NAMES", `Duplicate State name: ${name}`, at);
    seenNames.set(name, at);
    if (!isObj(state)) {
      err("SCHEMA_VALIDATION_FAILED", "A state must be a JSON object", at);
      continue;
    }
    const type = state.Type;
    if (typeof type !== "string" || !STATE_TYPES.has(type)) {
      err("SCHEMA_VALIDATION_FAILED", `Unknown or missing state type: ${String(type)}`, `${at}/Type`);
      continue;
    }
    if (state.QueryLanguage !== undefined && !QUERY_LANGUAGES.has(state.QueryLanguage as string)) {
      err(
        "SCHEMA_VALIDATION_FAILED",
        "The value for the field 'QueryLanguage' must be one of JSONPath, JSONata",
        `${at}/QueryLanguage`,
      );
    }
    const language = state.QueryLanguage === undefined ? topLanguage : (state.QueryLanguage as string);
    if (language === "JSONata") checkJsonataState(state, at, err);
    else checkJsonPathState(state, at, err);
    const hasEnd = state.End !== undefined;
    if (hasEnd && typeof state.End !== "boolean") {
      err(
        "SCHEMA_VALIDATION_FAILED",
        `The value for the field 'End' must be a boolean, not ${JSON.stringify(state.End)}`,
        `${at}/End`,
      );
    }
    if (state.Next !== undefined) target(state.Next, "Next", `${at}/Next`);
    if (NEEDS_TRANSITION.has(type)) {
      if (state.Next === undefined && !hasEnd) {
        err("SCHEMA_VALIDATION_FAILED", "A state of this type must have either 'Next' or 'End': true", at);
      } else if (state.Next !== undefined && state.End === true) {
        err("SCHEMA_VALIDATION_FAILED", "A state cannot have both 'Next' and 'End': true", at);
      }
    } else if (state.Next !== undefined || hasEnd) {
      err("SCHEMA_VALIDATION_FAILED", `A ${type} state cannot have 'Next' or 'End'`, at);
    }
    if (type === "Task" && (typeof state.Resource !== "string" || state.Resource === "")) {
      err("SCHEMA_VALIDATION_FAILED", "The field 'Resource' should be a non-empty string", `${at}/Resource`);
    }
    if (type === "Choice") {
      if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
        err("SCHEMA_VALIDATION_FAILED", "The field 'Choices' must be a non-empty array", `${at}/Choices`);
      } else {
        state.Choices.forEach((rule, i) => {
          if (!isObj(rule)) err("SCHEMA_VALIDATION_FAILED", "A choice rule must be an object", `${at}/Choices/${i}`);
          else target(rule.Next, "Next", `${at}/Choices/${i}/Next`);
        });
      }
      if (state.Default !== undefined) target(state.Default, "Default", `${at}/Default`);
    }
    if (Array.isArray(state.Catch)) {
      state.Catch.forEach((catcher, i) => {
        if (isObj(catcher)) target(catcher.Next, "Next", `${at}/Catch/${i}/Next`);
      });
    }
    if (type === "Parallel") {
      if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
        err("SCHEMA_VALIDATION_FAILED", "The field 'Branches' must be a non-empty array", `${at}/Branches`);
      } else {
        state.Branches.forEach((branch, i) => {
          if (isObj(branch)) checkScope(branch, `${at}/Branches/${i}`, err, seenNames, missingTargets, topLanguage);
          else err("SCHEMA_VALIDATION_FAILED", "A branch must be an object", `${at}/Branches/${i}`);
        });
      }
    }
    if (type === "Map") {
      const field = state.ItemProcessor !== undefined ? "ItemProcessor" : "Iterator";
      const processor = state[field];
      if (isObj(processor)) checkScope(processor, `${at}/${field}`, err, seenNames, missingTargets, topLanguage);
      else
        err(
          "SCHEMA_VALIDATION_FAILED",
          "A Map state needs an 'ItemProcessor' (or 'Iterator') object",
          `${at}/ItemProcessor`,
        );
    }
  }
}

// Fields that exist only in one query language (the Step Functions developer guide, "Transforming data with
// JSONata" and the state pages): a state written in the other language is refused at create.
const JSONPATH_ONLY = [
  "InputPath",
  "Parameters",
  "ResultSelector",
  "ResultPath",
  "OutputPath",
  "ItemsPath",
  "Result",
  "SecondsPath",
  "TimestampPath",
  "ErrorPath",
  "CausePath",
  "TimeoutSecondsPath",
  "HeartbeatSecondsPath",
  "MaxConcurrencyPath",
  "ToleratedFailureCountPath",
  "ToleratedFailurePercentagePath",
  "Iterator",
];
const JSONATA_ONLY = ["Arguments", "Output", "Items"];
// Fields whose strings may be `{% %}` expressions in a JSONata state.
const JSONATA_FIELDS = [
  "Arguments",
  "Output",
  "Assign",
  "Items",
  "ItemSelector",
  "Seconds",
  "Timestamp",
  "Error",
  "Cause",
  "TimeoutSeconds",
  "HeartbeatSeconds",
  "MaxConcurrency",
  "ToleratedFailureCount",
  "ToleratedFailurePercentage",
];

function checkExpressions(value: unknown, location: string, err: Report): void {
  templateExpressions(value, (expression) => {
    try {
      compile(expression, location);
    } catch (e) {
      const why = e instanceof QueryError ? e.message : String(e);
      err("SCHEMA_VALIDATION_FAILED", `The JSONata expression '${expression.trim()}' is invalid: ${why}`, location);
    }
  });
}

const NOT_IN_JSONATA = (field: string) => `The field '${field}' is not supported when the QueryLanguage is JSONata`;
const ONLY_IN_JSONATA = (field: string) => `The field '${field}' is supported only when the QueryLanguage is JSONata`;

function refuseFields(state: Obj, fields: string[], at: string, message: (field: string) => string, err: Report) {
  for (const field of fields) if (field in state) err("SCHEMA_VALIDATION_FAILED", message(field), `${at}/${field}`);
}

function checkJsonataState(state: Obj, at: string, err: Report): void {
  refuseFields(state, JSONPATH_ONLY, at, NOT_IN_JSONATA, err);
  if (state.Type === "Wait") checkWaitTimestamp(state, at, err);
  for (const field of JSONATA_FIELDS) if (field in state) checkExpressions(state[field], `${at}/${field}`, err);
  if (state.Type === "Choice" && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (!isObj(rule)) return;
      const where = `${at}/Choices/${i}`;
      if (!("Condition" in rule)) {
        err("SCHEMA_VALIDATION_FAILED", "A choice rule of a JSONata state needs the field 'Condition'", where);
      }
      for (const key of Object.keys(rule)) {
        if (!["Condition", "Next", "Output", "Assign", "Comment"].includes(key)) {
          err("SCHEMA_VALIDATION_FAILED", NOT_IN_JSONATA(key), `${where}/${key}`);
        }
      }
      for (const field of ["Condition", "Output", "Assign"])
        if (field in rule) checkExpressions(rule[field], `${where}/${field}`, err);
    });
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((c, i) => {
      if (!isObj(c)) return;
      if ("ResultPath" in c) {
        err("SCHEMA_VALIDATION_FAILED", NOT_IN_JSONATA("ResultPath"), `${at}/Catch/${i}/ResultPath`);
      }
      for (const field of ["Output", "Assign"])
        if (field in c) checkExpressions(c[field], `${at}/Catch/${i}/${field}`, err);
    });
  }
}

function checkJsonPathState(state: Obj, at: string, err: Report): void {
  refuseFields(state, JSONATA_ONLY, at, ONLY_IN_JSONATA, err);
  if (state.Type === "Choice" && Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, i) => {
      if (isObj(rule) && "Condition" in rule) {
        err("SCHEMA_VALIDATION_FAILED", ONLY_IN_JSONATA("Condition"), `${at}/Choices/${i}/Condition`);
      }
    });
  }
  for (const field of ["Parameters", "ResultSelector", "ItemSelector", "Assign"]) {
    if (field in state) checkIntrinsics(state[field], `${at}/${field}`, err);
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach(
      (c, i) => isObj(c) && "Assign" in c && checkIntrinsics(c.Assign, `${at}/Catch/${i}/Assign`, err),
    );
  }
  for (const field of ["ErrorPath", "CausePath"]) {
    const value = state[field];
    if (typeof value === "string" && isIntrinsic(value)) checkIntrinsic(value, field, `${at}/${field}`, err);
  }
  if (state.Type === "Wait") checkWaitTimestamp(state, at, err);
}

// A literal Wait Timestamp (not a JSONata expression) must be RFC 3339 as the ASL spec profiles it.
function checkWaitTimestamp(state: Obj, at: string, err: Report): void {
  if (!("Timestamp" in state) || expressionOf(state.Timestamp) !== undefined) return;
  if (parseTimestamp(state.Timestamp) === undefined) {
    err(
      "SCHEMA_VALIDATION_FAILED",
      "The value for the field 'Timestamp' must be a valid RFC3339 timestamp",
      `${at}/Timestamp`,
    );
  }
}

// `.$` values that are intrinsic calls must parse: AWS refuses illegal escapes, unknown functions, bad syntax.
function checkIntrinsics(template: unknown, location: string, err: Report): void {
  if (Array.isArray(template)) template.forEach((t, i) => checkIntrinsics(t, `${location}/${i}`, err));
  if (!isObj(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$") && typeof value === "string" && isIntrinsic(value)) {
      checkIntrinsic(value, key, `${location}/${key}`, err);
    } else checkIntrinsics(value, `${location}/${key}`, err);
  }
}

function checkIntrinsic(text: string, field: string, location: string, err: Report): void {
  try {
    parseIntrinsic(text);
  } catch (e) {
    const why = e instanceof IntrinsicError ? e.message : String(e);
    err(
      "SCHEMA_VALIDATION_FAILED",
      `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call (${why})`,
      location,
    );
  }
}

interface AslError {
  "Error code"?: string;
  Message?: string;
  schemaError?: { instancePath?: string };
}

// asl-validator annotates the object it checks (adds QueryLanguage to states), so it gets a copy.
function aslDiagnostics(definition: Obj): Diagnostic[] {
  let result: { isValid: boolean; errors: AslError[] };
  try {
    result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  } catch (e) {
    return [
      {
        severity: "ERROR",
        code: "SCHEMA_VALIDATION_FAILED",
        message: `Definition could not be validated: ${(e as Error).message}`,
      },
    ];
  }
  if (result.isValid) return [];
  return result.errors.map((e) => {
    const location = e.schemaError?.instancePath || undefined;
    let message = (e.Message ?? "Invalid definition").replace(/^\/\S+ is invalid\. /, "");
    const field = location?.split("/").pop() ?? "";
    // AWS words a bad `.$` value this way; asl-validator only names its internal format.
    if (/must match format/.test(message) && field.endsWith(".$")) {
      message = `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`;
    }
    return { severity: "ERROR" as const, code: e["Error code"] ?? "SCHEMA_VALIDATION_FAILED", message, location };
  });
}
