import { describe, expect, it } from "vitest";
import {
  buildExecutionInput,
  buildInputTransformer,
  MAX_INPUT_TEMPLATE_CHARS,
  resolveEventPath,
  targetInputSizeError,
  toEventBridgePath,
  type InputCheck,
} from "./target-input";
import type { CheckSpec } from "@/lib/checks/types";

const event = {
  version: "0",
  id: "e-1",
  "detail-type": "ECS Task State Change",
  source: "aws.ecs",
  account: "000000000000",
  time: "2026-11-27T00:00:00Z",
  region: "us-east-1",
  resources: [],
  detail: {
    clusterArn: 'arn:aws:ecs:us-east-1:000000000000:cluster/prod "db"',
    containers: [{ exitCode: 0, name: "uploader" }],
    overrides: { containerOverrides: [{ command: ["aurora-prod"] }] },
  },
};

const check: InputCheck = {
  id: "4b0c6a9e-0000-4000-8000-000000000001",
  slug: "admin-logins",
  name: 'Administrator <logins> "prod"',
  generation: 7,
  sql: "SELECT count(*) FROM aurora_audit_log WHERE username <> 'x' AND a<b> AND host = ? AND cluster = ? AND code = ?",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://results/",
  parameters: [
    { kind: "literal", value: "'admin'" },
    { kind: "eventPath", path: "$.detail.clusterArn" },
    { kind: "eventPath", path: "$.detail.containers[0]['exitCode']" },
  ],
  expectation: { kind: "firstValue", op: "eq", value: 0 },
  trigger: { kind: "eventPattern", pattern: { source: ["aws.ecs"] } },
  findingKeys: [],
};

/** EventBridge's substitution: a variable becomes its extracted JSON value, the predefined one the whole event. */
function substitute(template: string, paths: Record<string, string>, evt: Record<string, unknown>): string {
  return template.replace(/<([A-Za-z0-9_.-]+)>/g, (_m, name: string) => {
    if (name === "aws.events.event.json") return JSON.stringify(evt);
    const path = paths[name];
    if (path === undefined) throw new Error(`unknown variable ${name}`);
    return JSON.stringify(resolveEventPath(evt, path));
  });
}

describe("rule target input", () => {
  it("the InputTransformer delivers exactly what buildExecutionInput builds for the same event", () => {
    const t = buildInputTransformer(check);
    const delivered = JSON.parse(substitute(t.InputTemplate, t.InputPathsMap, event));
    expect(delivered).toEqual(buildExecutionInput(check, { kind: "event" }, event));
    expect(delivered.query.parameterSources).toEqual([
      { kind: "literal", value: "'admin'" },
      { kind: "eventPath", path: "$.detail.clusterArn", value: 'arn:aws:ecs:us-east-1:000000000000:cluster/prod "db"' },
      { kind: "eventPath", path: "$.detail.containers[0]['exitCode']", value: 0 },
    ]);
    expect(delivered.event).toEqual(event);
  });

  it("uses dot-notation paths, unquoted placeholders, and never a raw < or > from the SQL", () => {
    const t = buildInputTransformer(check);
    expect(t.InputPathsMap).toEqual({ p1: "$.detail.clusterArn", p2: "$.detail.containers[0].exitCode" });
    expect(t.InputTemplate.match(/<[^>]*>/g)).toEqual(["<p1>", "<p2>", "<aws.events.event.json>"]);
    expect(t.InputTemplate).toContain('"value":<p1>');
    expect(t.InputTemplate).toContain('"trigger":{"kind":"event"}');
  });

  it("marks schedule rules as schedule triggers", () => {
    const t = buildInputTransformer({
      ...check,
      parameters: [],
      trigger: { kind: "schedule", expression: "rate(1 hour)" },
    });
    expect(JSON.parse(substitute(t.InputTemplate, t.InputPathsMap, event)).trigger).toEqual({ kind: "schedule" });
  });

  it("Run now fills a missing event value with null (the state machine answers ERROR for it)", () => {
    const input = buildExecutionInput(check, { kind: "manual" }, { detail: {} });
    expect(input.trigger).toEqual({ kind: "manual" });
    expect(input.query.parameterSources?.[1]).toEqual({ kind: "eventPath", path: "$.detail.clusterArn", value: null });
    expect(input.query.parameters).toEqual(["'admin'", "$.detail.clusterArn", "$.detail.containers[0]['exitCode']"]);
  });
});

describe("event paths", () => {
  it.each([
    ["$.detail.clusterArn", "$.detail.clusterArn"],
    ["$['detail-type']", "$.detail-type"],
    ["$.detail.containers[0].exitCode", "$.detail.containers[0].exitCode"],
    ["$['a b']", null],
    ["detail", null],
  ])("%s → %s", (path, expected) => {
    expect(toEventBridgePath(path)).toBe(expected);
  });
});

describe("targetInputSizeError", () => {
  const spec: CheckSpec = {
    name: "Admin logins",
    slug: "admin-logins",
    description: "",
    sql: "SELECT 1",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://results/",
    parameters: [],
    trigger: { kind: "schedule", expression: "rate(1 hour)" },
    expectation: { kind: "none" },
    findingKeys: [],
    enabled: true,
  };

  it("accepts a normal check", () => {
    expect(targetInputSizeError(spec)).toBeNull();
  });

  it("refuses a check whose template would exceed 8,192 characters, saying by how much", () => {
    const sql = `SELECT '${"x".repeat(MAX_INPUT_TEMPLATE_CHARS)}'`;
    expect(targetInputSizeError({ ...spec, sql })).toMatch(/would be [\d,]+ characters; EventBridge allows 8,192/);
  });

  it("counts escapes: 1,400 `<` (6 characters each in the template) do not fit", () => {
    expect(targetInputSizeError({ ...spec, sql: `SELECT 1 WHERE ${"<".repeat(1400)}` })).not.toBeNull();
  });

  it("refuses an event path EventBridge cannot express", () => {
    expect(targetInputSizeError({ ...spec, parameters: [{ kind: "eventPath", path: "$['a b']" }] })).toMatch(
      /dot notation/,
    );
  });
});
