// Step Functions service integrations against the emulator's own services: events:putEvents delivered on the
// bus (a rule starts another execution), and an Athena .sync query + getQueryResults + putEvents machine run
// against the real local Athena data (skipped, loudly, while the Athena service module is not present).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
} from "@aws-sdk/client-athena";
import { PutRuleCommand, PutTargetsCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

const ROLE = "arn:aws:iam::000000000000:role/StatesRole";
const ATHENA_PRESENT = fs.existsSync(path.resolve(__dirname, "../src/athena/index.ts"));
if (!ATHENA_PRESENT)
  console.warn("[states-integrations] emulator/src/athena/index.ts is missing: the Athena tests are skipped");

let emulator: TestEmulator;
let sfn: SFNClient;
let events: EventBridgeClient;
let athena: AthenaClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  ({ sfn, events, athena } = sdkClients(emulator.url));
});
afterAll(async () => {
  await emulator?.close();
});

async function createMachine(name: string, definition: object): Promise<string> {
  return (
    await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }))
  ).stateMachineArn!;
}

async function finished(executionArn: string, timeoutMs = 30_000): Promise<DescribeExecutionCommandOutput> {
  return waitFor(async () => {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return d.status === "RUNNING" ? undefined : d;
  }, timeoutMs);
}

describe("events:putEvents", () => {
  it("delivers the event on the bus, where a rule starts another state machine", async () => {
    const receiver = await createMachine("receiver", { StartAt: "Got", States: { Got: { Type: "Pass", End: true } } });
    await events.send(
      new PutRuleCommand({
        Name: "audit-completed",
        EventPattern: JSON.stringify({ source: ["audit.checks"], "detail-type": ["Audit Check Completed"] }),
      }),
    );
    const put = await events.send(
      new PutTargetsCommand({ Rule: "audit-completed", Targets: [{ Id: "receiver", Arn: receiver, RoleArn: ROLE }] }),
    );
    expect(put.FailedEntryCount).toBe(0);

    const sender = await createMachine("sender", {
      StartAt: "Publish",
      States: {
        Publish: {
          Type: "Task",
          Resource: "arn:aws:states:::events:putEvents",
          Parameters: {
            Entries: [{ Source: "audit.checks", DetailType: "Audit Check Completed", "Detail.$": "$.result" }],
          },
          ResultPath: "$.put",
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: sender,
        input: JSON.stringify({ result: { verdict: "PASS", count: 0 } }),
      }),
    );
    const d = await finished(executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    const out = JSON.parse(d.output!);
    expect(out.put.FailedEntryCount).toBe(0);
    expect(out.put.Entries[0].EventId).toBeTruthy();

    const delivered = await waitFor(async () => {
      const list = await sfn.send(new ListExecutionsCommand({ stateMachineArn: receiver }));
      return list.executions!.length > 0 ? list.executions![0] : undefined;
    });
    const received = await sfn.send(new DescribeExecutionCommand({ executionArn: delivered.executionArn }));
    const event = JSON.parse(received.input!);
    expect(event).toMatchObject({
      source: "audit.checks",
      "detail-type": "Audit Check Completed",
      detail: { verdict: "PASS", count: 0 },
    });
    expect(event.resources).toEqual([sender, executionArn]);
  });
});

/** Runs SQL through the Athena SDK and returns the first cell of the first data row. */
async function athenaScalar(sql: string): Promise<string | undefined> {
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: "auditlogs" } }),
  );
  await waitFor(async () => {
    const q = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = q.QueryExecution!.Status!.State!;
    if (state === "FAILED" || state === "CANCELLED")
      throw new Error(`query ${state}: ${q.QueryExecution!.Status!.StateChangeReason}`);
    return state === "SUCCEEDED" ? true : undefined;
  }, 30_000);
  const results = await athena.send(new GetQueryResultsCommand({ QueryExecutionId }));
  return results.ResultSet!.Rows![1]!.Data![0]!.VarCharValue;
}

describe.skipIf(!ATHENA_PRESENT)("Athena integration", () => {
  const COUNT_SQL = "SELECT count(*) FROM aurora_audit_log WHERE operation = ?";

  it("runs startQueryExecution.sync + getQueryResults + putEvents to SUCCEEDED on the local audit data", async () => {
    const stateMachineArn = await createMachine("athena-check", {
      StartAt: "Query",
      States: {
        Query: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:startQueryExecution.sync",
          Parameters: {
            "QueryString.$": "$.sql",
            QueryExecutionContext: { Database: "auditlogs" },
            "ExecutionParameters.$": "$.parameters",
          },
          ResultSelector: {
            "id.$": "$.QueryExecution.QueryExecutionId",
            "state.$": "$.QueryExecution.Status.State",
            "scanned.$": "$.QueryExecution.Statistics.DataScannedInBytes",
          },
          ResultPath: "$.query",
          Next: "Results",
        },
        Results: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:getQueryResults",
          Parameters: { "QueryExecutionId.$": "$.query.id", MaxResults: 10 },
          ResultSelector: {
            "header.$": "$.ResultSet.Rows[0].Data[0].VarCharValue",
            "count.$": "$.ResultSet.Rows[1].Data[0].VarCharValue",
          },
          ResultPath: "$.result",
          Next: "Publish",
        },
        Publish: {
          Type: "Task",
          Resource: "arn:aws:states:::events:putEvents",
          Parameters: {
            Entries: [{ Source: "audit.checks", DetailType: "Audit Check Completed", "Detail.$": "$.result" }],
          },
          ResultPath: null,
          End: true,
        },
      },
    });
    const input = { sql: COUNT_SQL, parameters: ["'CONNECT'"] };
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    const d = await finished(executionArn!);
    expect(d.status).toBe("SUCCEEDED");
    const out = JSON.parse(d.output!);
    expect(out.query.state).toBe("SUCCEEDED");
    expect(out.query.scanned).toBeGreaterThan(0);
    const expected = await athenaScalar("SELECT count(*) FROM aurora_audit_log WHERE operation = 'CONNECT'");
    expect(out.result.count).toBe(expected);
    expect(Number(out.result.count)).toBeGreaterThan(0);

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const scheduled = history.events!.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: "athena", resource: "startQueryExecution.sync" });
    expect(JSON.parse(scheduled.parameters!)).toMatchObject({
      QueryString: COUNT_SQL,
      ExecutionParameters: ["'CONNECT'"],
    });
    expect(history.events!.map((e) => e.type)).toContain("TaskSubmitted");
  });

  it("fails with States.TaskFailed when the query fails, and surfaces API errors as Athena.<Exception>", async () => {
    const stateMachineArn = await createMachine("athena-failures", {
      StartAt: "Query",
      States: {
        Query: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:startQueryExecution.sync",
          Parameters: { "QueryString.$": "$.sql", QueryExecutionContext: { Database: "auditlogs" } },
          End: true,
        },
      },
    });
    const bad = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        input: JSON.stringify({ sql: "SELECT no_such_column FROM aurora_audit_log" }),
      }),
    );
    const d = await finished(bad.executionArn!);
    expect(d.status).toBe("FAILED");
    expect(d.error).toBe("States.TaskFailed");
    expect(JSON.parse(d.cause!).QueryExecution.Status.State).toBe("FAILED");

    const results = await createMachine("athena-api-error", {
      StartAt: "Results",
      States: {
        Results: {
          Type: "Task",
          Resource: "arn:aws:states:::athena:getQueryResults",
          Parameters: { QueryExecutionId: "00000000-0000-0000-0000-000000000000" },
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    });
    const caught = await sfn.send(new StartExecutionCommand({ stateMachineArn: results }));
    const c = await finished(caught.executionArn!);
    expect(c.status).toBe("SUCCEEDED");
    expect(JSON.parse(c.output!).Error).toMatch(/^Athena\.[A-Za-z]+Exception$/);
  });
});
