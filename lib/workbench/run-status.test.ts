import type { QueryExecution } from "@aws-sdk/client-athena";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_BYTES, queryBytes, runStatusFrom, statLines } from "./run-status";

const submitted = new Date("2026-12-03T09:00:00.000Z");

function query(over: Partial<QueryExecution> & { state: string }): QueryExecution {
  return {
    QueryExecutionId: "q-1",
    StatementType: "DML",
    ...over,
    Status: { State: over.state as never, SubmissionDateTime: submitted, ...over.Status },
  };
}

describe("runStatusFrom", () => {
  it("counts a running query's elapsed time to now, with no cost yet", () => {
    const s = runStatusFrom(query({ state: "RUNNING" }), new Date(submitted.getTime() + 2500));
    expect([s.state, s.done, s.elapsedMs, s.cost, s.error]).toEqual(["RUNNING", false, 2500, null, null]);
  });

  it("gives a small finished query the 10 MB minimum and formats its statistics", () => {
    const s = runStatusFrom(
      query({
        state: "SUCCEEDED",
        Status: {
          State: "SUCCEEDED",
          SubmissionDateTime: submitted,
          CompletionDateTime: new Date(submitted.getTime() + 1240),
        },
        Statistics: { DataScannedInBytes: 1536, EngineExecutionTimeInMillis: 850, QueryQueueTimeInMillis: 40 },
      }),
      new Date(submitted.getTime() + 99_000),
    );
    expect(s.elapsedMs).toBe(1240);
    expect(s.cost).toMatchObject({ billedMb: 10, minimumApplied: true });
    expect(statLines(s)).toEqual([
      { label: "Elapsed", value: "1.24 s" },
      { label: "Data scanned", value: "1.50 KB" },
      { label: "Cost", value: "$0.000048", note: "10 MB minimum" },
      { label: "Engine time", value: "850 ms" },
      { label: "Queue time", value: "40 ms" },
    ]);
  });

  it("bills a large scan per MB rounded up", () => {
    const s = runStatusFrom(
      query({ state: "SUCCEEDED", Statistics: { DataScannedInBytes: 5 * 1024 ** 3 + 1 } }),
      submitted,
    );
    const cost = statLines(s).find((l) => l.label === "Cost")!;
    expect(cost).toEqual({ label: "Cost", value: "$0.02", note: "5,121 MB billed" });
  });

  it("parses a failed query's error and makes it free", () => {
    const s = runStatusFrom(
      query({
        state: "FAILED",
        Status: {
          State: "FAILED",
          SubmissionDateTime: submitted,
          StateChangeReason: "SYNTAX_ERROR: line 3:14: mismatched input 'FORM'",
          AthenaError: {
            ErrorCategory: 2,
            ErrorType: 1000,
            ErrorMessage: "SYNTAX_ERROR: line 3:14: mismatched input 'FORM'",
          },
        },
      }),
    );
    expect(s.error).toMatchObject({ code: "SYNTAX_ERROR", line: 3, column: 14 });
    expect(statLines(s).find((l) => l.label === "Cost")).toEqual({
      label: "Cost",
      value: "$0.00",
      note: "failed queries are free",
    });
  });

  it("has no error for a cancelled query", () => {
    const s = runStatusFrom(
      query({
        state: "CANCELLED",
        Status: { State: "CANCELLED", StateChangeReason: "Query was cancelled by StopQueryExecution." },
      }),
    );
    expect([s.done, s.error]).toEqual([true, null]);
  });
});

describe("queryBytes", () => {
  it("counts UTF-8 bytes against Athena's 256 KB", () => {
    expect(queryBytes("é")).toBe(2);
    expect(queryBytes("x".repeat(MAX_QUERY_BYTES)) > MAX_QUERY_BYTES).toBe(false);
    expect(queryBytes("é".repeat(MAX_QUERY_BYTES / 2) + "x") > MAX_QUERY_BYTES).toBe(true);
  });
});
