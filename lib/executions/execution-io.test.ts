import { describe, expect, it } from "vitest";
import { looseCheckRef, parseExecutionInput, parseExecutionOutput } from "./execution-io";

const input = {
  check: { id: "7d5c3f0e-0000-4000-8000-000000000001", slug: "aurora-admin-logins", generation: 3 },
  trigger: { kind: "event" },
  query: {
    sql: "SELECT count(*) FROM audit_log WHERE cluster = ?",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://audit-checks-results/",
    parameters: ["'prod-aurora'"],
  },
  expectation: { kind: "firstValue", op: "eq", value: 0 },
  event: { source: "aws.ecs", "detail-type": "ECS Task State Change", detail: {} },
};

describe("parseExecutionInput", () => {
  it("reads the contract back", () => {
    const parsed = parseExecutionInput(JSON.stringify(input));
    expect(parsed?.check).toEqual(input.check);
    expect(parsed?.trigger.kind).toBe("event");
    expect(parsed?.event).toEqual(input.event);
  });

  it("keeps the parameter sources, reading the older event kind name as eventPath", () => {
    const sources = [
      { kind: "literal", value: "'prod-aurora'" },
      { kind: "eventPath", path: "$.detail.a", value: 1 },
      { kind: "event", path: "$.detail.b", value: "x" },
    ];
    const parsed = parseExecutionInput(
      JSON.stringify({ ...input, query: { ...input.query, parameterSources: sources } }),
    );
    expect(parsed?.query.parameterSources).toEqual([
      { kind: "literal", value: "'prod-aurora'" },
      { kind: "eventPath", path: "$.detail.a", value: 1 },
      { kind: "eventPath", path: "$.detail.b", value: "x" },
    ]);
  });

  it("keeps rerunOf", () => {
    const parsed = parseExecutionInput(JSON.stringify({ ...input, trigger: { kind: "rerun", rerunOf: "arn:x" } }));
    expect(parsed?.trigger).toEqual({ kind: "rerun", rerunOf: "arn:x" });
  });

  it("answers null for foreign, malformed or missing input", () => {
    expect(parseExecutionInput('{"hello":1}')).toBeNull();
    expect(parseExecutionInput("{not json")).toBeNull();
    expect(parseExecutionInput(undefined)).toBeNull();
    expect(parseExecutionInput(JSON.stringify({ ...input, trigger: { kind: "cron" } }))).toBeNull();
  });

  it("still attributes a partly valid input to its check", () => {
    expect(looseCheckRef(JSON.stringify({ check: { id: "c1", generation: 2 } }))).toEqual({
      id: "c1",
      slug: null,
      generation: 2,
    });
    expect(looseCheckRef('{"check":{}}')).toBeNull();
  });
});

describe("parseExecutionOutput", () => {
  it("reads a full output", () => {
    const out = {
      checkId: "c1",
      generation: 2,
      verdict: "FAIL",
      queryExecutionId: "q-1",
      previewRowCount: 1,
      firstValue: "3",
      statistics: { DataScannedInBytes: 1024, EngineExecutionTimeInMillis: 120 },
      error: null,
    };
    expect(parseExecutionOutput(JSON.stringify(out))).toEqual(out);
  });

  it("keeps the numeric statistics when Athena's include objects", () => {
    const out = {
      checkId: "c1",
      generation: 1,
      verdict: "FAIL",
      statistics: { DataScannedInBytes: 5, ResultReuseInformation: { ReusedPreviousResult: false } },
    };
    expect(parseExecutionOutput(JSON.stringify(out))?.statistics).toEqual({ DataScannedInBytes: 5 });
  });

  it("tolerates missing optional fields and a numeric first value", () => {
    expect(parseExecutionOutput('{"checkId":"c1","generation":1,"verdict":"PASS","firstValue":0}')).toMatchObject({
      verdict: "PASS",
      firstValue: "0",
      queryExecutionId: null,
      statistics: null,
    });
  });

  it("answers null without a verdict", () => {
    expect(parseExecutionOutput('{"checkId":"c1","generation":1}')).toBeNull();
    expect(parseExecutionOutput(null)).toBeNull();
  });
});
