import { describe, expect, it } from "vitest";
import type { CheckSpec } from "@/lib/checks/types";
import type { Check as CheckRow } from "@/lib/generated/prisma/client";
import { canonicalJson } from "@/lib/canonical-json";
import { checkFromRow, specChanged, specColumns } from "./check-row";

const spec: CheckSpec = {
  name: "n",
  slug: "s",
  description: "",
  sql: "SELECT 1",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://b/",
  parameters: [{ kind: "literal", value: "'x'" }],
  trigger: { kind: "eventPattern", pattern: { source: ["aws.ecs"], detail: { a: [1], b: [2] } } },
  expectation: { kind: "noRows" },
  findingKeys: [],
  enabled: true,
};

function row(overrides: Partial<CheckRow> = {}): CheckRow {
  return {
    id: "6f1c1d7e-0000-4000-8000-000000000001",
    ...specColumns(spec),
    eventPattern: { source: ["aws.ecs"], detail: { a: [1], b: [2] } },
    parameters: [{ kind: "literal", value: "'x'" }],
    expectation: { kind: "noRows" },
    snapshotPolicy: {},
    generation: 1,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    createdBy: "a",
    updatedBy: "a",
    syncStatus: "PENDING",
    syncMessage: null,
    syncErrorTerminal: false,
    observedGeneration: null,
    lastReconciledAt: null,
    ...overrides,
  } as CheckRow;
}

describe("check rows", () => {
  it("compare JSON by meaning: key order does not matter, array order does", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("see a spec change in any field, and none when only key order differs", () => {
    const reordered: CheckSpec = {
      ...spec,
      trigger: { kind: "eventPattern", pattern: { detail: { b: [2], a: [1] }, source: ["aws.ecs"] } },
    };
    expect(specChanged(spec, reordered)).toBe(false);
    expect(specChanged(spec, { ...spec, enabled: false })).toBe(true);
    expect(specChanged(spec, { ...spec, parameters: [] })).toBe(true);
    expect(specChanged(spec, { ...spec, expectation: { kind: "rowCount", op: "eq", value: 0 } })).toBe(true);
    expect(specChanged(spec, { ...spec, trigger: { kind: "schedule", expression: "rate(1 hour)" } })).toBe(true);
  });

  it("map a row to the domain Check", () => {
    const check = checkFromRow(row());
    expect(check.trigger).toEqual(spec.trigger);
    expect(check.parameters).toEqual(spec.parameters);
    expect(check.snapshotPolicy).toEqual({});
    expect(checkFromRow(row({ snapshotPolicy: { maxRows: 50, retentionDays: 30 } })).snapshotPolicy).toEqual({
      maxRows: 50,
      retentionDays: 30,
    });
    const scheduled = checkFromRow(
      row({ triggerKind: "SCHEDULE", eventPattern: null, scheduleExpression: "rate(5 minutes)" }),
    );
    expect(scheduled.trigger).toEqual({ kind: "schedule", expression: "rate(5 minutes)" });
  });

  it("refuse rows whose JSON columns do not have the documented shape", () => {
    expect(() => checkFromRow(row({ expectation: { kind: "firstValue", op: "≈", value: 1 } }))).toThrow(
      /unreadable expectation/,
    );
    expect(() => checkFromRow(row({ parameters: [{ kind: "sql", text: "x" }] }))).toThrow(/unreadable parameters/);
    expect(() => checkFromRow(row({ triggerKind: "SCHEDULE", scheduleExpression: null }))).toThrow(
      /unreadable schedule_expression/,
    );
  });
});
