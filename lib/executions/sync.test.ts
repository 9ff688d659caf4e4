import { describe, expect, it } from "vitest";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { keyOf, syncExecutions, type ExecutionKey, type ExecutionStore, type SyncLimits } from "./sync";
import type { ExecutionRecord, ExecutionStatus } from "./execution-record";

const SM = "arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner";
const CHECK = "7d5c3f0e-0000-4000-8000-000000000001";
const noLimits: SyncLimits = { list: { take: async () => {} }, describe: { take: async () => {} }, concurrency: 3 };

interface FakeExecution {
  name: string;
  status: ExecutionStatus;
  start: number;
  output?: string;
  /** The query its StartQuery task submitted, as the history shows it. */
  historyQueryId?: string;
}

/** A fake Step Functions holding `executions`, counting the calls it answers. */
function fakeSfn(executions: FakeExecution[], opts: { failDescribe?: Set<string> } = {}) {
  const calls = { list: 0, describe: [] as string[], history: [] as string[] };
  const arn = (n: string) => `arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:${n}`;
  const sorted = () => [...executions].sort((a, b) => b.start - a.start);
  const send = async (command: unknown) => {
    if (command instanceof ListExecutionsCommand) {
      calls.list++;
      const from = Number(command.input.nextToken ?? 0);
      const size = command.input.maxResults ?? 100;
      const page = sorted().slice(from, from + size);
      return {
        executions: page.map((e) => ({
          executionArn: arn(e.name),
          name: e.name,
          status: e.status,
          startDate: new Date(e.start * 1000),
          stateMachineArn: SM,
        })),
        nextToken: from + size < executions.length ? String(from + size) : undefined,
      };
    }
    if (command instanceof DescribeExecutionCommand) {
      const name = command.input.executionArn!.split(":").pop()!;
      calls.describe.push(name);
      if (opts.failDescribe?.has(name)) throw Object.assign(new Error("boom"), { name: "InternalServerError" });
      const e = executions.find((x) => x.name === name)!;
      return {
        executionArn: arn(name),
        name,
        stateMachineArn: SM,
        status: e.status,
        startDate: new Date(e.start * 1000),
        stopDate: e.status === "RUNNING" ? undefined : new Date(e.start * 1000 + 5000),
        input: JSON.stringify({
          check: { id: CHECK, slug: "aurora-admin-logins", generation: 2 },
          trigger: { kind: "event" },
          query: {
            sql: "SELECT 1",
            catalog: "AwsDataCatalog",
            database: "d",
            workgroup: "primary",
            outputLocation: "s3://b/",
            parameters: [],
          },
          expectation: { kind: "none" },
          event: { source: "aws.ecs" },
        }),
        output: e.output,
      };
    }
    if (command instanceof GetExecutionHistoryCommand) {
      const name = command.input.executionArn!.split(":").pop()!;
      calls.history.push(name);
      const e = executions.find((x) => x.name === name)!;
      const submitted = e.historyQueryId
        ? [
            {
              type: "TaskSubmitted",
              taskSubmittedEventDetails: {
                resource: "startQueryExecution.sync",
                output: JSON.stringify({ QueryExecutionId: e.historyQueryId }),
              },
            },
          ]
        : [];
      return { events: submitted };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  return { send, calls };
}

function memoryStore() {
  const rows = new Map<string, ExecutionRecord>();
  const upserts: string[][] = [];
  const store: ExecutionStore = {
    async statuses(keys: ExecutionKey[]) {
      const out = new Map<string, ExecutionStatus>();
      for (const k of keys) {
        const r = rows.get(keyOf(k));
        if (r) out.set(keyOf(k), r.status);
      }
      return out;
    },
    async open() {
      return [...rows.values()]
        .filter((r) => r.status === "RUNNING")
        .map((r) => ({ executionArn: r.executionArn, startDate: r.startDate }));
    },
    async upsert(records) {
      upserts.push(records.map((r) => r.name));
      for (const r of records) rows.set(keyOf(r), r);
    },
  };
  return { store, rows, upserts };
}

const ok = (verdict: string) =>
  JSON.stringify({
    checkId: CHECK,
    generation: 2,
    verdict,
    queryExecutionId: "q",
    previewRowCount: 1,
    firstValue: "0",
    statistics: { DataScannedInBytes: 10 },
    error: null,
  });

describe("syncExecutions", () => {
  it("finds the query of a stopped or failed execution in its history, and only for those", async () => {
    const execs: FakeExecution[] = [
      { name: "stopped", status: "ABORTED", start: 1000, historyQueryId: "q-stopped" },
      { name: "failed", status: "FAILED", start: 1001 },
      { name: "passed", status: "SUCCEEDED", start: 1002, output: ok("PASS") },
    ];
    const sfn = fakeSfn(execs);
    const { store, rows } = memoryStore();
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits });
    const byName = new Map([...rows.values()].map((r) => [r.name, r]));
    expect(byName.get("stopped")?.queryExecutionId).toBe("q-stopped");
    expect(byName.get("failed")?.queryExecutionId).toBeNull();
    expect(byName.get("passed")?.queryExecutionId).toBe("q");
    expect(sfn.calls.history.sort()).toEqual(["failed", "stopped"]);
  });

  it("indexes everything on the first pass, oldest first, attributing each to its check", async () => {
    const execs: FakeExecution[] = Array.from({ length: 250 }, (_, i) => ({
      name: `e${i}`,
      status: "SUCCEEDED",
      start: 1000 + i,
      output: ok("PASS"),
    }));
    const sfn = fakeSfn(execs);
    const { store, rows, upserts } = memoryStore();
    const report = await syncExecutions({
      sfn,
      store,
      stateMachineArn: SM,
      limits: noLimits,
      pageSize: 100,
      batchSize: 50,
    });
    expect(report).toMatchObject({ listCalls: 3, describeCalls: 250, added: 250, updated: 0, reachedKnown: false });
    expect(upserts[0]![0]).toBe("e0");
    expect(rows.size).toBe(250);
    const r = [...rows.values()][0]!;
    expect(r).toMatchObject({
      checkId: CHECK,
      checkGeneration: 2,
      triggerKind: "event",
      verdict: "PASS",
      firstValue: "0",
      dataScannedBytes: 10n,
    });
  });

  it("stops at the first known closed execution and describes only new and still-running ones", async () => {
    const execs: FakeExecution[] = Array.from({ length: 300 }, (_, i) => ({
      name: `e${i}`,
      status: "SUCCEEDED",
      start: 1000 + i,
      output: ok("PASS"),
    }));
    execs[100]!.status = "RUNNING"; // an old one still running
    execs[100]!.output = undefined;
    const sfn = fakeSfn(execs);
    const { store } = memoryStore();
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, pageSize: 100 });

    // Three new executions arrive, one of them running; the old running one finishes.
    execs.push(
      { name: "n1", status: "SUCCEEDED", start: 2000, output: ok("FAIL") },
      { name: "n2", status: "RUNNING", start: 2001 },
      { name: "n3", status: "FAILED", start: 2002 },
    );
    execs[100]!.status = "SUCCEEDED";
    execs[100]!.output = ok("PASS");
    sfn.calls.list = 0;
    sfn.calls.describe = [];
    const report = await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, pageSize: 100 });
    expect(sfn.calls.list).toBe(1);
    expect(sfn.calls.describe.sort()).toEqual(["e100", "n1", "n2", "n3"]);
    expect(report).toMatchObject({ added: 3, updated: 1, reachedKnown: true });

    // Nothing new: one ListExecutions call stops at n3 (newest, known closed); n2, still running and below the
    // stop point, is the only one described.
    sfn.calls.list = 0;
    sfn.calls.describe = [];
    const idle = await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, pageSize: 100 });
    expect(sfn.calls.list).toBe(1);
    expect(sfn.calls.describe).toEqual(["n2"]);
    expect(idle).toMatchObject({ added: 0, updated: 1 });

    // Once everything is closed, an idle pass is a single ListExecutions call.
    execs.find((e) => e.name === "n2")!.status = "SUCCEEDED";
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, pageSize: 100 });
    sfn.calls.list = 0;
    sfn.calls.describe = [];
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, pageSize: 100 });
    expect(sfn.calls.list).toBe(1);
    expect(sfn.calls.describe).toEqual([]);
  });

  it("gives FAILED executions the ERROR verdict and leaves ABORTED ones without a verdict", async () => {
    const sfn = fakeSfn([
      { name: "f", status: "FAILED", start: 1 },
      { name: "a", status: "ABORTED", start: 2 },
    ]);
    const { store, rows } = memoryStore();
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits });
    const byName = Object.fromEntries([...rows.values()].map((r) => [r.name, r.verdict]));
    expect(byName).toEqual({ f: "ERROR", a: null });
  });

  it("never leaves a gap: when a new execution cannot be described, newer ones wait for the next pass", async () => {
    const execs: FakeExecution[] = Array.from({ length: 10 }, (_, i) => ({
      name: `e${i}`,
      status: "SUCCEEDED",
      start: 1000 + i,
      output: ok("PASS"),
    }));
    const failing = new Set(["e4"]);
    const sfn = fakeSfn(execs, { failDescribe: failing });
    const { store, rows } = memoryStore();
    const first = await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, batchSize: 3 });
    expect([...rows.values()].map((r) => r.name).sort()).toEqual(["e0", "e1", "e2", "e3"]);
    expect(first.failures).toHaveLength(1);
    failing.clear();
    await syncExecutions({ sfn, store, stateMachineArn: SM, limits: noLimits, batchSize: 3 });
    expect(rows.size).toBe(10);
  });

  it("bounds a pass's work and finishes a long history over several passes, oldest first", async () => {
    const execs: FakeExecution[] = Array.from({ length: 25 }, (_, i) => ({
      name: `e${i}`,
      status: "SUCCEEDED",
      start: 1000 + i,
      output: ok("PASS"),
    }));
    const { store, rows } = memoryStore();
    const deps = { sfn: fakeSfn(execs), store, stateMachineArn: SM, limits: noLimits, maxDescribes: 10 };
    const r1 = await syncExecutions(deps);
    expect(r1).toMatchObject({ added: 10, deferred: 15 });
    expect([...rows.values()].map((r) => r.name).sort()).toEqual([
      "e0",
      "e1",
      "e2",
      "e3",
      "e4",
      "e5",
      "e6",
      "e7",
      "e8",
      "e9",
    ]);
    await syncExecutions(deps);
    const r3 = await syncExecutions(deps);
    expect(r3).toMatchObject({ added: 5, deferred: 0 });
    expect(rows.size).toBe(25);
  });

  it("keeps within the pacing it is given", async () => {
    const execs: FakeExecution[] = Array.from({ length: 30 }, (_, i) => ({
      name: `e${i}`,
      status: "SUCCEEDED",
      start: 1000 + i,
      output: ok("PASS"),
    }));
    let listTakes = 0;
    let describeTakes = 0;
    const limits: SyncLimits = {
      list: { take: async () => void listTakes++ },
      describe: { take: async () => void describeTakes++ },
      concurrency: 2,
    };
    const { store } = memoryStore();
    await syncExecutions({ sfn: fakeSfn(execs), store, stateMachineArn: SM, limits, pageSize: 10 });
    expect(listTakes).toBe(3);
    expect(describeTakes).toBe(30);
  });
});
