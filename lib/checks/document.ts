// Checks as code: a check's definition as a YAML document (`apiVersion: audit-checks/v1`, `kind: AuditCheck`), one
// or many per file. The document's schema is built from the check schema's own pieces (lib/checks/schema.ts,
// types.ts) and refuses unknown fields; a document is then checked by the same rules as the edit form, and every
// problem is reported with its file, line and column. Pure (no server imports): the CLI, the import page and the
// tests share it.
import { LineCounter, parseAllDocuments, stringify, type Document } from "yaml";
import { z } from "zod";
import { checkDraftShape, checkSpecSchema, snapshotPolicyDraft, type CheckDraft, type SchemaOptions } from "./schema";
import { checkParameterSchema, expectationSchema, snapshotPolicySchema, type CheckSpec } from "./types";

export const CHECK_API_VERSION = "audit-checks/v1";
export const CHECK_KIND = "AuditCheck";

const draft = checkDraftShape.shape;

/** Notifications by destination name: accepted and kept in the document; a plan says they are not applied. */
export const notificationRefSchema = z.strictObject({ destination: z.string().trim().min(1, "Name a destination.") });

export const checkDocumentSchema = z.strictObject({
  apiVersion: z.literal(CHECK_API_VERSION, { error: `Use apiVersion: ${CHECK_API_VERSION}.` }),
  kind: z.literal(CHECK_KIND, { error: `Use kind: ${CHECK_KIND}.` }),
  metadata: z.strictObject({
    slug: draft.slug,
    name: draft.name,
    description: draft.description.optional(),
  }),
  spec: z.strictObject({
    enabled: draft.enabled.default(true),
    sql: draft.sql,
    catalog: draft.catalog,
    database: draft.database,
    workgroup: draft.workgroup,
    outputLocation: draft.outputLocation,
    parameters: z
      .array(
        z.discriminatedUnion("kind", [
          checkParameterSchema.options[0].strict(),
          checkParameterSchema.options[1].strict(),
        ]),
      )
      .default([]),
    trigger: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("eventPattern"), pattern: z.record(z.string(), z.unknown()) }),
      z.strictObject({ kind: z.literal("schedule"), expression: z.string() }),
    ]),
    expectation: z.discriminatedUnion("kind", [
      expectationSchema.options[0].strict(),
      expectationSchema.options[1].strict(),
      expectationSchema.options[2].strict(),
      expectationSchema.options[3].strict(),
      expectationSchema.options[4].strict(),
    ]),
    findingKeys: z.array(z.string()).default([]),
    snapshotPolicy: snapshotPolicySchema.strict().optional(),
    notifications: z.array(notificationRefSchema).optional(),
  }),
});
export type CheckDocument = z.input<typeof checkDocumentSchema>;

/** A check read from a file: where it was, its validated spec. */
export interface CodeCheck {
  slug: string;
  sourcePath: string;
  line: number;
  spec: CheckSpec;
  notifications?: { destination: string }[];
}

export interface DocumentProblem {
  sourcePath: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: DocumentProblem): string {
  return `${p.sourcePath}:${p.line}:${p.column}: ${p.message}`;
}

/** The form draft of a document (what the edit form's schema checks). */
export function draftOfDocument(doc: z.output<typeof checkDocumentSchema>): CheckDraft {
  const { spec, metadata } = doc;
  return {
    name: metadata.name,
    slug: metadata.slug,
    description: metadata.description ?? "",
    sql: spec.sql,
    catalog: spec.catalog,
    database: spec.database,
    workgroup: spec.workgroup,
    outputLocation: spec.outputLocation,
    parameters: spec.parameters,
    trigger:
      spec.trigger.kind === "schedule"
        ? { kind: "schedule", expression: spec.trigger.expression }
        : { kind: "eventPattern", patternText: JSON.stringify(spec.trigger.pattern, null, 2) },
    expectation: spec.expectation,
    findingKeys: spec.findingKeys.join(", "),
    ...(spec.snapshotPolicy ? { snapshotPolicy: snapshotPolicyDraft(spec.snapshotPolicy) } : {}),
    enabled: spec.enabled,
  };
}

/** A form field path ("sql", "trigger.patternText") as the document names it ("spec.sql", "spec.trigger.pattern"). */
function documentPath(formPath: PropertyKey[]): (string | number)[] {
  const [head, ...rest] = formPath.map((k) => (typeof k === "symbol" ? String(k) : k));
  if (head === "name" || head === "slug" || head === "description") return ["metadata", head];
  if (head === "trigger" && rest[0] === "patternText") return ["spec", "trigger", "pattern"];
  return ["spec", ...(head === undefined ? [] : [head]), ...rest];
}

/** The document as an object for export: every field written, so export → apply reproduces the check. */
export function documentOfCheck(spec: CheckSpec): CheckDocument {
  return {
    apiVersion: CHECK_API_VERSION,
    kind: CHECK_KIND,
    metadata: { slug: spec.slug, name: spec.name, ...(spec.description ? { description: spec.description } : {}) },
    spec: {
      enabled: spec.enabled,
      sql: spec.sql,
      catalog: spec.catalog,
      database: spec.database,
      workgroup: spec.workgroup,
      outputLocation: spec.outputLocation,
      parameters: spec.parameters,
      trigger: spec.trigger,
      expectation: spec.expectation,
      ...(spec.findingKeys.length > 0 ? { findingKeys: spec.findingKeys } : {}),
      ...(spec.snapshotPolicy && Object.keys(spec.snapshotPolicy).length > 0
        ? { snapshotPolicy: spec.snapshotPolicy }
        : {}),
    },
  };
}

export function stringifyDocuments(specs: CheckSpec[]): string {
  return specs.map((s) => stringify(documentOfCheck(s), { lineWidth: 0 })).join("---\n");
}

/** Every document of one file, validated; problems carry the line and column. */
export function parseCheckFile(
  text: string,
  sourcePath: string,
  options: SchemaOptions = {},
): { checks: CodeCheck[]; problems: DocumentProblem[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const checks: CodeCheck[] = [];
  const problems: DocumentProblem[] = [];
  const at = (offset: number, message: string) => {
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ sourcePath, line, column: col, message });
  };
  if (!Array.isArray(docs)) {
    // An empty stream parses as an EmptyStream: nothing to apply, no problem.
    return { checks, problems };
  }
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) at(e.pos[0], e.message.split("\n")[0]!);
      continue;
    }
    if (doc.contents === null) continue; // an empty document between two `---`
    const parsed = checkDocumentSchema.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // An unknown key is reported where it is written.
        const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
        reportIssue(doc, path, issue.path, issueMessage(issue), at);
      }
      continue;
    }
    const spec = checkSpecSchema(options).safeParse(draftOfDocument(parsed.data));
    if (!spec.success) {
      for (const issue of spec.error.issues) {
        const path = documentPath(issue.path);
        reportIssue(doc, path, path, issue.message, at);
      }
      continue;
    }
    const range = doc.contents.range;
    checks.push({
      slug: spec.data.slug,
      sourcePath,
      line: lineCounter.linePos(range?.[0] ?? 0).line,
      spec: spec.data,
      ...(parsed.data.spec.notifications ? { notifications: parsed.data.spec.notifications } : {}),
    });
  }
  return { checks, problems };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `“${k}”`).join(", ");
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${keys} (not part of ${CHECK_API_VERSION}).`;
  }
  if (issue.code === "invalid_type" && issue.input === undefined) return "required.";
  return issue.message;
}

/** Reports at the deepest node of `path` that exists (a missing field at its parent), named by `field`. */
function reportIssue(
  doc: Document.Parsed,
  path: PropertyKey[],
  field: PropertyKey[],
  message: string,
  at: (offset: number, message: string) => void,
) {
  const keys = path.map((k) => (typeof k === "symbol" ? String(k) : k));
  const name = field.map(String).join(".");
  const fullMessage = name ? `${name}: ${message}` : message;
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      at(range[0], fullMessage);
      return;
    }
  }
  at(0, fullMessage);
}

/** Checks of every file, refusing a slug defined twice (in one file or across files). */
export function collectCheckFiles(
  files: { path: string; text: string }[],
  options: SchemaOptions = {},
): { checks: CodeCheck[]; problems: DocumentProblem[] } {
  const checks: CodeCheck[] = [];
  const problems: DocumentProblem[] = [];
  const seen = new Map<string, CodeCheck>();
  for (const file of files) {
    const r = parseCheckFile(file.text, file.path, options);
    problems.push(...r.problems);
    for (const c of r.checks) {
      const key = c.slug.toLowerCase();
      const first = seen.get(key);
      if (first) {
        problems.push({
          sourcePath: c.sourcePath,
          line: c.line,
          column: 1,
          message: `The slug “${c.slug}” is already defined in ${first.sourcePath}:${first.line}; each check must be defined once.`,
        });
        continue;
      }
      seen.set(key, c);
      checks.push(c);
    }
  }
  return { checks, problems };
}
