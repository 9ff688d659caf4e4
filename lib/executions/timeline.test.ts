import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { buildTimeline } from "./timeline";

const t = (s: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, 0) + s * 1000);
let id = 0;
const ev = (type: string, s: number, extra: Partial<HistoryEvent> = {}): HistoryEvent =>
  ({ id: ++id, type, timestamp: t(s), ...extra }) as HistoryEvent;

describe("buildTimeline", () => {
  it("folds a successful run into steps with durations, resource and attempts", () => {
    id = 0;
    const history = [
      ev("ExecutionStarted", 0),
      ev("TaskStateEntered", 0.1, { stateEnteredEventDetails: { name: "RunQuery" } }),
      ev("TaskScheduled", 0.2, {
        taskScheduledEventDetails: {
          resourceType: "athena",
          resource: "startQueryExecution.sync",
          parameters: "{}",
          region: "us-east-1",
        },
      }),
      ev("TaskFailed", 1, {
        taskFailedEventDetails: {
          resourceType: "athena",
          resource: "startQueryExecution.sync",
          error: "Athena.TooManyRequestsException",
          cause: "slow down",
        },
      }),
      ev("TaskScheduled", 2, {
        taskScheduledEventDetails: {
          resourceType: "athena",
          resource: "startQueryExecution.sync",
          parameters: "{}",
          region: "us-east-1",
        },
      }),
      ev("TaskSucceeded", 3.5),
      ev("TaskStateExited", 3.6, { stateExitedEventDetails: { name: "RunQuery" } }),
      ev("ChoiceStateEntered", 3.6, { stateEnteredEventDetails: { name: "Decide" } }),
      ev("ChoiceStateExited", 3.7, { stateExitedEventDetails: { name: "Decide" } }),
      ev("ExecutionSucceeded", 4),
    ];
    const tl = buildTimeline(history.reverse());
    expect(tl.outcome).toEqual({ type: "ExecutionSucceeded", error: null });
    expect(tl.steps.map((s) => [s.name, s.stateType, s.status])).toEqual([
      ["RunQuery", "Task", "caught"],
      ["Decide", "Choice", "succeeded"],
    ]);
    const run = tl.steps[0]!;
    expect(run.durationMs).toBe(3500);
    expect(run.offsetMs).toBe(100);
    expect(run.attempts).toBe(2);
    expect(run.resource).toBe("athena:startQueryExecution.sync");
    expect(run.errors).toEqual([{ error: "Athena.TooManyRequestsException", cause: "slow down" }]);
    expect(tl.eventCount).toBe(10);
    expect(tl.steps.map((s) => s.depth)).toEqual([0, 0]);
  });

  it("marks the state that was open when the execution failed, with the execution's error", () => {
    id = 0;
    const tl = buildTimeline([
      ev("ExecutionStarted", 0),
      ev("TaskStateEntered", 0, { stateEnteredEventDetails: { name: "RunQuery" } }),
      ev("ExecutionFailed", 2, { executionFailedEventDetails: { error: "States.Runtime", cause: "boom" } }),
    ]);
    expect(tl.steps[0]).toMatchObject({
      status: "failed",
      durationMs: 2000,
      errors: [{ error: "States.Runtime", cause: "boom" }],
    });
    expect(tl.outcome?.error).toEqual({ error: "States.Runtime", cause: "boom" });
  });

  it("finds the query id in the history, also when the execution was stopped before its output", () => {
    id = 0;
    const tl = buildTimeline([
      ev("ExecutionStarted", 0),
      ev("TaskStateEntered", 0, { stateEnteredEventDetails: { name: "StartQuery" } }),
      ev("TaskScheduled", 0, {
        taskScheduledEventDetails: {
          resourceType: "athena",
          resource: "startQueryExecution.sync",
          parameters: "{}",
          region: "us-east-1",
        },
      }),
      ev("TaskSubmitted", 0.1, {
        taskSubmittedEventDetails: {
          resourceType: "athena",
          resource: "startQueryExecution.sync",
          output: '{"QueryExecutionId":"q-123"}',
        },
      }),
      ev("ExecutionAborted", 2, { executionAbortedEventDetails: { error: "StoppedByOperator", cause: "by me" } }),
    ]);
    expect(tl.queryExecutionId).toBe("q-123");
    expect(tl.outcome).toEqual({ type: "ExecutionAborted", error: { error: "StoppedByOperator", cause: "by me" } });
    expect(tl.steps[0]!.status).toBe("failed");
  });

  it("nests the states of a Map iteration under the Map", () => {
    id = 0;
    const tl = buildTimeline([
      ev("ExecutionStarted", 0),
      ev("MapStateEntered", 0, { stateEnteredEventDetails: { name: "BuildParameters" } }),
      ev("PassStateEntered", 0.1, { stateEnteredEventDetails: { name: "Quote" } }),
      ev("PassStateExited", 0.2, { stateExitedEventDetails: { name: "Quote" } }),
      ev("MapStateExited", 0.3, { stateExitedEventDetails: { name: "BuildParameters" } }),
      ev("ExecutionSucceeded", 1),
    ]);
    expect(tl.steps.map((s) => [s.name, s.depth, s.durationMs])).toEqual([
      ["BuildParameters", 0, 300],
      ["Quote", 1, 100],
    ]);
  });

  it("leaves a running state open without a duration", () => {
    id = 0;
    const tl = buildTimeline([
      ev("ExecutionStarted", 0),
      ev("TaskStateEntered", 1, { stateEnteredEventDetails: { name: "RunQuery" } }),
    ]);
    expect(tl.steps[0]).toMatchObject({ status: "running", durationMs: null });
    expect(tl.endedAt).toBeNull();
  });
});
