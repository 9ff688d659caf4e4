// Step Functions as an outside tester sees it: a separate emulator process at http://localhost:<port>, the real SDK,
// typical argument combinations and each modeled error, every raw answer checked against the service model.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { errorOf, sleep, conformanceEmulator } from "./outside";

const ACCOUNT = "000000000000";
const REGION = "us-east-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/states`;
const PASS = JSON.stringify({
  StartAt: "P",
  States: { P: { Type: "Pass", Result: { ok: true }, ResultPath: "$.r", End: true } },
});
const WAIT = (seconds: number) =>
  JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: seconds, End: true } } });
const FAIL = JSON.stringify({
  StartAt: "F",
  States: { F: { Type: "Fail", Error: "Custom.Error", Cause: "it broke" } },
});

const c = conformanceEmulator();

async function machine(name: string, definition = PASS): Promise<string> {
  return (await c.sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }))).stateMachineArn!;
}

async function finished(executionArn: string, timeoutMs = 20_000): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await c.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    if (Date.now() > deadline) throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe("state machines", () => {
  it("CreateStateMachine → DescribeStateMachine; identical create is idempotent, a different one conflicts", async () => {
    const created = await c.sfn.send(
      new CreateStateMachineCommand({ name: "cf-sm", definition: PASS, roleArn: ROLE, type: "STANDARD" }),
    );
    expect(created.stateMachineArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-sm`);
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(Math.abs(created.creationDate!.getTime() - Date.now())).toBeLessThan(60_000);
    const d = await c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(d).toMatchObject({ name: "cf-sm", status: "ACTIVE", definition: PASS, roleArn: ROLE, type: "STANDARD" });
    const again = await c.sfn.send(new CreateStateMachineCommand({ name: "cf-sm", definition: PASS, roleArn: ROLE }));
    expect(again.stateMachineArn).toBe(created.stateMachineArn);
    expect(
      (await errorOf(c.sfn.send(new CreateStateMachineCommand({ name: "cf-sm", definition: FAIL, roleArn: ROLE }))))
        .name,
    ).toBe("StateMachineAlreadyExists");
  });

  it("refuses bad names (InvalidName), definitions (InvalidDefinition) and role ARNs (InvalidArn)", async () => {
    // A name over the model's 80 characters fails the model's constraint first (ValidationException), as on AWS.
    expect(
      (
        await errorOf(
          c.sfn.send(new CreateStateMachineCommand({ name: "a".repeat(81), definition: PASS, roleArn: ROLE })),
        )
      ).name,
    ).toBe("ValidationException");
    for (const name of ["has space", "semi;colon", "brace{", "q?"]) {
      expect(
        (await errorOf(c.sfn.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE })))).name,
        name,
      ).toBe("InvalidName");
    }
    for (const definition of [
      "not json",
      "{}",
      JSON.stringify({ StartAt: "Nope", States: { P: { Type: "Pass", End: true } } }),
    ]) {
      expect(
        (await errorOf(c.sfn.send(new CreateStateMachineCommand({ name: "cf-bad", definition, roleArn: ROLE })))).name,
        definition,
      ).toBe("InvalidDefinition");
    }
    expect(
      (
        await errorOf(
          c.sfn.send(new CreateStateMachineCommand({ name: "cf-bad", definition: PASS, roleArn: "not-an-arn" })),
        )
      ).name,
    ).toBe("InvalidArn");
  });

  it("DescribeStateMachine: StateMachineDoesNotExist for a missing machine, InvalidArn for a malformed ARN", async () => {
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    expect((await errorOf(c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: missing })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    expect((await errorOf(c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: "nope" })))).name).toBe(
      "InvalidArn",
    );
  });

  it("UpdateStateMachine needs definition or roleArn; the update shows in DescribeStateMachine", async () => {
    const arn = await machine("cf-update");
    expect((await errorOf(c.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn })))).name).toBe(
      "MissingRequiredParameter",
    );
    const out = await c.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: FAIL }));
    expect(out.updateDate).toBeInstanceOf(Date);
    expect((await c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).definition).toBe(FAIL);
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    expect(
      (await errorOf(c.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: missing, definition: PASS })))).name,
    ).toBe("StateMachineDoesNotExist");
  });

  it("ListStateMachines pages with maxResults / nextToken; a bad token is InvalidToken", async () => {
    for (const n of ["cf-list-1", "cf-list-2", "cf-list-3"]) await machine(n);
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await c.sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      expect(page.stateMachines!.length).toBeLessThanOrEqual(2);
      for (const m of page.stateMachines!) expect(m.creationDate).toBeInstanceOf(Date);
      names.push(...page.stateMachines!.map((m) => m.name!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken && pages < 50);
    expect(names).toEqual(expect.arrayContaining(["cf-list-1", "cf-list-2", "cf-list-3"]));
    expect(new Set(names).size).toBe(names.length);
    expect((await errorOf(c.sfn.send(new ListStateMachinesCommand({ nextToken: "garbage" })))).name).toBe(
      "InvalidToken",
    );
  });

  it("DeleteStateMachine removes it (describe then fails); deleting again succeeds", async () => {
    const arn = await machine("cf-delete");
    await c.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    const err = await errorOf(c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })));
    expect(err.name).toBe("StateMachineDoesNotExist");
    await c.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
  });

  it("ValidateStateMachineDefinition answers OK, or FAIL with diagnostics", async () => {
    const ok = await c.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS }));
    expect(ok).toMatchObject({ result: "OK", diagnostics: [] });
    const bad = await c.sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" } } }),
      }),
    );
    expect(bad.result).toBe("FAIL");
    expect(bad.diagnostics!.length).toBeGreaterThan(0);
    expect(bad.diagnostics![0]).toMatchObject({
      severity: "ERROR",
      code: expect.any(String),
      message: expect.any(String),
    });
  });
});

describe("executions", () => {
  let passArn: string;
  let waitArn: string;
  beforeAll(async () => {
    passArn = await machine("cf-exec-pass");
    waitArn = await machine("cf-exec-wait", WAIT(30));
  });

  it("StartExecution → DescribeExecution SUCCEEDED with input and output", async () => {
    const started = await c.sfn.send(
      new StartExecutionCommand({ stateMachineArn: passArn, name: "run-1", input: '{"a":1}' }),
    );
    expect(started.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:cf-exec-pass:run-1`);
    expect(started.startDate).toBeInstanceOf(Date);
    const d = await finished(started.executionArn!);
    expect(d).toMatchObject({ status: "SUCCEEDED", name: "run-1", stateMachineArn: passArn, input: '{"a":1}' });
    expect(JSON.parse(d.output!)).toEqual({ a: 1, r: { ok: true } });
    expect(d.stopDate!.getTime()).toBeGreaterThanOrEqual(d.startDate!.getTime());
  });

  it("without a name or input: a UUID name and input {}", async () => {
    const started = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn }));
    const d = await finished(started.executionArn!);
    expect(d.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(d.input!)).toEqual({});
  });

  it("the same name + input while RUNNING answers the same execution; other input → ExecutionAlreadyExists", async () => {
    const first = await c.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waitArn, name: "dup", input: '{"x":1}' }),
    );
    const second = await c.sfn.send(
      new StartExecutionCommand({ stateMachineArn: waitArn, name: "dup", input: '{"x":1}' }),
    );
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate?.getTime()).toBe(first.startDate?.getTime());
    expect(
      (
        await errorOf(
          c.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: "dup", input: '{"x":2}' })),
        )
      ).name,
    ).toBe("ExecutionAlreadyExists");
    await c.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  it("a closed execution's name cannot be reused (ExecutionAlreadyExists)", async () => {
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, name: "once", input: "{}" }));
    await finished(s.executionArn!);
    expect(
      (await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, name: "once", input: "{}" }))))
        .name,
    ).toBe("ExecutionAlreadyExists");
  });

  it("refuses bad names, bad input and missing machines", async () => {
    expect(
      (await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, name: "bad name" })))).name,
    ).toBe("InvalidName");
    expect(
      (await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, name: "x".repeat(81) })))).name,
    ).toBe("ValidationException");
    expect(
      (await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, input: "{nope" })))).name,
    ).toBe("InvalidExecutionInput");
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    expect((await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: missing })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    expect((await errorOf(c.sfn.send(new StartExecutionCommand({ stateMachineArn: "garbage" })))).name).toBe(
      "InvalidArn",
    );
  });

  it("a failing machine ends FAILED with error and cause, no output", async () => {
    const arn = await machine("cf-exec-fail", FAIL);
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const d = await finished(s.executionArn!);
    expect(d).toMatchObject({ status: "FAILED", error: "Custom.Error", cause: "it broke" });
    expect(d.output).toBeUndefined();
  });

  it("StopExecution aborts a running execution; DescribeExecution of a missing one is ExecutionDoesNotExist", async () => {
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: waitArn, name: "to-stop" }));
    const stopped = await c.sfn.send(
      new StopExecutionCommand({ executionArn: s.executionArn, error: "Op.Stop", cause: "testing" }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await c.sfn.send(new DescribeExecutionCommand({ executionArn: s.executionArn }));
    expect(d).toMatchObject({ status: "ABORTED", error: "Op.Stop", cause: "testing" });
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:cf-exec-pass:no-such-run`;
    expect((await errorOf(c.sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
    expect((await errorOf(c.sfn.send(new StopExecutionCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
    expect((await errorOf(c.sfn.send(new DescribeExecutionCommand({ executionArn: "garbage" })))).name).toBe(
      "InvalidArn",
    );
  });

  it("ListExecutions: newest first, statusFilter, maxResults / nextToken", async () => {
    const arn = await machine("cf-list-exec");
    const started: string[] = [];
    for (let i = 0; i < 3; i++) {
      started.push(
        (await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: `e${i}` }))).executionArn!,
      );
      await sleep(20);
    }
    for (const e of started) await finished(e);
    const all: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await c.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 2, nextToken }));
      expect(page.executions!.length).toBeLessThanOrEqual(2);
      all.push(...page.executions!.map((e) => e.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all).toEqual(["e2", "e1", "e0"]);
    expect(
      (await c.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "FAILED" }))).executions,
    ).toEqual([]);
    const ok = await c.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "SUCCEEDED" }));
    expect(ok.executions!.map((e) => e.status)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"]);
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    expect((await errorOf(c.sfn.send(new ListExecutionsCommand({ stateMachineArn: missing })))).name).toBe(
      "StateMachineDoesNotExist",
    );
    expect(
      (await errorOf(c.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: "garbage" })))).name,
    ).toBe("InvalidToken");
  });

  it("GetExecutionHistory: AWS event types and ids, reverseOrder, paging", async () => {
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: passArn, input: '{"h":1}' }));
    await finished(s.executionArn!);
    const h = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn }));
    expect(h.events!.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(h.events!.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(h.events![0]!.executionStartedEventDetails).toMatchObject({ input: '{"h":1}', roleArn: ROLE });
    expect(h.events![1]!).toMatchObject({ previousEventId: 1, stateEnteredEventDetails: { name: "P" } });
    expect(JSON.parse(h.events![3]!.executionSucceededEventDetails!.output!)).toEqual({ h: 1, r: { ok: true } });
    for (const e of h.events!) expect(e.timestamp).toBeInstanceOf(Date);
    const rev = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, reverseOrder: true }));
    expect(rev.events!.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    const p1 = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, maxResults: 3 }));
    expect(p1.events!.map((e) => e.id)).toEqual([1, 2, 3]);
    const p2 = await c.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: s.executionArn, maxResults: 3, nextToken: p1.nextToken }),
    );
    expect(p2.events!.map((e) => e.id)).toEqual([4]);
    expect(p2.nextToken).toBeUndefined();
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:execution:cf-exec-pass:no-such-run`;
    expect((await errorOf(c.sfn.send(new GetExecutionHistoryCommand({ executionArn: missing })))).name).toBe(
      "ExecutionDoesNotExist",
    );
  });
});

describe("tags", () => {
  it("TagResource / ListTagsForResource / UntagResource; ResourceNotFound for a missing machine", async () => {
    const arn = (
      await c.sfn.send(
        new CreateStateMachineCommand({
          name: "cf-tags",
          definition: PASS,
          roleArn: ROLE,
          tags: [{ key: "team", value: "sec" }],
        }),
      )
    ).stateMachineArn!;
    await c.sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "env", value: "prod" }] }));
    const tags = (await c.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags!;
    expect(Object.fromEntries(tags.map((t) => [t.key, t.value]))).toEqual({ team: "sec", env: "prod" });
    await c.sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["team"] }));
    expect((await c.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([
      { key: "env", value: "prod" },
    ]);
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    expect((await errorOf(c.sfn.send(new ListTagsForResourceCommand({ resourceArn: missing })))).name).toBe(
      "ResourceNotFound",
    );
  });
});

describe("the other modeled errors", () => {
  it("InvalidArn / ResourceNotFound on tags, history and listings; ValidationException past the model's limits", async () => {
    const arn = await machine("cf-errors");
    const missing = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:cf-nope`;
    const name = async (p: Promise<unknown>) => (await errorOf(p)).name;
    expect(
      await name(c.sfn.send(new TagResourceCommand({ resourceArn: missing, tags: [{ key: "a", value: "b" }] }))),
    ).toBe("ResourceNotFound");
    expect(await name(c.sfn.send(new UntagResourceCommand({ resourceArn: missing, tagKeys: ["a"] })))).toBe(
      "ResourceNotFound",
    );
    expect(await name(c.sfn.send(new UntagResourceCommand({ resourceArn: "garbage", tagKeys: ["a"] })))).toBe(
      "InvalidArn",
    );
    expect(await name(c.sfn.send(new ListTagsForResourceCommand({ resourceArn: "garbage" })))).toBe("InvalidArn");
    expect(await name(c.sfn.send(new GetExecutionHistoryCommand({ executionArn: "garbage" })))).toBe("InvalidArn");
    expect(await name(c.sfn.send(new ListExecutionsCommand({ stateMachineArn: "garbage" })))).toBe("InvalidArn");
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    expect(await name(c.sfn.send(new TagResourceCommand({ resourceArn: arn, tags })))).toBe("TooManyTags");
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    expect(
      await name(c.sfn.send(new StopExecutionCommand({ executionArn: s.executionArn, error: "e".repeat(257) }))),
    ).toBe("ValidationException");
    expect(
      await name(c.sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, roleArn: "r".repeat(257) }))),
    ).toBe("ValidationException");
    expect(await name(c.sfn.send(new ListStateMachinesCommand({ maxResults: 1001 })))).toBe("ValidationException");
    expect(
      await name(c.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn, maxResults: 1001 }))),
    ).toBe("ValidationException");
  });
});

describe("definitions AWS refuses, and JSONata", () => {
  it("CreateStateMachine refuses an illegal escape in an intrinsic, a non-RFC 3339 Wait Timestamp and mixed-language fields", async () => {
    const refused = [
      { StartAt: "P", States: { P: { Type: "Pass", Parameters: { "v.$": "States.Format('a\\nb')" }, End: true } } },
      { StartAt: "W", States: { W: { Type: "Wait", Timestamp: "2026-01-01 00:00:00", End: true } } },
      { QueryLanguage: "JSONata", StartAt: "P", States: { P: { Type: "Pass", ResultPath: "$.x", End: true } } },
      { StartAt: "P", States: { P: { Type: "Pass", Output: "{% 1 %}", End: true } } },
      { QueryLanguage: "JSONata", StartAt: "P", States: { P: { Type: "Pass", Output: "{% ( %}", End: true } } },
    ];
    for (const definition of refused) {
      const e = await errorOf(
        c.sfn.send(
          new CreateStateMachineCommand({ name: "cf-refused", definition: JSON.stringify(definition), roleArn: ROLE }),
        ),
      );
      expect(e.name, JSON.stringify(definition)).toBe("InvalidDefinition");
      expect(e.message).toMatch(/^Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: /);
    }
    const ok = await c.sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({
          QueryLanguage: "JSONata",
          StartAt: "P",
          States: { P: { Type: "Pass", Output: "{% $states.input %}", End: true } },
        }),
      }),
    );
    expect(ok.result).toBe("OK");
  });

  it("a JSONata machine runs: Arguments, Assign, Condition, Map Items, Output", async () => {
    const arn = await machine(
      "cf-jsonata",
      JSON.stringify({
        QueryLanguage: "JSONata",
        StartAt: "Init",
        States: {
          Init: { Type: "Pass", Assign: { factor: "{% $states.input.factor %}" }, Next: "Each" },
          Each: {
            Type: "Map",
            Items: "{% $states.input.values %}",
            ItemProcessor: {
              StartAt: "Times",
              States: { Times: { Type: "Pass", Output: "{% $states.input * $factor %}", End: true } },
            },
            Next: "Big?",
          },
          "Big?": {
            Type: "Choice",
            Choices: [{ Condition: "{% $sum($states.input) > 10 %}", Next: "Big" }],
            Default: "Small",
          },
          Big: { Type: "Succeed", Output: { total: "{% $sum($states.input) %}", size: "big" } },
          Small: { Type: "Succeed", Output: { total: "{% $sum($states.input) %}", size: "small" } },
        },
      }),
    );
    const s = await c.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ factor: 3, values: [1, 2, 3] }) }),
    );
    const d = await finished(s.executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    expect(JSON.parse(d.output!)).toEqual({ total: 18, size: "big" });
  });

  it("States.Runtime and States.QueryEvaluationError causes name the state and the event id it entered at", async () => {
    const runtime = await machine(
      "cf-runtime",
      JSON.stringify({
        StartAt: "First",
        States: {
          First: { Type: "Pass", Next: "Second" },
          Second: { Type: "Pass", InputPath: "$.missing", End: true },
        },
      }),
    );
    const a = await finished((await c.sfn.send(new StartExecutionCommand({ stateMachineArn: runtime }))).executionArn!);
    expect(a).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'Second' (entered at the event id #4). Invalid path '$.missing' : No results for path: $['missing']",
    });
    const query = await machine(
      "cf-query-error",
      JSON.stringify({
        QueryLanguage: "JSONata",
        StartAt: "P",
        States: { P: { Type: "Pass", Output: "{% $states.input.nothing %}", End: true } },
      }),
    );
    const s = await c.sfn.send(new StartExecutionCommand({ stateMachineArn: query }));
    const b = await finished(s.executionArn!);
    expect(b).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(b.cause).toMatch(/^An error occurred while executing the state 'P' \(entered at the event id #2\)\. /);
    const events = (await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: s.executionArn! }))).events!;
    expect(events.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "EvaluationFailed",
      "ExecutionFailed",
    ]);
    expect(events[2]!.evaluationFailedEventDetails).toMatchObject({ state: "P", location: "Output" });
  });
});
