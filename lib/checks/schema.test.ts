import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/next.config";
import {
  MAX_DESCRIPTION_CHARS,
  MAX_NAME_CHARS,
  MAX_SQL_BYTES,
  checkSpecSchema,
  draftFromSpec,
  fieldErrorsFrom,
  type CheckDraft,
} from "./schema";

const valid: CheckDraft = {
  name: "  Aurora administrator logins ",
  slug: "aurora-administrator-logins",
  description: "Counts admin logins.",
  sql: "SELECT count(*) FROM audit_log WHERE cluster = ? AND username = 'admin'",
  catalog: "AwsDataCatalog",
  database: "audit",
  workgroup: "primary",
  outputLocation: "s3://audit-results/athena/",
  parameters: [{ kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" }],
  trigger: { kind: "eventPattern", patternText: '{"source": ["aws.ecs"]}' },
  expectation: { kind: "firstValue", op: "eq", value: "0" },
  enabled: true,
};

function errors(draft: unknown, rulePrefix?: string): Record<string, string[]> {
  const r = checkSpecSchema({ rulePrefix }).safeParse(draft);
  return r.success ? {} : fieldErrorsFrom(r.error);
}

describe("the server action body limit", () => {
  it("fits the largest draft the form accepts, measured as the request is sent (JSON-escaped)", () => {
    const control = "\u0001";
    const largest: CheckDraft = {
      ...valid,
      name: control.repeat(MAX_NAME_CHARS),
      description: control.repeat(MAX_DESCRIPTION_CHARS),
      sql: "SELECT 1 -- " + control.repeat(MAX_SQL_BYTES - 12),
      parameters: [],
      trigger: { kind: "eventPattern", patternText: '{"source": ["' + control.repeat(2000) + '"]}' },
    };
    const sent = new TextEncoder().encode(JSON.stringify([largest])).length;
    expect(sent).toBeGreaterThan(1024 * 1024); // over Next's default 1 MB: the 413 operators met
    expect(sent + 64 * 1024).toBeLessThan(SERVER_ACTION_BODY_LIMIT_BYTES);
  });
});

describe("checkSpecSchema", () => {
  it("refuses a NUL character beside the field it was typed in", () => {
    const e = errors({
      ...valid,
      name: "a\u0000b",
      description: "\u0000",
      sql: valid.sql + "\u0000",
      trigger: { kind: "eventPattern", patternText: '{"source": ["aws.ecs\\u0000"]}' },
    });
    for (const field of ["name", "description", "sql", "trigger.patternText"])
      expect(e[field]?.join(" ")).toMatch(/NUL character/);
    expect(e.name?.join(" ")).toMatch(/at character 2/);
  });

  it("turns a valid draft into a CheckSpec", () => {
    const r = checkSpecSchema().safeParse(valid);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data).toEqual({
      name: "Aurora administrator logins",
      slug: "aurora-administrator-logins",
      description: "Counts admin logins.",
      sql: valid.sql,
      catalog: "AwsDataCatalog",
      database: "audit",
      workgroup: "primary",
      outputLocation: "s3://audit-results/athena/",
      parameters: [{ kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" }],
      trigger: { kind: "eventPattern", pattern: { source: ["aws.ecs"] } },
      expectation: { kind: "firstValue", op: "eq", value: 0 },
      findingKeys: [],
      enabled: true,
    });
  });

  it("accepts a schedule, no parameters and no expectation", () => {
    const r = checkSpecSchema().safeParse({
      ...valid,
      sql: "SELECT 1",
      parameters: [],
      trigger: { kind: "schedule", expression: " rate(1 hour) " },
      expectation: { kind: "none" },
    });
    expect(r.success && r.data.trigger).toEqual({ kind: "schedule", expression: "rate(1 hour)" });
  });

  it("accepts a Unicode name of 128 characters and refuses 129", () => {
    expect(errors({ ...valid, name: "監".repeat(128) })).toEqual({});
    expect(errors({ ...valid, name: "監".repeat(129) }).name?.[0]).toMatch(/at most 128/);
    expect(errors({ ...valid, name: "🙂".repeat(128) })).toEqual({});
  });

  it.each<[string, Partial<CheckDraft>, string, RegExp]>([
    ["empty name", { name: "   " }, "name", /Enter a name/],
    ["bad slug", { slug: "has space" }, "slug", /Use only letters/],
    ["empty slug", { slug: "" }, "slug", /Enter a slug/],
    ["long slug", { slug: "x".repeat(53) }, "slug", /at most 52/],
    ["empty SQL", { sql: "  \n ", parameters: [] }, "sql", /Enter the SQL/],
    ["too many placeholders", { sql: "SELECT ? , ?" }, "sql", /2 \? placeholders .* 1 parameter/],
    ["too few placeholders", { sql: "SELECT 1" }, "parameters", /0 \? placeholders .* 1 parameter/],
    ["placeholder in a string does not count", { sql: "SELECT '?'" }, "sql", /0 \? placeholders/],
    ["bad literal", { parameters: [{ kind: "literal", value: "abc" }] }, "parameters.0.value", /Not an SQL literal/],
    ["bad path", { parameters: [{ kind: "eventPath", path: "detail.x" }] }, "parameters.0.path", /starts with \$/],
    ["bad output location", { outputLocation: "my-bucket/x/" }, "outputLocation", /s3:\/\//],
    ["empty database", { database: "" }, "database", /Enter the Athena database/],
    ["bad workgroup", { workgroup: "a b" }, "workgroup", /128 letters/],
    ["bad catalog", { catalog: "a b" }, "catalog", /127 letters/],
    ["bad JSON", { trigger: { kind: "eventPattern", patternText: "{" } }, "trigger.patternText", /not valid JSON/],
    [
      "grammar",
      { trigger: { kind: "eventPattern", patternText: '{"source": "aws.ecs"}' } },
      "trigger.patternText",
      /At source: Values in a pattern are lists/,
    ],
    [
      "oversize",
      { trigger: { kind: "eventPattern", patternText: JSON.stringify({ a: ["x".repeat(3000)] }) } },
      "trigger.patternText",
      /at most 2,048/,
    ],
    [
      "invalid cron",
      { trigger: { kind: "schedule", expression: "cron(0 12 * * * *)" } },
      "trigger.expression",
      /exactly one of/,
    ],
    ["rate unit", { trigger: { kind: "schedule", expression: "rate(1 hours)" } }, "trigger.expression", /singular/],
    [
      "missing number",
      { expectation: { kind: "firstValue", op: "eq", value: "" } },
      "expectation.value",
      /Enter a number/,
    ],
    [
      "not a number",
      { expectation: { kind: "firstValue", op: "eq", value: "zero" } },
      "expectation.value",
      /Enter a number/,
    ],
    [
      "infinite",
      { expectation: { kind: "firstValue", op: "eq", value: "1e999" } },
      "expectation.value",
      /Enter a number/,
    ],
    [
      "fractional row count",
      { expectation: { kind: "rowCount", op: "le", value: "2.5" } },
      "expectation.value",
      /whole number/,
    ],
    [
      "negative row count",
      { expectation: { kind: "rowCount", op: "le", value: "-1" } },
      "expectation.value",
      /whole number/,
    ],
    [
      "unknown op",
      { expectation: { kind: "rowCount", op: "approx" as "eq", value: "1" } },
      "expectation.op",
      /Choose a comparison/,
    ],
  ])("%s", (_label, patch, field, message) => {
    const errs = errors({ ...valid, ...patch });
    expect(Object.keys(errs)).toContain(field);
    expect(errs[field]!.join(" ")).toMatch(message);
  });

  it("refuses SQL over 256 KiB counted in UTF-8 bytes", () => {
    const ascii = `SELECT ?, '${"x".repeat(256 * 1024 - 20)}'`;
    expect(errors({ ...valid, sql: ascii }).sql).toBeUndefined();
    const multibyte = `SELECT ?, '${"監".repeat(90_000)}'`;
    expect(errors({ ...valid, sql: multibyte }).sql?.[0]).toMatch(/KiB; Athena accepts at most 256 KiB/);
  });

  it("uses the rule prefix for the slug limit", () => {
    expect(errors({ ...valid, slug: "x".repeat(60) }, "p-")).toEqual({});
    expect(errors({ ...valid, slug: "x".repeat(60) }).slug).toBeDefined();
  });

  it("reports several fields at once", () => {
    const errs = errors({
      ...valid,
      name: "",
      slug: "!",
      outputLocation: "x",
      trigger: { kind: "schedule", expression: "rate(0 minutes)" },
    });
    expect(Object.keys(errs).sort()).toEqual(["name", "outputLocation", "slug", "trigger.expression"]);
  });

  it("refuses malformed shapes with a path", () => {
    expect(Object.keys(errors({ ...valid, trigger: { kind: "webhook" } }))).toContain("trigger.kind");
    expect(Object.keys(errors({ ...valid, enabled: "yes" }))).toContain("enabled");
  });
});

describe("draftFromSpec", () => {
  it("round-trips through the schema", () => {
    const spec = checkSpecSchema().parse(valid);
    expect(checkSpecSchema().parse(draftFromSpec(spec))).toEqual(spec);
    const scheduled = checkSpecSchema().parse({
      ...valid,
      trigger: { kind: "schedule", expression: "rate(5 minutes)" },
      expectation: { kind: "noRows" },
    });
    expect(checkSpecSchema().parse(draftFromSpec(scheduled))).toEqual(scheduled);
  });

  it("takes snapshot caps as typed, empty meaning the default, and refuses bad ones beside the field", () => {
    const policy = (maxRows: string, maxMegabytes = "", retentionDays = "") =>
      checkSpecSchema().safeParse({ ...valid, snapshotPolicy: { maxRows, maxMegabytes, retentionDays } });
    expect(policy("").data?.snapshotPolicy).toEqual({});
    expect(policy("500", "2.5", "365").data?.snapshotPolicy).toEqual({
      maxRows: 500,
      maxMegabytes: 2.5,
      retentionDays: 365,
    });
    const bad = policy("many", "0", "1.5");
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(["snapshotPolicy.maxRows", "snapshotPolicy.maxMegabytes", "snapshotPolicy.retentionDays"]);
    const spec = policy("500").data!;
    expect(checkSpecSchema().parse(draftFromSpec(spec))).toEqual(spec);
  });
});
