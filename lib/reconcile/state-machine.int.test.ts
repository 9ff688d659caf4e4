// The generated state machine running on the emulator (Step Functions + Athena over auditlogs.aurora_audit_log):
// PASS, FAIL and ERROR for every expectation kind, and a rule-triggered run whose query parameter comes from the
// event through the InputTransformer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetQueryExecutionCommand } from "@aws-sdk/client-athena";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import type { ExecutionOutput } from "@/lib/checks/execution-contract";
import type { Check, Expectation } from "@/lib/checks/types";
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { stateMachineArn } from "./config";
import { clearFaults, injectFault, recordingClients } from "./emulator-test-support";
import { Reconciler } from "./reconciler";
import { buildExecutionInput } from "./target-input";
import { MemoryCheckStore, makeCheck, testConfig } from "./test-fixtures";

let emu: EmulatorProcess;
let aws: AwsClients;

beforeAll(async () => {
  emu = await startEmulator();
  aws = createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  // Creates the shared state machine (no checks yet).
  const report = await new Reconciler({
    events: aws.events,
    sfn: aws.sfn,
    config: testConfig,
    store: new MemoryCheckStore(),
  }).reconcile();
  expect(report.stateMachineError).toBeNull();
});

afterAll(async () => {
  await emu?.stop();
});

async function waitFor(executionArn: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const d = await aws.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    if (Date.now() > deadline) throw new Error(`execution ${executionArn} still running`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let n = 0;
async function runCheck(sql: string, expectation: Expectation, parameters: Check["parameters"] = []) {
  const check = makeCheck({ sql, expectation, parameters });
  const input = buildExecutionInput(check, { kind: "manual" }, { source: "manual", detail: {} });
  const started = await aws.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn(testConfig),
      name: `it-${Date.now()}-${n++}`,
      input: JSON.stringify(input),
    }),
  );
  const done = await waitFor(started.executionArn!);
  expect(done.status, `${done.error ?? ""} ${done.cause ?? ""}`).toBe("SUCCEEDED");
  return JSON.parse(done.output!) as ExecutionOutput;
}

const LOG = "auditlogs.aurora_audit_log";

describe("the generated state machine on the emulator", () => {
  it.each([
    ["none", "SELECT 1 AS one", { kind: "none" }, [], "PASS"],
    ["none", `SELECT * FROM auditlogs.no_such_table`, { kind: "none" }, [], "ERROR"],
    ["noRows", `SELECT username FROM ${LOG} WHERE 1 = 0`, { kind: "noRows" }, [], "PASS"],
    ["noRows", `SELECT username FROM ${LOG} LIMIT 3`, { kind: "noRows" }, [], "FAIL"],
    ["noRows", `SELECT no_such_column FROM ${LOG}`, { kind: "noRows" }, [], "ERROR"],
    ["rowCount", `SELECT username FROM ${LOG} LIMIT 3`, { kind: "rowCount", op: "eq", value: 3 }, [], "PASS"],
    ["rowCount", `SELECT username FROM ${LOG} LIMIT 5`, { kind: "rowCount", op: "le", value: 3 }, [], "FAIL"],
    ["rowCount", `SELEC username FROM ${LOG}`, { kind: "rowCount", op: "eq", value: 3 }, [], "ERROR"],
    [
      "firstValue",
      `SELECT count(*) FROM ${LOG} WHERE username = ?`,
      { kind: "firstValue", op: "ge", value: 0 },
      [{ kind: "literal", value: "'admin'" }],
      "PASS",
    ],
    [
      "firstValue",
      `SELECT count(*) FROM ${LOG} WHERE username = ?`,
      { kind: "firstValue", op: "lt", value: 0 },
      [{ kind: "literal", value: "'admin'" }],
      "FAIL",
    ],
    ["firstValue", "SELECT 'not a number' AS v", { kind: "firstValue", op: "eq", value: 0 }, [], "ERROR"],
  ] as const)("%s: %s → %s", async (_kind, sql, expectation, parameters, verdict) => {
    const out = await runCheck(sql, expectation as Expectation, parameters as unknown as Check["parameters"]);
    expect(out.verdict).toBe(verdict);
    if (verdict === "ERROR") {
      expect(out.error?.cause).toBeTruthy();
    } else {
      expect(out.queryExecutionId).toBeTruthy();
      expect(out.error).toBeNull();
    }
  });

  it("no unacknowledged findings: FAIL while a row is not acknowledged, PASS once all are (NULL keys too)", async () => {
    const sql = "SELECT * FROM (VALUES ('admin', '10.0.0.1'), ('rdsadmin', NULL)) AS t(username, host)";
    const run = async (acknowledgedFindings: (string | null)[][]) => {
      const check = makeCheck({
        slug: `unack-${n}`,
        sql,
        parameters: [],
        expectation: { kind: "noUnacknowledgedFindings" },
        findingKeys: ["username", "host"],
      });
      const input = buildExecutionInput(
        { ...check, acknowledgedFindings },
        { kind: "manual" },
        { source: "manual", detail: {} },
      );
      const started = await aws.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(testConfig),
          name: `it-unack-${Date.now()}-${n++}`,
          input: JSON.stringify(input),
        }),
      );
      const done = await waitFor(started.executionArn!);
      expect(done.status, `${done.error ?? ""} ${done.cause ?? ""}`).toBe("SUCCEEDED");
      return JSON.parse(done.output!) as ExecutionOutput;
    };
    expect(await run([])).toMatchObject({ verdict: "FAIL", firstValue: "2", previewRowCount: 2 });
    expect(await run([["admin", "10.0.0.1"]])).toMatchObject({ verdict: "FAIL", firstValue: "1", previewRowCount: 2 });
    expect(
      await run([
        ["admin", "10.0.0.1"],
        ["rdsadmin", null],
      ]),
    ).toMatchObject({ verdict: "PASS", firstValue: "0", previewRowCount: 2 });
  });

  it("a failed query's ERROR carries Athena's message and the query id", async () => {
    const out = await runCheck("SELECT * FROM auditlogs.no_such_table", { kind: "none" });
    expect(out.error!.cause).toMatch(/no_such_table/i);
  });

  it("an event value with single quotes reaches Athena as one SQL literal (quotes doubled), verdict PASS", async () => {
    const value = "O'Brien'; DROP TABLE x; --";
    const check = makeCheck({
      slug: "quoted-event",
      sql: "SELECT ? AS name",
      parameters: [{ kind: "eventPath", path: "$.detail.name" }],
      expectation: { kind: "rowCount", op: "eq", value: 1 },
    });
    const input = buildExecutionInput(check, { kind: "event" }, { source: "acc.test", detail: { name: value } });
    const started = await aws.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(testConfig),
        name: `it-quote-${Date.now()}`,
        input: JSON.stringify(input),
      }),
    );
    const done = await waitFor(started.executionArn!);
    expect(done.status, `${done.error ?? ""} ${done.cause ?? ""}`).toBe("SUCCEEDED");
    const out = JSON.parse(done.output!) as ExecutionOutput;
    expect(out).toMatchObject({ verdict: "PASS", firstValue: value, previewRowCount: 1, error: null });
    const query = await aws.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: out.queryExecutionId! }));
    expect(query.QueryExecution!.ExecutionParameters).toEqual(["'O''Brien''; DROP TABLE x; --'"]);
    expect(query.QueryExecution!.Status!.State).toBe("SUCCEEDED");
  });

  it("an event-triggered run takes its parameter from the event (quoted by the state machine)", async () => {
    const check = makeCheck({
      slug: "from-event",
      sql: "SELECT ? AS cluster",
      parameters: [{ kind: "eventPath", path: "$.detail.cluster" }],
      expectation: { kind: "rowCount", op: "eq", value: 1 },
      trigger: { kind: "eventPattern", pattern: { source: ["acc.test"], "detail-type": ["Upload Finished"] } },
    });
    const store = new MemoryCheckStore([check]);
    await new Reconciler({ events: aws.events, sfn: aws.sfn, config: testConfig, store }).reconcile();
    expect(store.get(check.id).syncStatus).toBe("SYNCED");
    const put = await aws.events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "acc.test", DetailType: "Upload Finished", Detail: JSON.stringify({ cluster: 'prod "aurora"' }) },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);

    const deadline = Date.now() + 30_000;
    let arn: string | undefined;
    while (!arn && Date.now() < deadline) {
      const list = await aws.sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn(testConfig) }));
      for (const e of list.executions ?? []) {
        const d = await aws.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        if (d.input?.includes('"from-event"')) arn = e.executionArn;
      }
      if (!arn) await new Promise((r) => setTimeout(r, 300));
    }
    expect(arn, "the rule started an execution").toBeTruthy();
    const done = await waitFor(arn!);
    const input = JSON.parse(done.input!);
    expect(input.trigger).toEqual({ kind: "event" });
    expect(input.query.parameterSources).toEqual([
      { kind: "eventPath", path: "$.detail.cluster", value: 'prod "aurora"' },
    ]);
    expect(input.event.source).toBe("acc.test");
    const out = JSON.parse(done.output!) as ExecutionOutput;
    expect(out).toMatchObject({ verdict: "PASS", firstValue: 'prod "aurora"', previewRowCount: 1 });
  });
});

describe("the state machine as a resource kind on the emulator", () => {
  it("makes the planned calls in the listed order, names a failed call by it, and none when nothing differs", async () => {
    // A state machine and a rule prefix of its own (the runs above use the shared ones, and their rules); the state
    // machine's write calls in the order they are sent.
    const config = { ...testConfig, stateMachineName: "audit-checks-runner-kind", rulePrefix: "audit-check-kind-" };
    const own = recordingClients(emu, (op) => /^(Validate|Create|Update)StateMachine/.test(op));
    const writes = own.sent;
    const r = new Reconciler({ events: own.events, sfn: own.sfn, config, store: new MemoryCheckStore() });
    const planned = (report: Awaited<ReturnType<Reconciler["reconcile"]>>) =>
      report.plan.stateMachine?.calls.map((c) => c.op);

    let report = await r.reconcile();
    expect(report.stateMachineError).toBeNull();
    expect(planned(report)).toEqual(["ValidateStateMachineDefinition", "CreateStateMachine"]);
    expect(writes).toEqual(planned(report));

    const otherRole = (n: number) =>
      aws.sfn.send(
        new UpdateStateMachineCommand({
          stateMachineArn: stateMachineArn(config),
          roleArn: `arn:aws:iam::000000000000:role/other-${n}`,
        }),
      );
    await otherRole(1);
    await injectFault(emu, { service: "states", operation: "UpdateStateMachine", kind: "throttle", count: 1 });
    try {
      writes.length = 0;
      report = await r.reconcile();
      expect(planned(report)).toEqual(["ValidateStateMachineDefinition", "UpdateStateMachine"]);
      expect(writes).toEqual(["ValidateStateMachineDefinition", "UpdateStateMachine"]);
      expect(report.stateMachineError).toBe(
        "State machine audit-checks-runner-kind: UpdateStateMachine failed: ThrottlingException: Rate exceeded",
      );
    } finally {
      await clearFaults(emu);
    }

    writes.length = 0;
    report = await r.reconcile();
    expect(report.stateMachineError).toBeNull();
    expect(writes).toEqual(["ValidateStateMachineDefinition", "UpdateStateMachine"]);

    writes.length = 0;
    report = await r.reconcile();
    expect(report.plan.stateMachine?.action).toBe("noop");
    expect(writes).toEqual([]);
  });
});
