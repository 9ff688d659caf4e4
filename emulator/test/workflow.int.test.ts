// The end-to-end story of issue 3, through the real SDK clients only: the ORIGINAL rule pattern and the ORIGINAL ECS
// event (placeholders filled consistently) fire a rule whose target is a correct state machine; the execution runs an
// Athena query (.sync) over the generated Aurora audit log and reads its result; the administrator-login count that
// Athena returns equals a count computed here, in plain JS, from the generated CSV files themselves.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GetQueryExecutionCommand, GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { DescribeRuleCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { emulatorAdmin, startTestEmulator, waitFor, type TestEmulator } from "./helpers";
import { checkedClients } from "./outside";

const FIXTURES = path.resolve(__dirname, "../../fixtures/seed");
const CATALOG_FILE = path.resolve(__dirname, "../data/catalog.json");
const ROLE = "arn:aws:iam::000000000000:role/audit-check-runner";

/** The Aurora cluster the ECS task exported logs for: its container command, and the prefix of every serverhost. */
const AURORA_CLUSTER = "prod-aurora-cluster";
/** The ECS cluster that ran the export task (the event's `クラスター名` placeholder). */
const ECS_CLUSTER = "audit-log-export";

/** The original event with its placeholders filled: the ECS cluster name and the container command. */
/** The ECS Task State Change event, as far as this test reads it. */
interface EcsEvent {
  source: string;
  "detail-type": string;
  time: string;
  resources: string[];
  detail: { clusterArn: string } & Record<string, unknown>;
}

function originalEvent(command = AURORA_CLUSTER): EcsEvent {
  const text = fs
    .readFileSync(path.join(FIXTURES, "seed-ecs-task-state-change.event.json"), "utf8")
    .replaceAll("指定したコマンドデータ", command)
    .replaceAll("クラスター名", ECS_CLUSTER);
  return JSON.parse(text) as EcsEvent;
}

/** The original rule pattern with its placeholders filled to match the event: cluster ARN and command. */
function originalPattern(clusterArn: string): string {
  const text = fs.readFileSync(path.join(FIXTURES, "seed-rule-pattern.json"), "utf8");
  const filled = text.replace("ECSクラスター ARN", clusterArn).replace("Aurora クラスター名", AURORA_CLUSTER);
  expect(filled).not.toMatch(/[^\x00-\x7f]/); // every placeholder was filled
  return filled;
}

/** A correct version of the author's workflow: .sync instead of polling, a failure path, a small result. */
const STATE_MACHINE = {
  Comment: "Counts administrator logins on the Aurora cluster named by the ECS task's command",
  StartAt: "CountAdminLogins",
  States: {
    CountAdminLogins: {
      Type: "Task",
      Resource: "arn:aws:states:::athena:startQueryExecution.sync",
      Parameters: {
        QueryString:
          "SELECT count(*) AS admin_logins FROM aurora_audit_log " +
          "WHERE username IN ('admin', 'rdsadmin') AND operation = 'CONNECT' AND starts_with(serverhost, ?)",
        QueryExecutionContext: { Catalog: "AwsDataCatalog", Database: "auditlogs" },
        ResultConfiguration: { OutputLocation: "s3://audit-results/workflow/" },
        WorkGroup: "primary",
        "ExecutionParameters.$": "$.parameters",
      },
      ResultSelector: {
        "QueryExecutionId.$": "$.QueryExecution.QueryExecutionId",
        "State.$": "$.QueryExecution.Status.State",
      },
      ResultPath: "$.query",
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "QueryFailed" }],
      Next: "ReadCount",
    },
    ReadCount: {
      Type: "Task",
      Resource: "arn:aws:states:::athena:getQueryResults",
      Parameters: { "QueryExecutionId.$": "$.query.QueryExecutionId", MaxResults: 2 },
      // Header row first, then the single data row: keep only the value, never the result set.
      ResultSelector: { "adminLogins.$": "$.ResultSet.Rows[1].Data[0].VarCharValue" },
      ResultPath: "$.result",
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "QueryFailed" }],
      End: true,
    },
    QueryFailed: {
      Type: "Fail",
      Error: "AuditQueryFailed",
      Cause: "The audit query failed or its result could not be read",
    },
  },
};

/**
 * Administrator logins counted straight from the generator's CSV files (no DuckDB, no SQL): the first seven fields
 * of a line never contain commas (only `object`, the ninth, may), so a plain split is exact for them.
 */
function countAdminLoginsInFiles(dataDir: string, cluster: string): { count: number; lines: number } {
  type Catalog = {
    catalogs: Array<{ databases: Array<{ name: string; tables: Array<{ name: string; location: string }> }> }>;
  };
  const catalog = JSON.parse(fs.readFileSync(CATALOG_FILE, "utf8")) as Catalog;
  const table = catalog.catalogs
    .flatMap((c) => c.databases)
    .find((d) => d.name === "auditlogs")!
    .tables.find((t) => t.name === "aurora_audit_log")!;
  const dir = path.isAbsolute(table.location) ? table.location : path.join(dataDir, table.location);
  let count = 0;
  let lines = 0;
  for (const part of fs.readdirSync(dir).filter((d) => d.startsWith("dt="))) {
    for (const file of fs.readdirSync(path.join(dir, part)).filter((f) => f.endsWith(".csv"))) {
      for (const line of fs.readFileSync(path.join(dir, part, file), "utf8").split("\n")) {
        if (line === "") continue;
        lines++;
        const [, serverhost, username, , , , operation] = line.split(",");
        if (
          (username === "admin" || username === "rdsadmin") &&
          operation === "CONNECT" &&
          serverhost!.startsWith(cluster)
        )
          count++;
      }
    }
  }
  return { count, lines };
}

let emu: TestEmulator;
let clients: ReturnType<typeof checkedClients>;

beforeAll(async () => {
  emu = await startTestEmulator();
  // Real SDK clients whose every raw answer (histories, query results, ...) is also checked against the SDK service schemas.
  clients = checkedClients(emu.url);
});
afterAll(async () => {
  await emu?.close();
});
afterEach(() => {
  expect(clients.problems.splice(0)).toEqual([]);
});

describe("the audit workflow end to end (issue 3)", () => {
  it("refuses the original state machine as InvalidDefinition", async () => {
    const definition = fs.readFileSync(path.join(FIXTURES, "seed-state-machine.asl.json"), "utf8");
    const err = await clients.sfn
      .send(new CreateStateMachineCommand({ name: "seed-original", definition, roleArn: ROLE }))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err?.name).toBe("InvalidDefinition");
  });

  it("the original polling design runs once its defects are fixed (Next, ResultPath, End, the query placeholder)", async () => {
    const seed = JSON.parse(fs.readFileSync(path.join(FIXTURES, "seed-state-machine.asl.json"), "utf8"));
    const first = seed.States.AthenaQueryExecution;
    first.Next = "Wait"; // was "wait": no such state
    first.ResultPath = "$.AthenaQueryExecutionOutPut"; // the path the later states read
    delete first.Parameters["QueryString.$"]; // was a placeholder, not a JSONPath
    first.Parameters.QueryString =
      "SELECT count(*) FROM aurora_audit_log WHERE username IN ('admin', 'rdsadmin') AND operation = 'CONNECT'";
    first.Parameters.QueryExecutionContext = { Database: "auditlogs" };
    first.Parameters.ResultConfiguration.OutputLocation = "s3://audit-results/seed/";
    first.Parameters.WorkGroup = "primary";
    seed.States.Wait.Seconds = 1;
    seed.States.GetAthenaQueryResults.End = true; // was the string "True"
    const { stateMachineArn } = await clients.sfn.send(
      new CreateStateMachineCommand({ name: "seed-fixed", definition: JSON.stringify(seed), roleArn: ROLE }),
    );
    const { executionArn } = await clients.sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
    const done = await waitFor(
      async () => {
        const d = await clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      },
      60_000,
      200,
    );
    expect(done.status).toBe("SUCCEEDED");
    // The last state returns GetQueryResults itself: header row `_col0`, then the count (as in the seed's result).
    const rows = JSON.parse(done.output!).ResultSet.Rows;
    expect(rows[0].Data[0].VarCharValue).toBe("_col0");
    expect(rows[1].Data[0].VarCharValue).toBe(String(countAdminLoginsInFiles(emu.dataDir, "").count));
    const types = (
      await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))
    ).events!.map((e) => e.type);
    expect(types).toContain("WaitStateEntered");
    expect(types).toContain("ChoiceStateEntered");
  });

  it("rule (original pattern) + state machine target + original event → SUCCEEDED → the admin-login count", async () => {
    const event = originalEvent();
    const clusterArn: string = event.detail.clusterArn;
    expect(clusterArn).toBe(`arn:aws:ecs:ap-northeast-1:1234567891911:cluster/${ECS_CLUSTER}`);

    const { stateMachineArn } = await clients.sfn.send(
      new CreateStateMachineCommand({
        name: "count-admin-logins",
        definition: JSON.stringify(STATE_MACHINE),
        roleArn: ROLE,
      }),
    );

    const rule = "aurora-audit-log-exported";
    const { RuleArn } = await clients.events.send(
      new PutRuleCommand({ Name: rule, EventPattern: originalPattern(clusterArn) }),
    );
    expect((await clients.events.send(new DescribeRuleCommand({ Name: rule }))).Arn).toBe(RuleArn);

    const targets = await clients.events.send(
      new PutTargetsCommand({
        Rule: rule,
        Targets: [
          {
            Id: "count-admin-logins",
            Arn: stateMachineArn,
            RoleArn: ROLE,
            InputTransformer: {
              InputPathsMap: { command: "$.detail.overrides.containerOverrides[0].command[0]" },
              // Athena ExecutionParameters are SQL literals: the string placeholder is quoted inside the template.
              InputTemplate:
                '{"cluster": "<command>", "parameters": ["\'<command>\'"], "rule": "<aws.events.rule-name>", "event": <aws.events.event.json>}',
            },
          },
        ],
      }),
    );
    expect(targets.FailedEntryCount).toBe(0);

    // One event that must NOT match (another Aurora cluster in the command), then the original one.
    const entry = (e: EcsEvent) => ({
      Source: e.source,
      DetailType: e["detail-type"],
      Detail: JSON.stringify(e.detail),
      Resources: e.resources,
      Time: new Date(e.time),
    });
    const put = await clients.events.send(
      new PutEventsCommand({ Entries: [entry(originalEvent("staging-aurora-cluster")), entry(event)] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries).toHaveLength(2);

    // The execution appears (bounded wait), and it is the only one: the non-matching event started nothing.
    const [summary] = await waitFor(async () => {
      const list = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
      return list.executions?.length ? list.executions : undefined;
    }, 15_000);
    await emulatorAdmin(emu.url, "GET", "/_emulator/events/idle");
    expect((await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions).toHaveLength(1);

    const done: DescribeExecutionCommandOutput = await waitFor(
      async () => {
        const d = await clients.sfn.send(new DescribeExecutionCommand({ executionArn: summary!.executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      },
      60_000,
      200,
    );
    if (done.status !== "SUCCEEDED") {
      const history = await clients.sfn.send(
        new GetExecutionHistoryCommand({ executionArn: summary!.executionArn, reverseOrder: true, maxResults: 5 }),
      );
      throw new Error(
        `execution ${done.status}: ${done.error} ${done.cause}\n${JSON.stringify(history.events, null, 1)}`,
      );
    }

    // The history tells the AWS story: the .sync Athena task was scheduled, submitted and succeeded.
    const history = (
      await clients.sfn.send(new GetExecutionHistoryCommand({ executionArn: summary!.executionArn, maxResults: 1000 }))
    ).events!;
    const scheduled = history.filter((e) => e.type === "TaskScheduled").map((e) => e.taskScheduledEventDetails!);
    expect(scheduled.map((d) => [d.resourceType, d.resource])).toEqual([
      ["athena", "startQueryExecution.sync"],
      ["athena", "getQueryResults"],
    ]);
    expect(JSON.parse(scheduled[0]!.parameters!).ExecutionParameters).toEqual([`'${AURORA_CLUSTER}'`]);
    expect(history.map((e) => e.type)).toContain("TaskSubmitted");
    expect(history[history.length - 1]!.type).toBe("ExecutionSucceeded");

    // The input is what the InputTransformer made of the original event.
    const input = JSON.parse(done.input!);
    expect(input.cluster).toBe(AURORA_CLUSTER);
    expect(input.parameters).toEqual([`'${AURORA_CLUSTER}'`]);
    expect(input.rule).toBe(rule);
    expect(input.event.source).toBe("aws.ecs");
    expect(input.event.detail.clusterArn).toBe(clusterArn);

    const output = JSON.parse(done.output!);
    expect(output.query.State).toBe("SUCCEEDED");
    const queryExecutionId: string = output.query.QueryExecutionId;

    // The query the execution ran: SUCCEEDED, with its parameter, and it really scanned data.
    const qe = (await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId })))
      .QueryExecution!;
    expect(qe.Status?.State).toBe("SUCCEEDED");
    expect(qe.ExecutionParameters).toEqual([`'${AURORA_CLUSTER}'`]);
    expect(qe.QueryExecutionContext?.Database).toBe("auditlogs");
    expect(qe.Statistics?.DataScannedInBytes).toBeGreaterThan(0);

    // GetQueryResults on that query: header row, then the count, equal to the count taken from the files.
    const results = await clients.athena.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId }));
    const rows = results.ResultSet!.Rows!;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.Data![0]!.VarCharValue).toBe("admin_logins");
    expect(results.ResultSet!.ResultSetMetadata!.ColumnInfo![0]).toMatchObject({
      Name: "admin_logins",
      Type: "bigint",
    });
    const athenaCount = rows[1]!.Data![0]!.VarCharValue;

    const expected = countAdminLoginsInFiles(emu.dataDir, AURORA_CLUSTER);
    expect(expected.lines).toBeGreaterThan(1000); // the generated table is really there
    expect(expected.count).toBeGreaterThan(0); // and the check has something to find
    expect(athenaCount).toBe(String(expected.count));
    expect(output.result.adminLogins).toBe(String(expected.count));
  });
});
