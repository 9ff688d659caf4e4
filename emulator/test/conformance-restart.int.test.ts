// The emulator as a standalone process: it starts, answers health, stops cleanly on SIGTERM, and a second process on
// the same data dir sees every service's state (rules, targets, tags, machines, executions, histories, queries,
// query results) and keeps working (an event delivered after the restart starts an execution).
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import {
  DescribeRuleCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { checkedClients, sleep, startEmulatorProcess, type EmulatorProcess } from "./outside";

const ROLE = "arn:aws:iam::000000000000:role/restart";
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

let running: EmulatorProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await running?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe("main.ts as a standalone process", () => {
  it("answers health, survives a restart with every service's state, and keeps delivering", async () => {
    running = await startEmulatorProcess();
    dataDir = running.dataDir;
    const health = await (await fetch(`${running.url}/_emulator/health`)).json();
    expect(health).toMatchObject({
      status: "ok",
      services: { events: { status: "ok" }, states: { status: "ok" }, athena: { status: "ok" } },
    });

    let c = checkedClients(running.url);
    const { stateMachineArn } = await c.sfn.send(
      new CreateStateMachineCommand({ name: "restart-sm", definition: PASS, roleArn: ROLE }),
    );
    const { RuleArn } = await c.events.send(
      new PutRuleCommand({
        Name: "restart-rule",
        EventPattern: JSON.stringify({ source: ["restart.test"] }),
        Tags: [{ Key: "k", Value: "v" }],
      }),
    );
    await c.events.send(
      new PutTargetsCommand({ Rule: "restart-rule", Targets: [{ Id: "sm", Arn: stateMachineArn, RoleArn: ROLE }] }),
    );
    const exec = await c.sfn.send(new StartExecutionCommand({ stateMachineArn, name: "before", input: '{"n":1}' }));
    await until("execution before the restart", async () => {
      const d = await c.sfn.send(new DescribeExecutionCommand({ executionArn: exec.executionArn }));
      return d.status === "SUCCEEDED" ? d : undefined;
    });
    const { QueryExecutionId } = await c.athena.send(
      new StartQueryExecutionCommand({
        QueryString: "SELECT count(*) AS n FROM aurora_audit_log",
        QueryExecutionContext: { Database: "auditlogs" },
      }),
    );
    const rowsBefore = await until("query before the restart", async () => {
      const s = (await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State;
      return s === "SUCCEEDED"
        ? (await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId }))).ResultSet!.Rows
        : undefined;
    });

    expect(await running.stop({ keepDataDir: true })).toBe(0);
    running = await startEmulatorProcess({ dataDir });
    c = checkedClients(running.url);

    const healthAfter = (await (await fetch(`${running.url}/_emulator/health`)).json()) as {
      services: Record<string, unknown>;
    };
    expect(healthAfter.services).toMatchObject({
      events: { rules: 1, targets: 1 },
      states: { stateMachines: 1, executions: { SUCCEEDED: 1 } },
      athena: { queries: { SUCCEEDED: 1 } },
    });
    expect((await c.events.send(new DescribeRuleCommand({ Name: "restart-rule" }))).Arn).toBe(RuleArn);
    expect((await c.events.send(new ListTargetsByRuleCommand({ Rule: "restart-rule" }))).Targets).toEqual([
      { Id: "sm", Arn: stateMachineArn, RoleArn: ROLE },
    ]);
    expect((await c.events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([
      { Key: "k", Value: "v" },
    ]);
    expect((await c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(PASS);
    const after = await c.sfn.send(new DescribeExecutionCommand({ executionArn: exec.executionArn }));
    expect(after).toMatchObject({ status: "SUCCEEDED", input: '{"n":1}', output: '{"n":1}' });
    const history = await c.sfn.send(new GetExecutionHistoryCommand({ executionArn: exec.executionArn }));
    expect(history.events!.map((e) => e.type)).toEqual([
      "ExecutionStarted",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
    expect(
      (await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State,
    ).toBe("SUCCEEDED");
    expect((await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId }))).ResultSet!.Rows).toEqual(rowsBefore);

    // The restored rule still delivers to the restored state machine.
    await c.events.send(
      new PutEventsCommand({ Entries: [{ Source: "restart.test", DetailType: "After Restart", Detail: "{}" }] }),
    );
    const executions = await until("an execution started by the restored rule", async () => {
      const list = (await c.sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions!;
      return list.length === 2 ? list : undefined;
    });
    expect(executions[1]!.name).toBe("before");
    expect(c.problems).toEqual([]);
  });
});
