// The execution engine against an in-memory Invoker standing in for Athena and EventBridge: .sync polling,
// failed queries, Athena.<Exception> errors with Retry/Catch, putEvents normalisation, task history events.
import { describe, expect, it } from "vitest";
import { AwsError } from "../core/aws-error";
import type { Invoker, ServiceName } from "../core/types";
import { runForTest } from "./engine-test-run";

type Call = { service: ServiceName; op: string; input: Record<string, unknown> };

/** A fake Athena: each query goes QUEUED → RUNNING → `final` over successive GetQueryExecution calls. */
function fakeInvoker(
  opts: { final?: "SUCCEEDED" | "FAILED" | "CANCELLED"; throttleStarts?: number; failedEntries?: number } = {},
) {
  const calls: Call[] = [];
  const polls = new Map<string, number>();
  let throttles = opts.throttleStarts ?? 0;
  const invoker: Invoker = {
    async invoke<T>(service: ServiceName, op: string, input: object): Promise<T> {
      const inp = input as Record<string, unknown>;
      calls.push({ service, op, input: inp });
      if (service === "athena" && op === "StartQueryExecution") {
        if (throttles > 0) {
          throttles--;
          throw new AwsError("TooManyRequestsException", "Rate exceeded");
        }
        if (inp.QueryString === "BAD")
          throw new AwsError("InvalidRequestException", "line 1:1: mismatched input 'BAD'");
        return { QueryExecutionId: "q-1" } as T;
      }
      if (service === "athena" && op === "GetQueryExecution") {
        const n = (polls.get(String(inp.QueryExecutionId)) ?? 0) + 1;
        polls.set(String(inp.QueryExecutionId), n);
        const state = n === 1 ? "QUEUED" : n === 2 ? "RUNNING" : (opts.final ?? "SUCCEEDED");
        return {
          QueryExecution: {
            QueryExecutionId: inp.QueryExecutionId,
            Status: {
              State: state,
              SubmissionDateTime: 1700000000.5,
              ...(state === "FAILED" ? { StateChangeReason: "TABLE_NOT_FOUND" } : {}),
            },
            Statistics: { DataScannedInBytes: 42 },
          },
        } as T;
      }
      if (service === "athena" && op === "GetQueryResults") {
        return { ResultSet: { Rows: [{ Data: [{ VarCharValue: "_col0" }] }, { Data: [{ VarCharValue: "3" }] }] } } as T;
      }
      if (service === "athena" && op === "StopQueryExecution") return {} as T;
      if (service === "events" && op === "PutEvents") {
        const failed = opts.failedEntries ?? 0;
        return {
          FailedEntryCount: failed,
          Entries: failed ? [{ ErrorCode: "X", ErrorMessage: "bad" }] : [{ EventId: "ev-1" }],
        } as T;
      }
      throw new AwsError("UnknownOperationException", `${service}.${op}`);
    },
  };
  return { invoker, calls };
}

const QUERY_MACHINE = {
  StartAt: "Query",
  States: {
    Query: {
      Type: "Task",
      Resource: "arn:aws:states:::athena:startQueryExecution.sync",
      Parameters: { "QueryString.$": "$.sql", WorkGroup: "primary", "ExecutionParameters.$": "States.Array($.user)" },
      ResultPath: "$.query",
      Next: "Results",
    },
    Results: {
      Type: "Task",
      Resource: "arn:aws:states:::athena:getQueryResults",
      Parameters: { "QueryExecutionId.$": "$.query.QueryExecution.QueryExecutionId", MaxResults: 10 },
      ResultSelector: { "count.$": "$.ResultSet.Rows[1].Data[0].VarCharValue" },
      ResultPath: "$.result",
      End: true,
    },
  },
};

describe("ExecutionRun with Athena tasks", () => {
  it("waits for a .sync query, resolves paths and intrinsics, and records AWS task events", async () => {
    const { invoker, calls } = fakeInvoker();
    const { outcome, recorder } = await runForTest(QUERY_MACHINE, { sql: "SELECT 1", user: "'admin'" }, invoker);
    expect(outcome.status).toBe("SUCCEEDED");
    const output = JSON.parse(outcome.output!);
    expect(output.result).toEqual({ count: "3" });
    expect(output.query.QueryExecution.Status.State).toBe("SUCCEEDED");
    // Timestamps reach the state machine as epoch milliseconds.
    expect(output.query.QueryExecution.Status.SubmissionDateTime).toBe(1700000000500);
    expect(calls[0]).toEqual({
      service: "athena",
      op: "StartQueryExecution",
      input: { QueryString: "SELECT 1", WorkGroup: "primary", ExecutionParameters: ["'admin'"] },
    });
    expect(calls.filter((c) => c.op === "GetQueryExecution")).toHaveLength(3);

    const types = recorder.events.map((e) => e.type);
    expect(types).toEqual([
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSubmitted",
      "TaskSucceeded",
      "TaskStateExited",
      "TaskStateEntered",
      "TaskScheduled",
      "TaskStarted",
      "TaskSucceeded",
      "TaskStateExited",
    ]);
    const scheduled = recorder.events[1]!.taskScheduledEventDetails as Record<string, unknown>;
    expect(scheduled).toMatchObject({
      resourceType: "athena",
      resource: "startQueryExecution.sync",
      region: "us-east-1",
    });
    expect(JSON.parse(String(scheduled.parameters))).toEqual({
      QueryString: "SELECT 1",
      WorkGroup: "primary",
      ExecutionParameters: ["'admin'"],
    });
    expect(
      JSON.parse(String((recorder.events[3]!.taskSubmittedEventDetails as Record<string, unknown>).output)),
    ).toEqual({ QueryExecutionId: "q-1" });
  });

  it("fails the task with States.TaskFailed and the query as cause when the query FAILS", async () => {
    const { invoker } = fakeInvoker({ final: "FAILED" });
    const { outcome, recorder } = await runForTest(QUERY_MACHINE, { sql: "SELECT 1", user: "x" }, invoker);
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.TaskFailed");
    expect(JSON.parse(outcome.cause!).QueryExecution.Status).toMatchObject({
      State: "FAILED",
      StateChangeReason: "TABLE_NOT_FOUND",
    });
    const failed = recorder.events.find((e) => e.type === "TaskFailed")!;
    expect(failed.taskFailedEventDetails).toMatchObject({
      resourceType: "athena",
      resource: "startQueryExecution.sync",
      error: "States.TaskFailed",
    });
  });

  it("surfaces Athena API errors as Athena.<Exception>, retryable and catchable by name", async () => {
    const { invoker, calls } = fakeInvoker({ throttleStarts: 2 });
    const definition = {
      StartAt: "Start",
      States: {
        Start: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:startQueryExecution",
          Parameters: { "QueryString.$": "$.sql" },
          Retry: [{ ErrorEquals: ["Athena.TooManyRequestsException"], IntervalSeconds: 0, MaxAttempts: 3 }],
          Catch: [{ ErrorEquals: ["Athena.InvalidRequestException"], ResultPath: "$.error", Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    };
    const ok = await runForTest(definition, { sql: "SELECT 1" }, invoker);
    expect(ok.outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(ok.outcome.output!)).toEqual({ QueryExecutionId: "q-1" });
    expect(calls.filter((c) => c.op === "StartQueryExecution")).toHaveLength(3);
    expect(
      ok.recorder.events
        .filter((e) => e.type === "TaskFailed")
        .map((e) => (e.taskFailedEventDetails as { error: string }).error),
    ).toEqual(["Athena.TooManyRequestsException", "Athena.TooManyRequestsException"]);

    const bad = await runForTest(definition, { sql: "BAD" }, fakeInvoker().invoker);
    expect(bad.outcome.status).toBe("SUCCEEDED");
    const caught = JSON.parse(bad.outcome.output!).error;
    expect(caught.Error).toBe("Athena.InvalidRequestException");
    expect(caught.Cause).toMatch(
      /mismatched input 'BAD' \(Service: AmazonAthena; Status Code: 400; Error Code: InvalidRequestException/,
    );
  });
});

describe("ExecutionRun with EventBridge, SNS and HTTP tasks", () => {
  const PUT = {
    StartAt: "Put",
    States: {
      Put: {
        Type: "Task",
        Resource: "arn:aws:states:::events:putEvents",
        Parameters: {
          Entries: [{ Source: "audit.checks", DetailType: "Audit Check Completed", "Detail.$": "$.detail" }],
        },
        End: true,
      },
    },
  };

  it("sends putEvents through the invoker with a serialised Detail and the execution in Resources", async () => {
    const { invoker, calls } = fakeInvoker();
    const { outcome } = await runForTest(PUT, { detail: { verdict: "PASS" } }, invoker);
    expect(outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(outcome.output!)).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: "ev-1" }] });
    const entry = (calls[0]!.input.Entries as Array<Record<string, unknown>>)[0]!;
    expect(entry.Detail).toBe('{"verdict":"PASS"}');
    expect(entry.Resources).toEqual([
      "arn:aws:states:us-east-1:000000000000:stateMachine:sm",
      "arn:aws:states:us-east-1:000000000000:execution:sm:ex",
    ]);
  });

  it("fails with EventBridge.FailedEntry when an entry is refused", async () => {
    const { outcome } = await runForTest(PUT, { detail: {} }, fakeInvoker({ failedEntries: 1 }).invoker);
    expect(outcome).toMatchObject({ status: "FAILED", error: "EventBridge.FailedEntry" });
  });

  it("records SNS publish without sending it", async () => {
    const { invoker, calls } = fakeInvoker();
    const definition = {
      StartAt: "N",
      States: {
        N: {
          Type: "Task",
          Resource: "arn:aws:states:::sns:publish",
          Parameters: { TopicArn: "arn:aws:sns:us-east-1:0:t", "Message.$": "$" },
          End: true,
        },
      },
    };
    const { outcome, recorded } = await runForTest(definition, { a: 1 }, invoker);
    expect(outcome.status).toBe("SUCCEEDED");
    expect(calls).toHaveLength(0);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ resource: "sns:publish", stateName: "N", parameters: { Message: '{"a":1}' } });
  });

  it("records task events in order inside Map iterations", async () => {
    const definition = {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          MaxConcurrency: 1,
          ItemProcessor: {
            StartAt: "N",
            States: {
              N: {
                Type: "Task",
                Resource: "arn:aws:states:::sns:publish",
                Parameters: { TopicArn: "arn:aws:sns:us-east-1:0:t", "Message.$": "$" },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const { outcome, recorder, recorded } = await runForTest(definition, [1, 2, 3], fakeInvoker().invoker);
    expect(outcome.status).toBe("SUCCEEDED");
    expect(recorded.map((c) => (c.parameters as { Message: string }).Message)).toEqual(["1", "2", "3"]);
    const taskEvents = recorder.events.map((e) => e.type).filter((t) => t.startsWith("Task"));
    const one = ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited"];
    expect(taskEvents).toEqual([...one, ...one, ...one]);
  });

  it("fails an unsupported resource with States.TaskFailed naming it", async () => {
    const definition = {
      StartAt: "X",
      States: { X: { Type: "Task", Resource: "arn:aws:states:::dynamodb:query", End: true } },
    };
    const { outcome } = await runForTest(definition, {}, fakeInvoker().invoker);
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.TaskFailed");
    expect(outcome.cause).toContain("arn:aws:states:::dynamodb:query");
  });

  it("honours a Task's TimeoutSeconds with States.Timeout and TaskTimedOut", async () => {
    const slow: Invoker = {
      invoke: () => new Promise(() => {}), // never answers
    };
    const definition = {
      StartAt: "Q",
      States: {
        Q: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:getQueryExecution",
          Parameters: { QueryExecutionId: "q" },
          TimeoutSeconds: 1,
          End: true,
        },
      },
    };
    const { outcome, recorder } = await runForTest(definition, {}, slow);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(recorder.events.map((e) => e.type)).toContain("TaskTimedOut");
  });
});
