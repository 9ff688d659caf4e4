// JSONata states through the engine, following the Step Functions developer guide ("Transforming data with
// JSONata", "Passing data between states with variables"): `{% %}` expressions in Arguments / Output / Assign,
// `$states.input/.result/.errorOutput/.context`, Choice Condition, Map Items / ItemSelector, every state type,
// the Athena .sync and events:putEvents integrations, and States.QueryEvaluationError.
import { describe, expect, it } from "vitest";
import { AwsError } from "../core/aws-error";
import type { Invoker, ServiceName } from "../core/types";
import { runForTest } from "./engine-test-run";

type Call = { service: ServiceName; op: string; input: Record<string, unknown> };

function invoker() {
  const calls: Call[] = [];
  const inv: Invoker = {
    async invoke<T>(service: ServiceName, op: string, input: object): Promise<T> {
      const inp = input as Record<string, unknown>;
      calls.push({ service, op, input: inp });
      if (op === "StartQueryExecution") {
        if (inp.QueryString === "BAD") throw new AwsError("InvalidRequestException", "line 1:1: mismatched input");
        return { QueryExecutionId: "q-1" } as T;
      }
      if (op === "GetQueryExecution")
        return { QueryExecution: { QueryExecutionId: "q-1", Status: { State: "SUCCEEDED" } } } as T;
      if (op === "GetQueryResults")
        return { ResultSet: { Rows: [{ Data: [{ VarCharValue: "n" }] }, { Data: [{ VarCharValue: "0" }] }] } } as T;
      if (op === "PutEvents") return { FailedEntryCount: 0, Entries: [{ EventId: "e-1" }] } as T;
      throw new AwsError("UnknownOperationException", op);
    },
  };
  return { inv, calls };
}

async function run(definition: object, input: unknown = {}) {
  const { inv, calls } = invoker();
  return { ...(await runForTest(definition, input, inv)), calls };
}

async function output(definition: object, input: unknown = {}): Promise<unknown> {
  const { outcome } = await run(definition, input);
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "SUCCEEDED" });
  return JSON.parse(outcome.output!);
}

const J = { QueryLanguage: "JSONata" };

describe("JSONata states", () => {
  it("Pass: Output and Assign; variables are read by later states and Assign sees the old values", async () => {
    expect(
      await output(
        {
          ...J,
          StartAt: "A",
          States: {
            A: { Type: "Pass", Assign: { count: 1, name: "{% $states.input.who %}" }, Next: "B" },
            B: {
              Type: "Pass",
              Assign: { count: "{% $count + 1 %}", before: "{% $count %}" },
              Output: { greeting: "{% 'Hello ' & $name %}", count: "{% $count %}", literal: "$name" },
              Next: "C",
            },
            C: {
              Type: "Pass",
              Output: "{% $merge([$states.input, {'after': $count, 'before': $before}]) %}",
              End: true,
            },
          },
        },
        { who: "María" },
      ),
    ).toEqual({ greeting: "Hello María", count: 1, literal: "$name", after: 2, before: 1 });
  });

  it("Task: Athena .sync and getQueryResults with Arguments, $states.result in Output and Assign", async () => {
    const { outcome, calls, recorder } = await run(
      {
        ...J,
        StartAt: "Query",
        States: {
          Query: {
            Type: "Task",
            Resource: "arn:aws:states:::athena:startQueryExecution.sync",
            Arguments: {
              QueryString: "SELECT count(*) FROM t WHERE user = ?",
              WorkGroup: "primary",
              ExecutionParameters: ['{% "\'" & $replace($states.input.user, "\'", "\'\'") & "\'" %}'],
            },
            Assign: { queryId: "{% $states.result.QueryExecution.QueryExecutionId %}" },
            Output: "{% $states.result.QueryExecution.Status.State %}",
            Next: "Results",
          },
          Results: {
            Type: "Task",
            Resource: "arn:aws:states:::athena:getQueryResults",
            Arguments: { QueryExecutionId: "{% $queryId %}", MaxResults: 2 },
            Output: {
              state: "{% $states.input %}",
              value: "{% $states.result.ResultSet.Rows[1].Data[0].VarCharValue %}",
            },
            End: true,
          },
        },
      },
      { user: "O'Brien'; DROP TABLE x; --" },
    );
    expect(outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(outcome.output!)).toEqual({ state: "SUCCEEDED", value: "0" });
    expect(calls[0]!.input.ExecutionParameters).toEqual(["'O''Brien''; DROP TABLE x; --'"]);
    expect(calls.find((c) => c.op === "GetQueryResults")!.input).toEqual({ QueryExecutionId: "q-1", MaxResults: 2 });
    const scheduled = recorder.events.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails as {
      parameters: string;
    };
    expect(JSON.parse(scheduled.parameters).QueryString).toBe("SELECT count(*) FROM t WHERE user = ?");
  });

  it("Task: events:putEvents with Arguments built from the input and the context", async () => {
    const { outcome, calls } = await run(
      {
        ...J,
        StartAt: "Put",
        States: {
          Put: {
            Type: "Task",
            Resource: "arn:aws:states:::events:putEvents",
            Arguments: {
              Entries: [
                {
                  Source: "audit.checks",
                  DetailType: "Audit Check Completed",
                  Detail: { verdict: "{% $states.input.verdict %}", execution: "{% $states.context.Execution.Name %}" },
                },
              ],
            },
            End: true,
          },
        },
      },
      { verdict: "PASS" },
    );
    expect(outcome.status).toBe("SUCCEEDED");
    const entry = (calls[0]!.input.Entries as Array<Record<string, unknown>>)[0]!;
    expect(JSON.parse(String(entry.Detail))).toEqual({ verdict: "PASS", execution: "ex" });
  });

  it("Catch: $states.errorOutput in Output and Assign; Retry counts show in the context", async () => {
    expect(
      await output(
        {
          ...J,
          StartAt: "Q",
          States: {
            Q: {
              Type: "Task",
              Resource: "arn:aws:states:::athena:startQueryExecution",
              Arguments: { QueryString: "BAD" },
              Retry: [{ ErrorEquals: ["Athena.InvalidRequestException"], IntervalSeconds: 0, MaxAttempts: 1 }],
              Catch: [
                {
                  ErrorEquals: ["States.ALL"],
                  Output: { error: "{% $states.errorOutput.Error %}", input: "{% $states.input %}" },
                  Assign: { failed: true },
                  Next: "After",
                },
              ],
              End: true,
            },
            After: { Type: "Pass", Output: "{% $merge([$states.input, {'failed': $failed}]) %}", End: true },
          },
        },
        { a: 1 },
      ),
    ).toEqual({ error: "Athena.InvalidRequestException", input: { a: 1 }, failed: true });
  });

  it("Choice: Condition picks the rule; a rule's Output and Assign apply", async () => {
    const definition = {
      ...J,
      StartAt: "C",
      States: {
        C: {
          Type: "Choice",
          Choices: [
            { Condition: "{% $states.input.n > 10 %}", Output: { size: "big" }, Next: "Done" },
            { Condition: "{% $states.input.n > 1 %}", Assign: { mid: true }, Next: "Mid" },
          ],
          Default: "Done",
        },
        Mid: { Type: "Pass", Output: { size: "{% $mid ? 'mid' : 'x' %}" }, Next: "Done" },
        Done: { Type: "Succeed" },
      },
    };
    expect(await output(definition, { n: 20 })).toEqual({ size: "big" });
    expect(await output(definition, { n: 5 })).toEqual({ size: "mid" });
    expect(await output(definition, { n: 0 })).toEqual({ n: 0 });
  });

  it("Map: Items and ItemSelector with $states.context.Map.Item; Parallel with Arguments; Wait; per-branch variables", async () => {
    expect(
      await output(
        {
          ...J,
          StartAt: "Init",
          States: {
            Init: { Type: "Pass", Assign: { outer: "o" }, Next: "Each" },
            Each: {
              Type: "Map",
              Items: "{% $states.input.values %}",
              ItemSelector: {
                index: "{% $states.context.Map.Item.Index %}",
                value: "{% $states.context.Map.Item.Value %}",
                outer: "{% $outer %}",
              },
              ItemProcessor: {
                StartAt: "Double",
                States: {
                  Double: {
                    Type: "Pass",
                    Assign: { outer: "inner" },
                    Output: "{% $states.input.value * 2 %}",
                    Next: "W",
                  },
                  W: { Type: "Wait", Seconds: "{% 0 %}", End: true },
                },
              },
              Output: { doubled: "{% $states.result %}", outer: "{% $outer %}" },
              Next: "Both",
            },
            Both: {
              Type: "Parallel",
              Arguments: { d: "{% $states.input.doubled %}" },
              Branches: [
                { StartAt: "Sum", States: { Sum: { Type: "Pass", Output: "{% $sum($states.input.d) %}", End: true } } },
                {
                  StartAt: "Count",
                  States: { Count: { Type: "Pass", Output: "{% $count($states.input.d) %}", End: true } },
                },
              ],
              Output: "{% {'sum': $states.result[0], 'count': $states.result[1], 'outer': $outer} %}",
              End: true,
            },
          },
        },
        { values: [1, 2, 3] },
      ),
    ).toEqual({ sum: 12, count: 3, outer: "o" });
  });

  it("Succeed Output and Fail Error/Cause are expressions", async () => {
    expect(
      await output(
        { ...J, StartAt: "S", States: { S: { Type: "Succeed", Output: "{% $uppercase($states.input.s) %}" } } },
        { s: "ok" },
      ),
    ).toBe("OK");
    const { outcome } = await run(
      {
        ...J,
        StartAt: "F",
        States: {
          F: { Type: "Fail", Error: "{% 'Audit.' & $states.input.code %}", Cause: "{% $string($states.input) %}" },
        },
      },
      { code: "Denied" },
    );
    expect(outcome).toEqual({ status: "FAILED", error: "Audit.Denied", cause: '{"code":"Denied"}' });
  });

  it("a JSONata state inside a JSONPath machine, and a JSONPath state reading a JSONata variable", async () => {
    expect(
      await output(
        {
          StartAt: "A",
          States: {
            A: {
              Type: "Pass",
              QueryLanguage: "JSONata",
              Assign: { x: "{% $states.input.a * 10 %}" },
              Output: { b: 2 },
              Next: "B",
            },
            B: { Type: "Pass", Parameters: { "x.$": "$x", "b.$": "$.b" }, End: true },
          },
        },
        { a: 4 },
      ),
    ).toEqual({ x: 40, b: 2 });
  });

  it("Step Functions' own JSONata functions: $partition, $range, $hash, $uuid, $parse; $eval is refused", async () => {
    expect(
      await output({
        ...J,
        StartAt: "P",
        States: {
          P: {
            Type: "Pass",
            Output: {
              p: "{% $partition([1,2,3], 2) %}",
              r: "{% $range(0, 10, 5) %}",
              h: "{% $hash('abc', 'SHA-256') %}",
              u: "{% $uuid() %}",
              j: "{% $parse('{\"a\": [1]}') %}",
            },
            End: true,
          },
        },
      }),
    ).toMatchObject({
      p: [[1, 2], [3]],
      r: [0, 5, 10],
      h: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      u: expect.stringMatching(/^[0-9a-f-]{36}$/),
      j: { a: [1] },
    });
    const { outcome } = await run({
      ...J,
      StartAt: "P",
      States: { P: { Type: "Pass", Output: "{% $eval('1') %}", End: true } },
    });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
  });
});

describe("States.QueryEvaluationError", () => {
  it("an expression that returns nothing fails the state and records EvaluationFailed", async () => {
    const { outcome, recorder } = await run({
      ...J,
      StartAt: "P",
      States: { P: { Type: "Pass", Output: { v: "{% $states.input.missing %}" }, End: true } },
    });
    expect(outcome).toEqual({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause:
        "An error occurred while executing the state 'P' (entered at the event id #1). The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).",
    });
    expect(recorder.events.map((e) => e.type)).toEqual(["PassStateEntered", "EvaluationFailed"]);
    expect(recorder.events[1]!.evaluationFailedEventDetails).toMatchObject({
      state: "P",
      error: "States.QueryEvaluationError",
      location: "Output",
    });
  });

  it("a runtime error in an expression (type error, $error) is States.QueryEvaluationError and catchable", async () => {
    const bad = await run({ ...J, StartAt: "P", States: { P: { Type: "Pass", Output: "{% 'a' + 1 %}", End: true } } });
    expect(bad.outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(bad.outcome.cause).not.toMatch(/TypeError|SyntaxError/);
    expect(
      await output({
        ...J,
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "arn:aws:states:::athena:getQueryResults",
            Arguments: { QueryExecutionId: "{% $error('boom') %}" },
            Catch: [
              { ErrorEquals: ["States.QueryEvaluationError"], Output: "{% $states.errorOutput.Error %}", Next: "D" },
            ],
            End: true,
          },
          D: { Type: "Succeed" },
        },
      }),
    ).toBe("States.QueryEvaluationError");
  });

  it("a Choice Condition that is not a boolean and Map Items that are not an array fail the same way", async () => {
    const choice = await run({
      ...J,
      StartAt: "C",
      States: { C: { Type: "Choice", Choices: [{ Condition: "{% 'yes' %}", Next: "E" }] }, E: { Type: "Succeed" } },
    });
    expect(choice.outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    const map = await run({
      ...J,
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          Items: "{% 'x' %}",
          ItemProcessor: { StartAt: "I", States: { I: { Type: "Succeed" } } },
          End: true,
        },
      },
    });
    expect(map.outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
  });
});
