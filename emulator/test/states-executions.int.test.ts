// Step Functions executions through the real SDK: runs of Pass/Choice/Wait/Fail/Parallel/Map machines,
// StopExecution, idempotent StartExecution, ListExecutions paging, history shape and paging, modeled errors,
// recorded (not sent) SNS/HTTP tasks, and state that survives an emulator restart.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { emulatorAdmin, sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

const ROLE = "arn:aws:iam::000000000000:role/StatesRole";

let emulator: TestEmulator;
let sfn: SFNClient;
let counter = 0;

beforeAll(async () => {
  emulator = await startTestEmulator();
  sfn = sdkClients(emulator.url).sfn;
});
afterAll(async () => {
  await emulator?.close();
});

async function machine(definition: object, type: "STANDARD" | "EXPRESS" = "STANDARD", client = sfn): Promise<string> {
  const out = await client.send(
    new CreateStateMachineCommand({
      name: `m-${++counter}-${Date.now()}`,
      definition: JSON.stringify(definition),
      roleArn: ROLE,
      type,
    }),
  );
  return out.stateMachineArn!;
}

async function finished(
  executionArn: string,
  client = sfn,
  timeoutMs = 20_000,
): Promise<DescribeExecutionCommandOutput> {
  return waitFor(async () => {
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === "RUNNING" ? undefined : d;
  }, timeoutMs);
}

async function history(executionArn: string, client = sfn): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...page.events!);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { name: (err as Error).name, message: (err as Error).message };
  }
  throw new Error("expected the call to fail");
}

const PASS_CHOICE_WAIT = {
  StartAt: "Prepare",
  States: {
    Prepare: {
      Type: "Pass",
      Parameters: { "n.$": "$.n", "label.$": "States.Format('run-{}', $.n)" },
      ResultPath: "$.prepared",
      Next: "Branch",
    },
    Branch: {
      Type: "Choice",
      Choices: [{ Variable: "$.prepared.n", NumericGreaterThan: 10, Next: "Big" }],
      Default: "Pause",
    },
    Pause: { Type: "Wait", Seconds: 1, Next: "Small" },
    Small: { Type: "Pass", Result: "small", ResultPath: "$.size", End: true },
    Big: { Type: "Pass", Result: "big", ResultPath: "$.size", End: true },
  },
};

describe("running executions", () => {
  it("runs a Pass/Choice/Wait machine to SUCCEEDED with the right output", async () => {
    const stateMachineArn = await machine(PASS_CHOICE_WAIT);
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: "small-one", input: JSON.stringify({ n: 3 }) }),
    );
    expect(started.executionArn).toBe(stateMachineArn.replace(":stateMachine:", ":execution:") + ":small-one");
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(running.status).toBe("RUNNING");
    expect(running.output).toBeUndefined();

    const d = await finished(started.executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output!)).toEqual({ n: 3, prepared: { n: 3, label: "run-3" }, size: "small" });
    expect(d.input).toBe(JSON.stringify({ n: 3 }));
    expect(d.inputDetails).toEqual({ included: true });
    expect(d.outputDetails).toEqual({ included: true });
    expect(d.stopDate!.getTime() - d.startDate!.getTime()).toBeGreaterThanOrEqual(900);

    const big = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ n: 42 }) }));
    const bigDone = await finished(big.executionArn!);
    expect(JSON.parse(bigDone.output!).size).toBe("big");
    expect(bigDone.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/); // default name: a UUID
  });

  it("ends FAILED at a Fail state with its error and cause, and no output", async () => {
    const stateMachineArn = await machine({
      StartAt: "Boom",
      States: { Boom: { Type: "Fail", Error: "Audit.Failed", Cause: "too many logins" } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const d = await finished(executionArn!);
    expect(d).toMatchObject({ status: "FAILED", error: "Audit.Failed", cause: "too many logins" });
    expect(d.output).toBeUndefined();
    const events = await history(executionArn!);
    expect(events.map((e) => e.type)).toEqual(["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]);
    expect(events[2]!.executionFailedEventDetails).toEqual({ error: "Audit.Failed", cause: "too many logins" });
  });

  it("reports States.NoChoiceMatched and a failed Task with an unsupported resource", async () => {
    const noMatch = await machine({
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "a", Next: "D" }] },
        D: { Type: "Succeed" },
      },
    });
    const a = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: noMatch, input: JSON.stringify({ x: "b" }) }),
    );
    expect(await finished(a.executionArn!)).toMatchObject({ status: "FAILED", error: "States.NoChoiceMatched" });

    const lambda = await machine({
      StartAt: "L",
      States: { L: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", End: true } },
    });
    const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: lambda }));
    const d = await finished(b.executionArn!);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("States.TaskFailed");
    expect(d.cause).toContain("arn:aws:lambda:us-east-1:000000000000:function:f");
    const failed = (await history(b.executionArn!)).find((e) => e.type === "TaskFailed");
    expect(failed!.taskFailedEventDetails).toMatchObject({ resourceType: "lambda", error: "States.TaskFailed" });
  });

  it("catches a task error with Catch and continues", async () => {
    const stateMachineArn = await machine({
      StartAt: "L",
      States: {
        L: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:000000000000:function:f",
          Catch: [{ ErrorEquals: ["States.TaskFailed"], ResultPath: "$.err", Next: "Recovered" }],
          End: true,
        },
        Recovered: { Type: "Pass", End: true },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    const d = await finished(executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output!).err.Error).toBe("States.TaskFailed");
  });

  it("runs Parallel branches and Map iterations, with Task handlers found inside them", async () => {
    const stateMachineArn = await machine({
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Pass", Result: 1, End: true } } },
            {
              StartAt: "Notify",
              States: {
                Notify: {
                  Type: "Task",
                  Resource: "arn:aws:states:::sns:publish",
                  Parameters: { TopicArn: "arn:aws:sns:us-east-1:000000000000:audit", Message: "hello" },
                  ResultSelector: { "id.$": "$.MessageId" },
                  End: true,
                },
              },
            },
          ],
          ResultPath: "$.parallel",
          Next: "Each",
        },
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            StartAt: "Post",
            States: {
              Post: {
                Type: "Task",
                Resource: "arn:aws:states:::http:invoke",
                Parameters: { "ApiEndpoint.$": "States.Format('https://example.invalid/items/{}', $)", Method: "POST" },
                ResultSelector: { "status.$": "$.StatusCode" },
                End: true,
              },
            },
          },
          ResultPath: "$.mapped",
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [7, 8] }) }),
    );
    const d = await finished(executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    const out = JSON.parse(d.output!);
    expect(out.parallel[0]).toBe(1);
    expect(out.parallel[1].id).toMatch(/[0-9a-f-]{36}/);
    expect(out.mapped).toEqual([{ status: 200 }, { status: 200 }]);

    const types = (await history(executionArn!)).map((e) => e.type);
    for (const t of [
      "ParallelStateEntered",
      "ParallelStateStarted",
      "ParallelStateSucceeded",
      "ParallelStateExited",
      "MapStateEntered",
      "MapStateStarted",
      "MapIterationStarted",
      "MapIterationSucceeded",
      "MapStateSucceeded",
      "MapStateExited",
    ]) {
      expect(types).toContain(t);
    }
    // Recorded, not sent: intrinsic functions were resolved before the handler saw the parameters.
    const recorded = await emulatorAdmin<{ calls: Array<{ resource: string; parameters: Record<string, unknown> }> }>(
      emulator.url,
      "GET",
      `/_emulator/states/recorded-calls?executionArn=${encodeURIComponent(executionArn!)}`,
    );
    const endpoints = recorded.calls
      .filter((c) => c.resource === "http:invoke")
      .map((c) => c.parameters.ApiEndpoint)
      .sort();
    expect(endpoints).toEqual(["https://example.invalid/items/7", "https://example.invalid/items/8"]);
    expect(recorded.calls.filter((c) => c.resource === "sns:publish")).toHaveLength(1);
  });

  it("computes States.Hash like node:crypto for long inputs (the interpreter's own hashing is wrong from 56 bytes)", async () => {
    const long = Array.from({ length: 200 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join("");
    const a = "x".repeat(99) + "a";
    const b = "x".repeat(99) + "b";
    const algorithms = {
      "SHA-1": "sha1",
      "SHA-256": "sha256",
      "SHA-384": "sha384",
      "SHA-512": "sha512",
      MD5: "md5",
    } as const;
    const parameters = Object.fromEntries(
      Object.keys(algorithms).flatMap((alg) =>
        ["long", "a", "b"].map((k) => [`${k}_${alg}.$`, `States.Hash($.${k}, '${alg}')`]),
      ),
    );
    const stateMachineArn = await machine({
      StartAt: "H",
      States: { H: { Type: "Pass", Parameters: parameters, End: true } },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ long, a, b }) }),
    );
    const d = await finished(executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    const output = JSON.parse(d.output!) as Record<string, string>;
    for (const [alg, nodeAlg] of Object.entries(algorithms)) {
      for (const [k, s] of Object.entries({ long, a, b }))
        expect(output[`${k}_${alg}`]).toBe(createHash(nodeAlg).update(s, "utf8").digest("hex"));
      expect(output[`a_${alg}`]).not.toBe(output[`b_${alg}`]);
    }
  });

  it("ends TIMED_OUT when the machine's TimeoutSeconds elapses", async () => {
    const stateMachineArn = await machine({
      TimeoutSeconds: 1,
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 30, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const d = await finished(executionArn!);
    expect(d).toMatchObject({ status: "TIMED_OUT", error: "States.Timeout" });
    expect((await history(executionArn!)).at(-1)!.type).toBe("ExecutionTimedOut");
  });

  it("keeps the old definition for a running execution after UpdateStateMachine", async () => {
    const stateMachineArn = await machine({
      StartAt: "W",
      States: { W: { Type: "Wait", Seconds: 1, Next: "R" }, R: { Type: "Pass", Result: "old", End: true } },
    });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn,
        definition: JSON.stringify({ StartAt: "R", States: { R: { Type: "Pass", Result: "new", End: true } } }),
      }),
    );
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    expect((await finished(first.executionArn!)).output).toBe('"old"');
    expect((await finished(second.executionArn!)).output).toBe('"new"');
  });
});

describe("StopExecution", () => {
  it("aborts a running execution with error and cause", async () => {
    const stateMachineArn = await machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, End: true } } });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await waitFor(async () =>
      (await history(executionArn!)).some((e) => e.type === "WaitStateEntered") ? true : undefined,
    );
    const stopped = await sfn.send(
      new StopExecutionCommand({ executionArn, error: "Operator.Stop", cause: "no longer needed" }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ status: "ABORTED", error: "Operator.Stop", cause: "no longer needed" });
    expect(d.stopDate!.getTime()).toBe(stopped.stopDate!.getTime());
    const events = await history(executionArn!);
    expect(events.slice(-2).map((e) => e.type)).toEqual(["WaitStateAborted", "ExecutionAborted"]);
    expect(events.at(-1)!.executionAbortedEventDetails).toEqual({ error: "Operator.Stop", cause: "no longer needed" });
    // Nothing is appended after the abort.
    await new Promise((r) => setTimeout(r, 200));
    expect(await history(executionArn!)).toHaveLength(events.length);
  });

  it("answers ExecutionDoesNotExist and InvalidArn", async () => {
    const missing = "arn:aws:states:us-east-1:000000000000:execution:nope:nope";
    expect((await errorOf(sfn.send(new StopExecutionCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
    expect(
      (
        await errorOf(
          sfn.send(new StopExecutionCommand({ executionArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x" })),
        )
      ).name,
    ).toBe("InvalidArn");
  });
});

describe("StartExecution rules", () => {
  it("is idempotent for the same name and input while RUNNING, else ExecutionAlreadyExists", async () => {
    const stateMachineArn = await machine({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, End: true } } });
    const input = JSON.stringify({ a: 1 });
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "once", input }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "once", input }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate!.getTime()).toBe(first.startDate!.getTime());
    const other = await errorOf(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: "once", input: JSON.stringify({ a: 2 }) })),
    );
    expect(other.name).toBe("ExecutionAlreadyExists");
    await finished(first.executionArn!);
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, name: "once", input })))).name).toBe(
      "ExecutionAlreadyExists",
    );
  });

  it("validates name, input and the machine", async () => {
    const stateMachineArn = await machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, name: "bad name" })))).name).toBe(
      "InvalidName",
    );
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, name: "a:b" })))).name).toBe(
      "InvalidName",
    );
    const badJson = await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{oops" })));
    expect(badJson.name).toBe("InvalidExecutionInput");
    const big = JSON.stringify({ blob: "x".repeat(262_144) });
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn, input: big })))).name).toBe(
      "InvalidExecutionInput",
    );
    const gone = stateMachineArn.replace(/m-\d+-\d+$/, "missing-machine");
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: gone })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    expect((await errorOf(sfn.send(new StartExecutionCommand({ stateMachineArn: "arn:nope" })))).name).toBe(
      "InvalidArn",
    );
  });
});

describe("ListExecutions", () => {
  it("lists newest first, pages with nextToken and filters by status", async () => {
    const stateMachineArn = await machine({
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.slow", BooleanEquals: true, Next: "W" }], Default: "P" },
        W: { Type: "Wait", Seconds: 60, End: true },
        P: { Type: "Pass", End: true },
      },
    });
    const names: string[] = [];
    for (let i = 0; i < 7; i++) {
      const name = `e${i}`;
      names.push(name);
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ slow: i === 5 }) }));
    }
    await waitFor(async () => {
      const done = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED" }));
      return done.executions!.length === 6 ? true : undefined;
    });
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 3, nextToken }));
      expect(page.executions!.length).toBeLessThanOrEqual(3);
      seen.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...names].reverse());

    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING" }));
    expect(running.executions!.map((e) => e.name)).toEqual(["e5"]);
    expect(running.executions![0]!.stopDate).toBeUndefined();
    const succeeded = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: "SUCCEEDED", maxResults: 4 }),
    );
    expect(succeeded.executions!.map((e) => e.name)).toEqual(["e6", "e4", "e3", "e2"]);
    expect(succeeded.executions![0]!.stopDate).toBeInstanceOf(Date);
    const rest = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn,
        statusFilter: "SUCCEEDED",
        maxResults: 4,
        nextToken: succeeded.nextToken,
      }),
    );
    expect(rest.executions!.map((e) => e.name)).toEqual(["e1", "e0"]);
    expect(rest.nextToken).toBeUndefined();
    await sfn.send(new StopExecutionCommand({ executionArn: running.executions![0]!.executionArn }));
  });

  it("answers InvalidToken, ValidationException, StateMachineDoesNotExist and StateMachineTypeNotSupported", async () => {
    const stateMachineArn = await machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    expect((await errorOf(sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken: "garbage" })))).name).toBe(
      "InvalidToken",
    );
    expect((await errorOf(sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1001 })))).name).toBe(
      "ValidationException",
    );
    expect((await errorOf(sfn.send(new ListExecutionsCommand({})))).name).toBe("ValidationException");
    const gone = stateMachineArn.replace(/m-\d+-\d+$/, "gone");
    expect((await errorOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: gone })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    const express = await machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }, "EXPRESS");
    expect((await errorOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: express })))).name).toBe(
      "StateMachineTypeNotSupported",
    );
  });
});

describe("DescribeExecution / GetExecutionHistory", () => {
  it("returns AWS-shaped events with ids, previousEventId, timestamps and details; pages both ways", async () => {
    const stateMachineArn = await machine(PASS_CHOICE_WAIT);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ n: 1 }) }),
    );
    await finished(executionArn!);
    const events = await history(executionArn!);
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "WaitStateEntered",
      "WaitStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBe(i);
      expect(e.timestamp).toBeInstanceOf(Date);
      if (i > 0) expect(e.timestamp!.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.timestamp!.getTime());
    });
    expect(events[0]!.executionStartedEventDetails).toEqual({
      input: '{"n":1}',
      inputDetails: { truncated: false },
      roleArn: ROLE,
    });
    expect(events[1]!.stateEnteredEventDetails).toEqual({
      name: "Prepare",
      input: '{"n":1}',
      inputDetails: { truncated: false },
    });
    expect(JSON.parse(events[2]!.stateExitedEventDetails!.output!)).toEqual({
      n: 1,
      prepared: { n: 1, label: "run-1" },
    });
    expect(events[9]!.executionSucceededEventDetails!.outputDetails).toEqual({ truncated: false });

    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 4 }),
    );
    expect(reversed.events!.map((e) => e.id)).toEqual([10, 9, 8, 7]);
    const paged: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 3, nextToken }));
      paged.push(...page.events!.map((e) => e.id!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(paged).toEqual(events.map((e) => e.id));

    const lean = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(lean.events![0]!.executionStartedEventDetails!.input).toBeUndefined();
    expect(lean.events![1]!.stateEnteredEventDetails!.name).toBe("Prepare");

    const meta = await sfn.send(new DescribeExecutionCommand({ executionArn, includedData: "METADATA_ONLY" }));
    expect(meta.input).toBeUndefined();
    expect(meta.status).toBe("SUCCEEDED");
  });

  it("answers ExecutionDoesNotExist, InvalidArn and InvalidToken", async () => {
    const missing = "arn:aws:states:us-east-1:000000000000:execution:nope:nope";
    expect((await errorOf(sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
    expect((await errorOf(sfn.send(new GetExecutionHistoryCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
    expect((await errorOf(sfn.send(new DescribeExecutionCommand({ executionArn: "arn:aws:states:::x" })))).name).toBe(
      "InvalidArn",
    );
    const stateMachineArn = await machine({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await finished(executionArn!);
    expect((await errorOf(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: "garbage" })))).name).toBe(
      "InvalidToken",
    );
  });
});

describe("restart", () => {
  it("keeps machines, executions and histories; a RUNNING execution ends FAILED with States.Runtime", async () => {
    const first = await startTestEmulator({ keepDataDir: true });
    const dataDir = first.dataDir;
    let client = sdkClients(first.url).sfn;
    const quick = await machine(
      { StartAt: "P", States: { P: { Type: "Pass", Result: { kept: true }, End: true } } },
      "STANDARD",
      client,
    );
    const slow = await machine(
      { StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, End: true } } },
      "STANDARD",
      client,
    );
    const done = await client.send(new StartExecutionCommand({ stateMachineArn: quick, name: "done" }));
    await finished(done.executionArn!, client);
    const hanging = await client.send(new StartExecutionCommand({ stateMachineArn: slow, name: "hanging" }));
    // A copy taken while the execution runs is what a crash leaves behind.
    const crashDir = `${dataDir}-crash`;
    fs.cpSync(dataDir, crashDir, { recursive: true });
    await first.close();

    const second = await startTestEmulator({ dataDir });
    try {
      client = sdkClients(second.url).sfn;
      const d = await client.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
      expect(d).toMatchObject({ status: "SUCCEEDED", output: '{"kept":true}' });
      expect((await history(done.executionArn!, client)).map((e) => e.type)).toEqual([
        "ExecutionStarted",
        "PassStateEntered",
        "PassStateExited",
        "ExecutionSucceeded",
      ]);
      const h = await client.send(new DescribeExecutionCommand({ executionArn: hanging.executionArn }));
      expect(h).toMatchObject({ status: "FAILED", error: "States.Runtime" });
      expect(h.cause).toMatch(/emulator stopped/);
      expect((await history(hanging.executionArn!, client)).at(-1)!.type).toBe("ExecutionFailed");
      const listed = await client.send(new ListExecutionsCommand({ stateMachineArn: quick }));
      expect(listed.executions!.map((e) => e.name)).toEqual(["done"]);
    } finally {
      await second.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

    const third = await startTestEmulator({ dataDir: crashDir });
    try {
      client = sdkClients(third.url).sfn;
      const h = await client.send(new DescribeExecutionCommand({ executionArn: hanging.executionArn }));
      expect(h).toMatchObject({ status: "FAILED", error: "States.Runtime" });
      const events = await history(hanging.executionArn!, client);
      expect(events.map((e) => e.type)).toEqual(["ExecutionStarted", "ExecutionFailed"]);
    } finally {
      await third.close();
      fs.rmSync(crashDir, { recursive: true, force: true });
    }
  });
});
