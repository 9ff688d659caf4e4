import { describe, expect, it } from "vitest";
import { needsQueryLookup, queryIdInCause, toExecutionRecord } from "./execution-record";

const base = {
  executionArn: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x-manual-20261127T235959Z",
  stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner",
  name: "x-manual-20261127T235959Z",
  startDate: new Date("2026-11-27T23:59:59Z"),
};
const input = JSON.stringify({
  check: { id: "7d5c3f0e-0000-4000-8000-000000000001", slug: "x", generation: 4 },
  trigger: { kind: "rerun", rerunOf: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x-manual-1" },
  query: {
    sql: "SELECT 1",
    catalog: "AwsDataCatalog",
    database: "d",
    workgroup: "primary",
    outputLocation: "s3://bucket/",
    parameters: [],
  },
  expectation: { kind: "none" },
  event: { source: "aws.events" },
});

describe("toExecutionRecord", () => {
  it("attributes the execution to its check, generation and trigger, and reads the verdict and statistics", () => {
    const r = toExecutionRecord({
      ...base,
      status: "SUCCEEDED",
      stopDate: new Date("2026-11-28T00:00:01Z"),
      input,
      output: JSON.stringify({
        checkId: "c",
        generation: 4,
        verdict: "FAIL",
        queryExecutionId: "q1",
        previewRowCount: 1,
        firstValue: "12",
        statistics: { DataScannedInBytes: 2048, EngineExecutionTimeInMillis: 90, QueryQueueTimeInMillis: 4 },
        error: null,
      }),
    });
    expect(r).toMatchObject({
      checkId: "7d5c3f0e-0000-4000-8000-000000000001",
      checkSlug: "x",
      checkGeneration: 4,
      triggerKind: "rerun",
      rerunOf: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x-manual-1",
      verdict: "FAIL",
      firstValue: "12",
      queryExecutionId: "q1",
      dataScannedBytes: 2048n,
      engineTimeMs: 90,
      queueTimeMs: 4,
    });
    expect((r.input as { event: unknown }).event).toEqual({ source: "aws.events" });
    expect(needsQueryLookup(r)).toBe(false);
  });

  it("keeps who started a console run (trigger.actor) and none for a rule's run", () => {
    const byOperator = JSON.parse(input);
    byOperator.trigger.actor = { id: "user:operator", name: "Demo operator" };
    const started = toExecutionRecord({ ...base, status: "RUNNING", input: JSON.stringify(byOperator) });
    expect(started.actorName).toBe("Demo operator");
    expect(toExecutionRecord({ ...base, status: "RUNNING", input }).actorName).toBeNull();
  });

  it("gives a FAILED execution the ERROR verdict and finds its query in the cause", () => {
    const cause = JSON.stringify({ QueryExecution: { QueryExecutionId: "q-failed", Status: { State: "FAILED" } } });
    const r = toExecutionRecord({ ...base, status: "FAILED", input, error: "States.TaskFailed", cause });
    expect(r).toMatchObject({ verdict: "ERROR", queryExecutionId: "q-failed", error: "States.TaskFailed" });
    expect(needsQueryLookup(r)).toBe(true);
    expect(queryIdInCause("no json here")).toBeNull();
  });

  it("indexes a foreign execution without a check", () => {
    const r = toExecutionRecord({ ...base, status: "RUNNING", input: '{"hello":"world"}' });
    expect(r).toMatchObject({
      checkId: null,
      triggerKind: null,
      verdict: null,
      status: "RUNNING",
      input: { hello: "world" },
    });
  });

  it("refuses a check id that is not a UUID (the column is uuid) but keeps the slug", () => {
    const r = toExecutionRecord({
      ...base,
      status: "SUCCEEDED",
      input: JSON.stringify({ check: { id: "not-a-uuid", slug: "s", generation: 1 } }),
    });
    expect(r).toMatchObject({ checkId: null, checkSlug: "s", checkGeneration: 1 });
  });
});
