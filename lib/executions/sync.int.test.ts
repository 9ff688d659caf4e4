// The sync against the emulator's Step Functions (over HTTP, the real SDK) and a real PostgreSQL index:
// it stops at the first known closed execution and describes only new and still-running ones.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { AwsClients } from "@/lib/aws/create-clients";
import {
  createPgliteTestDatabase,
  createPostgresTestDatabase,
  type TestDatabase,
} from "@/lib/db/testing/test-databases";
import { buildExecutionInput } from "@/lib/reconcile/target-input";
import { makeCheck } from "@/lib/reconcile/test-fixtures";
import { emulatorAwsClients } from "@/lib/testing/emulator-aws";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { parseFilters, parsePage } from "./filters";
import { lastRunsByCheck, listExecutions, prismaExecutionStore, recentRuns } from "@/lib/db/executions";
import { syncExecutions, type SyncLimits } from "./sync";
import { setPrismaClient } from "@/lib/db/client";

let emu: EmulatorProcess;
let aws: AwsClients;
const check = makeCheck({ id: "7d5c3f0e-0000-4000-8000-00000000c4c4", slug: "sync-it" });
const fast: SyncLimits = { list: { take: async () => {} }, describe: { take: async () => {} }, concurrency: 4 };

/** Counts the Step Functions calls the sync makes, by operation. */
function counting(sfn: SFNClient) {
  const calls: Record<string, number> = {};
  return {
    calls,
    reset: () => Object.keys(calls).forEach((k) => delete calls[k]),
    send: (command: { constructor: { name: string } }) => {
      const op = command.constructor.name.replace(/Command$/, "");
      calls[op] = (calls[op] ?? 0) + 1;
      return sfn.send(command as never);
    },
  };
}

async function startIn(machineArn: string, name: string, kind: "event" | "manual" = "event") {
  const input = buildExecutionInput(
    check,
    { kind },
    { source: "aws.ecs", "detail-type": "ECS Task State Change", detail: {} },
  );
  const out = await aws.sfn.send(
    new StartExecutionCommand({ stateMachineArn: machineArn, name, input: JSON.stringify(input) }),
  );
  return out.executionArn!;
}

async function waitClosed(arn: string) {
  for (let i = 0; i < 200; i++) {
    const d = await aws.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    if (d.status !== "RUNNING") return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${arn} did not finish`);
}

beforeAll(async () => {
  emu = await startEmulator();
  aws = emulatorAwsClients(emu);
});

afterAll(async () => {
  await emu?.stop();
});

/** A machine whose runs last as long as their input says: lets the test hold one execution open. */
async function createMachine(name: string): Promise<string> {
  const sm = await aws.sfn.send(
    new CreateStateMachineCommand({
      name,
      roleArn: "arn:aws:iam::000000000000:role/sync-it",
      definition: JSON.stringify({
        StartAt: "Hold",
        States: {
          Hold: {
            Type: "Choice",
            Choices: [{ Variable: "$.trigger.kind", StringEquals: "manual", Next: "Long" }],
            Default: "Short",
          },
          Long: { Type: "Wait", Seconds: 4, Next: "Done" },
          Short: { Type: "Pass", Next: "Done" },
          Done: {
            Type: "Pass",
            Parameters: {
              "checkId.$": "$.check.id",
              "generation.$": "$.check.generation",
              verdict: "PASS",
              queryExecutionId: null,
              previewRowCount: 1,
              firstValue: "0",
              statistics: null,
              error: null,
            },
            End: true,
          },
        },
      }),
    }),
  );
  return sm.stateMachineArn!;
}

// The same on the real PostgreSQL and on the embedded PGlite the console uses by default.
describe.each(["postgres", "pglite"] as const)("syncExecutions on the emulator and %s", (kind) => {
  let db: TestDatabase;
  let machineArn: string;
  const start = (name: string, k?: "event" | "manual") => startIn(machineArn, name, k);

  beforeAll(async () => {
    db = kind === "postgres" ? await createPostgresTestDatabase("exec_sync") : await createPgliteTestDatabase();
    setPrismaClient(db.client);
    machineArn = await createMachine(`sync-it-${kind}`);
  });

  afterAll(async () => {
    setPrismaClient(undefined);
    await db?.drop();
  });

  it("indexes new executions, stops at the first known closed one, describes only new and still-running ones", async () => {
    const sfn = counting(aws.sfn);
    const deps = {
      sfn,
      store: prismaExecutionStore(() => db.client),
      stateMachineArn: machineArn,
      limits: fast,
      pageSize: 2,
    };

    const first = await Promise.all([start("it-a"), start("it-b"), start("it-c")]);
    await Promise.all(first.map(waitClosed));
    const r1 = await syncExecutions(deps);
    expect(r1).toMatchObject({ added: 3, updated: 0, reachedKnown: false, failures: [] });
    expect(sfn.calls).toEqual({ ListExecutions: 2, DescribeExecution: 3 }); // pages of 2

    const rows = await db.client.execution.findMany({ orderBy: { startDate: "asc" } });
    expect(rows.map((r) => r.name).sort()).toEqual(["it-a", "it-b", "it-c"]);
    expect(rows[0]).toMatchObject({
      checkId: check.id,
      checkSlug: "sync-it",
      checkGeneration: 1,
      triggerKind: "EVENT",
      verdict: "PASS",
      firstValue: "0",
      status: "SUCCEEDED",
    });
    expect((rows[0]!.input as { event: { source: string } }).event.source).toBe("aws.ecs");

    // Nothing new: one ListExecutions call, no DescribeExecution.
    sfn.reset();
    const idle = await syncExecutions(deps);
    expect(idle).toMatchObject({ added: 0, updated: 0, reachedKnown: true });
    expect(sfn.calls).toEqual({ ListExecutions: 1 });

    // One long-running and one quick new execution.
    const long = await start("it-long", "manual");
    await new Promise((r) => setTimeout(r, 50));
    const quick = await start("it-quick");
    await waitClosed(quick);
    sfn.reset();
    const r2 = await syncExecutions(deps);
    expect(r2).toMatchObject({ added: 2, updated: 0, reachedKnown: true });
    expect(sfn.calls.DescribeExecution).toBe(2);
    expect((await db.client.execution.findFirst({ where: { name: "it-long" } }))?.status).toBe("RUNNING");

    // While it runs, each pass describes only it (it sits below the newest, already-closed execution).
    sfn.reset();
    await syncExecutions(deps);
    expect(sfn.calls).toEqual({ ListExecutions: 1, DescribeExecution: 1 });

    // Once it ends, the next pass records the end; after that the sync is a single ListExecutions again.
    await waitClosed(long);
    const r3 = await syncExecutions(deps);
    expect(r3.updated).toBe(1);
    expect(await db.client.execution.findFirst({ where: { name: "it-long" } })).toMatchObject({
      status: "SUCCEEDED",
      triggerKind: "MANUAL",
      verdict: "PASS",
    });
    sfn.reset();
    await syncExecutions(deps);
    expect(sfn.calls).toEqual({ ListExecutions: 1 });
  });

  it("feeds the list page, the checks list and the check page", async () => {
    const page = await listExecutions(parseFilters({}), parsePage({ size: "25" }));
    expect(page.rows.map((r) => r.name)).toEqual(["it-quick", "it-long", ...page.rows.slice(2).map((r) => r.name)]);
    expect(page.total).toBe(5);
    const manual = await listExecutions(parseFilters({ trigger: "manual" }), parsePage({}));
    expect(manual.rows.map((r) => r.name)).toEqual(["it-long"]);
    const byPart = await listExecutions(parseFilters({ q: "it-q" }), parsePage({}));
    expect(byPart.rows.map((r) => r.name)).toEqual(["it-quick"]);
    const byName = await listExecutions(parseFilters({ q: "it-long" }), parsePage({}));
    expect(byName.rows.map((r) => r.name)).toEqual(["it-long"]);
    const some = await listExecutions(parseFilters({ q: "IT-" }), parsePage({}));
    expect(some.total).toBe(5);

    const last = await lastRunsByCheck([check.id, "00000000-0000-4000-8000-000000000999"]);
    expect([...last.keys()]).toEqual([check.id]);
    expect(last.get(check.id)).toMatchObject({ name: "it-quick", verdict: "PASS" });
    expect((await recentRuns(check.id)).map((r) => r.name)[0]).toBe("it-quick");
  });

  it("pages with keyset cursors in both directions", async () => {
    const f = parseFilters({});
    const p1 = await listExecutions(f, { size: 2, before: null, after: null });
    expect(p1.newerCursor).toBeNull();
    const p2 = await listExecutions(f, { size: 2, before: p1.olderCursor, after: null });
    const p3 = await listExecutions(f, { size: 2, before: p2.olderCursor, after: null });
    expect(p3.olderCursor).toBeNull();
    const all = [...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.name);
    expect(new Set(all).size).toBe(5);
    const back = await listExecutions(f, { size: 2, before: null, after: p3.newerCursor });
    expect(back.rows.map((r) => r.name)).toEqual(p2.rows.map((r) => r.name));
  });
});
