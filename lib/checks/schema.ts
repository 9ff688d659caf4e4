// The one schema for a check: the form validates with it as you type, the server action again on save.
// Input is the form's draft (pattern as JSON text, numbers as typed); output is a CheckSpec.
import { z } from "zod";
import { parseEventPattern } from "./event-pattern";
import { formatPatternJson } from "./pattern-format";
import { eventPathError } from "./json-path";
import { catalogError, databaseError, outputLocationError, workgroupError } from "./query-context";
import { parseSchedule } from "./schedule";
import { DEFAULT_RULE_PREFIX, slugError } from "./slug";
import { sqlLiteralError } from "./sql-literal";
import { countPlaceholders } from "./sql-placeholders";
import {
  checkParameterSchema,
  expectationSchema,
  snapshotPolicySchema,
  type CheckSpec,
  type Expectation,
  type SnapshotPolicy,
} from "./types";

export const MAX_SQL_BYTES = 256 * 1024;
export const MAX_NAME_CHARS = 128;
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_PARAMETERS = 50;
export const MAX_FINDING_KEYS = 16;
const MAX_FINDING_KEY_CHARS = 128;

/** "username, host" as ["username", "host"] (empty parts dropped). */
export function parseFindingKeys(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "");
}

/** Why these finding keys cannot be used, or null. */
export function findingKeysError(keys: string[]): string | null {
  if (keys.length > MAX_FINDING_KEYS) return `A check has at most ${MAX_FINDING_KEYS} finding keys.`;
  const long = keys.find((k) => k.length > MAX_FINDING_KEY_CHARS);
  if (long) return `A column name has at most ${MAX_FINDING_KEY_CHARS} characters.`;
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.toLowerCase())) return `The column ${k} is named twice.`;
    seen.add(k.toLowerCase());
  }
  return null;
}

const triggerDraft = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("eventPattern"), patternText: z.string() }),
  z.object({ kind: z.literal("schedule"), expression: z.string() }),
]);

// The stored expectation, with the number as typed (text until it is checked).
const typedNumber = z.union([z.string(), z.number()]);
const expectationDraft = z.discriminatedUnion("kind", [
  expectationSchema.options[0],
  expectationSchema.options[1],
  expectationSchema.options[2].extend({ value: typedNumber }),
  expectationSchema.options[3].extend({ value: typedNumber }),
  expectationSchema.options[4],
]);

/** Where a check managed from code comes from: a relative path of a YAML file, as `checks plan DIR` found it. */
export const sourcePathSchema = z
  .string()
  .trim()
  .min(1, "Name the source file.")
  .max(512, "A source path has at most 512 characters.")
  .regex(/^[^\u0000]*$/, "Remove the NUL character.");

const draftShape = z.object({
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  sql: z.string(),
  catalog: z.string(),
  database: z.string(),
  workgroup: z.string(),
  outputLocation: z.string(),
  parameters: z.array(checkParameterSchema),
  trigger: triggerDraft,
  expectation: expectationDraft,
  /** The finding keys as typed: column names separated by commas ("username, host"). */
  findingKeys: z.string().optional(),
  enabled: z.boolean(),
  /** Result snapshot caps and retention as typed; empty means the default. Absent: keep what the check has. */
  snapshotPolicy: z.object({ maxRows: z.string(), maxMegabytes: z.string(), retentionDays: z.string() }).optional(),
});

/** What the form edits and the server action receives. */
export type CheckDraft = z.input<typeof draftShape>;

/** The draft's shape without its cross-field rules: the JSON API, the YAML documents and OpenAPI derive from it. */
export const checkDraftShape = draftShape;

function toNumber(v: string | number): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const t = v.trim();
  if (t === "" || !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The expectation a draft's (typed) expectation stands for, or null while its number is not one. */
export function expectationOfDraft(e: CheckDraft["expectation"]): Expectation | null {
  if (e.kind !== "rowCount" && e.kind !== "firstValue") return { kind: e.kind };
  const n = toNumber(e.value);
  return n === null ? null : { kind: e.kind, op: e.op, value: n };
}

/** PostgreSQL text and jsonb cannot hold U+0000, so a NUL character is refused where it was typed. */
export function nulCharacterError(value: string): string | null {
  const at = value.indexOf("\u0000");
  return at < 0 ? null : `Remove the NUL character (U+0000) at character ${at + 1}: the database cannot store it.`;
}

/** Bytes of the text as UTF-8: what Athena's 256 KiB query limit counts. */
export function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

export interface SchemaOptions {
  /** Rule-name prefix from the environment; bounds the slug length. */
  rulePrefix?: string;
}

/** The check schema: draft in, CheckSpec out, every problem attached to its field path. */
export function checkSpecSchema(options: SchemaOptions = {}) {
  const rulePrefix = options.rulePrefix ?? DEFAULT_RULE_PREFIX;
  return draftShape
    .superRefine((d, ctx) => {
      const add = (path: (string | number)[], message: string | null) => {
        if (message) ctx.addIssue({ code: "custom", path, message });
      };
      // Every text field of the draft (name, slug, description, sql, query context).
      for (const [field, value] of Object.entries(d))
        if (typeof value === "string") add([field], nulCharacterError(value));
      d.parameters.forEach((p, i) =>
        add(
          ["parameters", i, p.kind === "literal" ? "value" : "path"],
          nulCharacterError(p.kind === "literal" ? p.value : p.path),
        ),
      );
      if (d.trigger.kind === "eventPattern") {
        // Both a raw NUL and the JSON escape \u0000 end up as U+0000 in the stored pattern.
        const parsed = parseEventPattern(d.trigger.patternText);
        add(
          ["trigger", "patternText"],
          nulCharacterError(d.trigger.patternText) ??
            (parsed.ok && JSON.stringify(parsed.pattern).includes("\\u0000")
              ? "Remove the NUL character (\\u0000) from the pattern: the database cannot store it."
              : null),
        );
      }
      const name = d.name.trim();
      add(["name"], name === "" ? "Enter a name for the check." : null);
      add(
        ["name"],
        [...name].length > MAX_NAME_CHARS
          ? `A name has at most ${MAX_NAME_CHARS} characters; this one has ${[...name].length}.`
          : null,
      );
      add(["slug"], slugError(d.slug.trim(), rulePrefix));
      add(
        ["description"],
        d.description.length > MAX_DESCRIPTION_CHARS
          ? `A description has at most ${MAX_DESCRIPTION_CHARS.toLocaleString("en-US")} characters.`
          : null,
      );

      if (d.sql.trim() === "") {
        add(["sql"], "Enter the SQL query the check runs.");
      } else if (utf8Bytes(d.sql) > MAX_SQL_BYTES) {
        add(["sql"], `The query is ${(utf8Bytes(d.sql) / 1024).toFixed(1)} KiB; Athena accepts at most 256 KiB.`);
      }

      add(["catalog"], catalogError(d.catalog.trim()));
      add(["database"], databaseError(d.database.trim()));
      add(["workgroup"], workgroupError(d.workgroup.trim()));
      add(["outputLocation"], outputLocationError(d.outputLocation.trim()));

      if (d.parameters.length > MAX_PARAMETERS)
        add(["parameters"], `A check has at most ${MAX_PARAMETERS} parameters.`);
      d.parameters.forEach((p, i) => {
        if (p.kind === "literal") add(["parameters", i, "value"], sqlLiteralError(p.value));
        else add(["parameters", i, "path"], eventPathError(p.path));
      });
      if (d.sql.trim() !== "") {
        const placeholders = countPlaceholders(d.sql);
        if (placeholders !== d.parameters.length) {
          const q = `${placeholders} ? placeholder${placeholders === 1 ? "" : "s"}`;
          const p = `${d.parameters.length} parameter${d.parameters.length === 1 ? "" : "s"}`;
          const message = `The query has ${q} (outside quotes and comments) but the check has ${p}; they must match.`;
          add(["sql"], message);
          add(["parameters"], message);
        }
      }

      if (d.trigger.kind === "eventPattern") {
        const parsed = parseEventPattern(d.trigger.patternText);
        if (!parsed.ok) for (const m of parsed.messages) add(["trigger", "patternText"], m);
      } else {
        const parsed = parseSchedule(d.trigger.expression);
        if (!parsed.ok) add(["trigger", "expression"], parsed.message);
      }

      add(["findingKeys"], findingKeysError(parseFindingKeys(d.findingKeys)));
      if (d.snapshotPolicy) {
        for (const key of ["maxRows", "maxMegabytes", "retentionDays"] as const) {
          const text = d.snapshotPolicy[key].trim();
          if (text === "") continue;
          const n = toNumber(text);
          if (n === null) {
            add(["snapshotPolicy", key], "Enter a number, or leave it empty for the default.");
            continue;
          }
          const checked = snapshotPolicySchema.shape[key].safeParse(n);
          if (!checked.success) add(["snapshotPolicy", key], checked.error.issues[0]?.message ?? "Not allowed.");
        }
      }

      const e = d.expectation;
      if (e.kind === "noUnacknowledgedFindings" && parseFindingKeys(d.findingKeys).length === 0)
        add(["findingKeys"], "Name the finding keys: this expectation counts findings, which need them.");
      if (e.kind === "rowCount" || e.kind === "firstValue") {
        const n = toNumber(e.value);
        if (n === null) add(["expectation", "value"], "Enter a number to compare with, e.g. 0.");
        else if (e.kind === "rowCount" && (!Number.isInteger(n) || n < 0)) {
          add(["expectation", "value"], "A row count is a whole number, 0 or more.");
        }
      }
    })
    .transform((d): CheckSpec => {
      const e = d.expectation;
      const expectation: Expectation =
        e.kind === "rowCount" || e.kind === "firstValue"
          ? { kind: e.kind, op: e.op, value: toNumber(e.value) ?? 0 }
          : { kind: e.kind };
      const patternResult = d.trigger.kind === "eventPattern" ? parseEventPattern(d.trigger.patternText) : null;
      return {
        name: d.name.trim(),
        slug: d.slug.trim(),
        description: d.description.trim(),
        sql: d.sql,
        catalog: d.catalog.trim(),
        database: d.database.trim(),
        workgroup: d.workgroup.trim(),
        outputLocation: d.outputLocation.trim(),
        parameters: d.parameters.map((p) =>
          p.kind === "literal"
            ? { kind: "literal", value: p.value.trim() }
            : { kind: "eventPath", path: p.path.trim() },
        ),
        trigger:
          d.trigger.kind === "schedule"
            ? { kind: "schedule", expression: d.trigger.expression.trim() }
            : { kind: "eventPattern", pattern: patternResult?.ok ? patternResult.pattern : {} },
        expectation,
        findingKeys: parseFindingKeys(d.findingKeys),
        enabled: d.enabled,
        ...(d.snapshotPolicy ? { snapshotPolicy: policyFromDraft(d.snapshotPolicy) } : {}),
      };
    });
}

export type FieldErrors = Record<string, string[]>;

/** Zod issues as `{ "parameters.0.value": ["…"] }`; issues without a path go under "". */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function policyFromDraft(p: { maxRows: string; maxMegabytes: string; retentionDays: string }): SnapshotPolicy {
  const out: SnapshotPolicy = {};
  for (const key of ["maxRows", "maxMegabytes", "retentionDays"] as const) {
    const n = toNumber(p[key]);
    if (p[key].trim() !== "" && n !== null) out[key] = n;
  }
  return out;
}

/** The snapshot fields of the form for a stored policy (empty: the default). */
export function snapshotPolicyDraft(p: SnapshotPolicy | undefined) {
  return {
    maxRows: p?.maxRows === undefined ? "" : String(p.maxRows),
    maxMegabytes: p?.maxMegabytes === undefined ? "" : String(p.maxMegabytes),
    retentionDays: p?.retentionDays === undefined ? "" : String(p.retentionDays),
  };
}

/** The draft the form starts from for an existing check (the inverse of the transform). */
export function draftFromSpec(spec: CheckSpec): CheckDraft {
  return {
    name: spec.name,
    slug: spec.slug,
    description: spec.description,
    sql: spec.sql,
    catalog: spec.catalog,
    database: spec.database,
    workgroup: spec.workgroup,
    outputLocation: spec.outputLocation,
    parameters: spec.parameters.map((p) => ({ ...p })),
    trigger:
      spec.trigger.kind === "schedule"
        ? { kind: "schedule", expression: spec.trigger.expression }
        : { kind: "eventPattern", patternText: formatPatternJson(spec.trigger.pattern) },
    expectation:
      spec.expectation.kind === "rowCount" || spec.expectation.kind === "firstValue"
        ? { kind: spec.expectation.kind, op: spec.expectation.op, value: String(spec.expectation.value) }
        : { kind: spec.expectation.kind },
    findingKeys: spec.findingKeys.join(", "),
    enabled: spec.enabled,
    ...(spec.snapshotPolicy ? { snapshotPolicy: snapshotPolicyDraft(spec.snapshotPolicy) } : {}),
  };
}
