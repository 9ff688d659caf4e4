// The reconciler end to end: the emulator as a separate process over HTTP (the real SDK), a fresh database on the
// real PostgreSQL through lib/db/checks.ts. Create, edit, disable, delete converge; out-of-band edits are drift and
// get repaired; a hand-made prefixed rule survives; a crash between PutRule and PutTargets converges; a no-change
// pass makes no PutRule / PutTargets call (counted by SDK middleware).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import {
  DescribeRuleCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
} from "@aws-sdk/client-eventbridge";
import { DescribeStateMachineCommand } from "@aws-sdk/client-sfn";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import { countCalls, type CallCounter } from "@/lib/aws/call-counter";
import { setPrismaClient } from "@/lib/db/client";
import {
  createCheck,
  deleteCheck,
  getCheck,
  setCheckEnabled,
  updateCheck,
  listAllChecksForReconcile,
} from "@/lib/db/checks";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { resetEnvCache } from "@/lib/env";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { stateMachineArn } from "./config";
import { clearFaults, injectFault, recordingClients, remainingFaults } from "./emulator-test-support";
import { RECONCILE_LOCK_KEY, withReconcileLock } from "./lock";
import { Reconciler } from "./reconciler";
import { dbCheckStore as store } from "./runtime";
import { testConfig } from "./test-fixtures";

const actor: Actor = { id: "reconcile-test", displayName: "Reconcile test" };

let emu: EmulatorProcess;
let db: TestDatabase;
let aws: AwsClients;
let counter: CallCounter;

function spec(slug: string, over: Partial<CheckSpec> = {}): CheckSpec {
  return {
    name: `Check ${slug}`,
    slug,
    description: "",
    sql: "SELECT count(*) FROM auditlogs.aurora_audit_log WHERE username = ?",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://audit-checks-results/",
    parameters: [{ kind: "literal", value: "'admin'" }],
    trigger: {
      kind: "eventPattern",
      pattern: { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"], detail: { lastStatus: ["STOPPED"] } },
    },
    expectation: { kind: "firstValue", op: "ge", value: 0 },
    findingKeys: [],
    enabled: true,
    ...over,
  };
}

function reconciler(over: Partial<ConstructorParameters<typeof Reconciler>[0]> = {}) {
  return new Reconciler({ events: aws.events, sfn: aws.sfn, config: testConfig, store, ...over });
}

const rule = (name: string) => aws.events.send(new DescribeRuleCommand({ Name: name }));
const targets = async (name: string) =>
  (await aws.events.send(new ListTargetsByRuleCommand({ Rule: name }))).Targets ?? [];

beforeAll(async () => {
  [emu, db] = await Promise.all([startEmulator(), createPostgresTestDatabase("reconcile")]);
  setPrismaClient(db.client);
  aws = createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  counter = countCalls(aws.events, aws.sfn);
});

afterAll(async () => {
  setPrismaClient(undefined);
  await Promise.allSettled([emu?.stop(), db?.drop()]);
});

beforeEach(async () => {
  await emu.reset();
  await db.client.check.deleteMany({});
  counter.reset();
});

describe("convergence", () => {
  it("creates one managed rule per check, each with one target: the STANDARD state machine", async () => {
    const a = await createCheck(spec("a-check"), actor);
    const b = await createCheck(
      spec("b-check", { trigger: { kind: "schedule", expression: "rate(1 hour)" }, enabled: false }),
      actor,
    );
    const report = await reconciler().reconcile();
    expect(report.stateMachineError).toBeNull();

    const sm = await aws.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn(testConfig) }));
    expect(sm.type).toBe("STANDARD");
    for (const [check, state] of [
      [a, "ENABLED"],
      [b, "DISABLED"],
    ] as const) {
      const r = await rule(`audit-check-${check.slug}`);
      expect(r.State).toBe(state);
      expect(r.Description).toContain(check.name);
      const t = await targets(`audit-check-${check.slug}`);
      expect(t).toHaveLength(1);
      expect(t[0]).toMatchObject({
        Id: "audit-check-runner",
        Arn: sm.stateMachineArn,
        RoleArn: testConfig.eventsRoleArn,
      });
      const tags = await aws.events.send(new ListTagsForResourceCommand({ ResourceARN: r.Arn }));
      expect(tags.Tags).toEqual(
        expect.arrayContaining([
          { Key: "managed-by", Value: "audit-checks-console" },
          { Key: "audit-check-id", Value: check.id },
        ]),
      );
      expect(await getCheck(check.id)).toMatchObject({
        syncStatus: "SYNCED",
        observedGeneration: 1,
        syncErrorTerminal: false,
      });
    }
    expect((await rule("audit-check-b-check")).ScheduleExpression).toBe("rate(1 hour)");
  });

  it("a pass with nothing to change makes no PutRule / PutTargets call", async () => {
    await createCheck(spec("quiet"), actor);
    const r = reconciler({ auditBudget: 1_000 });
    await r.reconcile();
    counter.reset();
    await r.reconcile();
    expect(counter.counts.PutRule ?? 0).toBe(0);
    expect(counter.counts.PutTargets ?? 0).toBe(0);
    expect(counter.counts.TagResource ?? 0).toBe(0);
    expect(counter.counts.CreateStateMachine ?? 0).toBe(0);
    expect(counter.counts.UpdateStateMachine ?? 0).toBe(0);
  });

  it("edit, disable and delete converge", async () => {
    const r = reconciler();
    const c = await createCheck(spec("edited"), actor);
    await r.reconcile();

    const edited = await updateCheck(
      c.id,
      c.version,
      spec("edited", { sql: "SELECT 42 AS answer", parameters: [] }),
      actor,
    );
    await r.reconcile();
    const t = await targets("audit-check-edited");
    expect(t[0]!.InputTransformer!.InputTemplate).toContain("SELECT 42 AS answer");
    expect(await getCheck(c.id)).toMatchObject({ syncStatus: "SYNCED", observedGeneration: 2 });

    const disabled = await setCheckEnabled(c.id, edited.version, false, actor);
    await r.reconcile();
    expect((await rule("audit-check-edited")).State).toBe("DISABLED");

    await deleteCheck(c.id, disabled.version, actor);
    await r.reconcile({ scope: { checkIds: new Set(), deleted: [{ id: c.id, slug: c.slug }] } });
    await expect(rule("audit-check-edited")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("an out-of-band edit is planned as drift, with a diff, and repaired", async () => {
    const c = await createCheck(spec("drifty"), actor);
    const r = reconciler();
    await r.reconcile();
    const before = await rule("audit-check-drifty");
    await aws.events.send(
      new PutRuleCommand({
        Name: "audit-check-drifty",
        EventPattern: '{"source":["aws.ec2"]}',
        Description: before.Description,
        State: "DISABLED",
      }),
    );
    const plan = await r.plan();
    const item = plan.plan.items.find((i) => i.checkId === c.id)!;
    expect(item).toMatchObject({ action: "update", drift: true });
    expect(item.changes.map((x) => x.field).sort()).toEqual(["eventPattern", "state"]);

    await r.reconcile();
    const after = await rule("audit-check-drifty");
    expect(JSON.parse(after.EventPattern!)).toEqual((spec("drifty").trigger as { pattern: unknown }).pattern);
    expect(after.State).toBe("ENABLED");
    expect(await getCheck(c.id)).toMatchObject({
      syncStatus: "SYNCED",
      syncMessage: expect.stringMatching(
        /^Rule audit-check-drifty was changed outside the console and has been restored\.\nDetails: /,
      ),
    });
  });

  it("an out-of-band target change is found by the audit and repaired", async () => {
    await createCheck(spec("target-drift"), actor);
    const r = reconciler({ auditBudget: 150 });
    await r.reconcile();
    await aws.events.send(new RemoveTargetsCommand({ Rule: "audit-check-target-drift", Ids: ["audit-check-runner"] }));
    await aws.events.send(
      new PutTargetsCommand({
        Rule: "audit-check-target-drift",
        Targets: [{ Id: "intruder", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }],
      }),
    );
    await r.reconcile();
    expect((await targets("audit-check-target-drift")).map((t) => t.Id)).toEqual(["audit-check-runner"]);
  });

  it("makes each item's calls in the order its plan lists them, and names a failed call by it", async () => {
    const RULE_WRITES = new Set(["PutRule", "TagResource", "RemoveTargets", "PutTargets", "DeleteRule"]);
    const own = recordingClients(emu, (op) => RULE_WRITES.has(op));
    const writes = own.sent;
    const r = reconciler({ events: own.events, sfn: own.sfn });
    const c = await createCheck(spec("ordered"), actor);
    const listed = (report: Awaited<ReturnType<Reconciler["reconcile"]>>) =>
      report.plan.items.filter((i) => i.calls.length > 0).map((i) => i.calls.map((x) => x.op));

    let report = await r.reconcile();
    expect(listed(report)).toEqual([["PutRule", "PutTargets"]]);
    expect(writes).toEqual(["PutRule", "PutTargets"]);

    // Out of band: the pattern, our check-id tag, our target's role, and a target that is not ours.
    const name = "audit-check-ordered";
    const before = await rule(name);
    await aws.events.send(
      new PutRuleCommand({ Name: name, EventPattern: '{"source":["aws.ec2"]}', Description: before.Description }),
    );
    await aws.events.send(
      new TagResourceCommand({ ResourceARN: before.Arn, Tags: [{ Key: "audit-check-id", Value: "someone-else" }] }),
    );
    const [ours] = await targets(name);
    await aws.events.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: [
          { ...ours!, RoleArn: "arn:aws:iam::000000000000:role/other" },
          { Id: "intruder", Arn: "arn:aws:sqs:us-east-1:000000000000:q" },
        ],
      }),
    );
    await injectFault(emu, { service: "events", operation: "TagResource", kind: "throttle", count: 1 });
    try {
      writes.length = 0;
      report = await r.reconcile();
      expect(listed(report)).toEqual([["PutRule", "TagResource", "RemoveTargets", "PutTargets"]]);
      expect(writes).toEqual(["PutRule", "TagResource"]);
      expect(await getCheck(c.id)).toMatchObject({
        syncStatus: "DRIFTED",
        syncMessage: "TagResource failed: ThrottlingException: Rate exceeded",
      });
    } finally {
      await clearFaults(emu);
    }

    writes.length = 0;
    report = await r.reconcile();
    expect(listed(report)).toEqual([["TagResource", "RemoveTargets", "PutTargets"]]);
    expect(writes).toEqual(["TagResource", "RemoveTargets", "PutTargets"]);
    expect(await getCheck(c.id)).toMatchObject({ syncStatus: "SYNCED" });
    expect((await targets(name)).map((t) => [t.Id, t.RoleArn])).toEqual([
      ["audit-check-runner", testConfig.eventsRoleArn],
    ]);

    await deleteCheck(c.id, (await getCheck(c.id))!.version, actor);
    writes.length = 0;
    report = await r.reconcile({ scope: { checkIds: new Set(), deleted: [{ id: c.id, slug: c.slug }] } });
    expect(listed(report)).toEqual([["RemoveTargets", "DeleteRule"]]);
    expect(writes).toEqual(["RemoveTargets", "DeleteRule"]);
    await expect(rule(name)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("leaves a hand-made rule with the prefix alone, and reports a check wanting its name as a terminal conflict", async () => {
    await aws.events.send(
      new PutRuleCommand({ Name: "audit-check-handmade", EventPattern: '{"source":["my.app"]}', Description: "mine" }),
    );
    await aws.events.send(
      new PutTargetsCommand({
        Rule: "audit-check-handmade",
        Targets: [{ Id: "mine", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }],
      }),
    );
    const c = await createCheck(spec("handmade"), actor);
    await reconciler().reconcile();
    const r = await rule("audit-check-handmade");
    expect(r).toMatchObject({ EventPattern: '{"source":["my.app"]}', Description: "mine" });
    expect((await targets("audit-check-handmade")).map((t) => t.Id)).toEqual(["mine"]);
    expect(await getCheck(c.id)).toMatchObject({
      syncStatus: "ERROR",
      syncErrorTerminal: true,
      syncMessage: expect.stringContaining("not managed by this console"),
    });

    // Even with no check at all, the hand-made rule survives every pass.
    await db.client.check.deleteMany({});
    await reconciler().reconcile();
    expect((await rule("audit-check-handmade")).Description).toBe("mine");
  });

  it("a crash between PutRule and PutTargets converges on the next run", async () => {
    const c = await createCheck(spec("crashy"), actor);
    class Crash extends Error {}
    const dying = reconciler({
      afterCall: (_item, call) => {
        if (call === "PutRule") throw new Crash("process died");
      },
    });
    await dying.reconcile();
    expect(await targets("audit-check-crashy")).toHaveLength(0);
    expect((await getCheck(c.id))!.syncStatus).not.toBe("SYNCED");

    await reconciler({ auditBudget: 0 }).reconcile();
    expect(await targets("audit-check-crashy")).toHaveLength(1);
    expect(await getCheck(c.id)).toMatchObject({ syncStatus: "SYNCED" });
  });

  it("rides out EventBridge throttling through the SDK's retries (emulator fault injection)", async () => {
    for (let i = 0; i < 5; i++) await createCheck(spec(`throttled-${i}`), actor);
    // Fewer throttles per operation than a call's attempts (AWS_CALL_LIMITS.maxAttempts = 3): even when every one
    // of them lands on the same call, its last attempt goes through, so the test cannot fail by chance.
    await injectFault(emu, { service: "events", operation: "PutRule", kind: "throttle", count: 2 });
    await injectFault(emu, {
      service: "events",
      operation: "PutTargets",
      kind: "throttle",
      probability: 0.5,
      count: 2,
    });
    try {
      await reconciler().reconcile();
      const checks = await listAllChecksForReconcile();
      expect(checks.map((c) => c.syncStatus)).toEqual(Array(5).fill("SYNCED"));
      for (const c of checks) expect(await targets(`audit-check-${c.slug}`)).toHaveLength(1);
      // The PutRule fault was really hit: both throttles were used up (a used-up fault disappears).
      expect((await remainingFaults(emu)).filter((f) => f.operation === "PutRule")).toEqual([]);
    } finally {
      await clearFaults(emu);
    }
  });

  it("lists every managed rule across ListRules pages", async () => {
    for (let i = 0; i < 105; i++) await createCheck(spec(`many-${String(i).padStart(3, "0")}`), actor);
    await reconciler({ concurrency: 16 }).reconcile();
    counter.reset();
    const report = await reconciler({ auditBudget: 0 }).reconcile();
    expect(counter.counts.ListRules).toBe(2);
    expect(report.plan.items.filter((i) => i.action === "noop")).toHaveLength(105);
    const listed = await aws.events.send(new ListRulesCommand({ NamePrefix: "audit-check-many-", Limit: 100 }));
    expect(listed.NextToken).toBeTruthy();
  }, 120_000);
});

describe("reconcile lock", () => {
  it("is a PostgreSQL advisory lock across processes: a pass waits, then gives up while another holds it", async () => {
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [RECONCILE_LOCK_KEY]);
      const blocked = await withReconcileLock(async () => "ran", { waitMs: 600, databaseUrl: db.url });
      expect(blocked).toEqual({ ran: false });
      await other.query("SELECT pg_advisory_unlock($1)", [RECONCILE_LOCK_KEY]);
      expect(await withReconcileLock(async () => "ran", { waitMs: 600, databaseUrl: db.url })).toEqual({
        ran: true,
        value: "ran",
      });
    } finally {
      await other.end();
    }
  });

  it("runs one pass at a time in this process", async () => {
    let inside = 0;
    let maxInside = 0;
    const pass = () =>
      withReconcileLock(
        async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 50));
          inside--;
        },
        { waitMs: 5_000 },
      );
    await Promise.all([pass(), pass(), pass()]);
    expect(maxInside).toBe(1);
  });
});

describe("on-change", () => {
  it("reconcileAfterChange applies one check now and reports its status; a deleted check's rule goes", async () => {
    process.env.ACC_AWS_MODE = "emulator";
    process.env.AWS_ENDPOINT_URL = emu.url;
    process.env.DATABASE_URL = db.url;
    process.env.RULE_PREFIX = "audit-check-";
    resetEnvCache();
    const { reconcileAfterChange } = await import("./on-change");
    const c = await createCheck(spec("on-change"), actor);
    const created = await reconcileAfterChange({ checkId: c.id });
    expect(created).toEqual({
      status: "SYNCED",
      message: expect.stringContaining("Rule audit-check-on-change created."),
    });
    expect(await targets("audit-check-on-change")).toHaveLength(1);

    const again = await reconcileAfterChange({ checkId: c.id });
    expect(again.status).toBe("SYNCED");

    await deleteCheck(c.id, (await getCheck(c.id))!.version, actor);
    const deleted = await reconcileAfterChange({ deletedCheck: { id: c.id, slug: c.slug } });
    expect(deleted).toEqual({ status: "SYNCED", message: "Rule audit-check-on-change deleted." });
    await expect(rule("audit-check-on-change")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("the background loop converges and reverts an out-of-band change within two intervals", async () => {
    process.env.RECONCILE_INTERVAL_SECONDS = "1";
    resetEnvCache();
    const { startReconcileLoop } = await import("./background-loop");
    const c = await createCheck(spec("looped"), actor);
    const stop = startReconcileLoop();
    const until = async (what: string, ok: () => Promise<boolean>, ms: number) => {
      const deadline = Date.now() + ms;
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await until("the first pass", async () => (await getCheck(c.id))?.syncStatus === "SYNCED", 15_000);
      const before = await rule("audit-check-looped");
      await aws.events.send(
        new PutRuleCommand({
          Name: "audit-check-looped",
          EventPattern: '{"source":["tampered"]}',
          Description: before.Description,
        }),
      );
      const changedAt = Date.now();
      await until(
        "the repair",
        async () => (await rule("audit-check-looped")).EventPattern !== '{"source":["tampered"]}',
        10_000,
      );
      // Two intervals (2 s) plus the time a pass takes here.
      expect(Date.now() - changedAt).toBeLessThan(2_000 + 1_500);
    } finally {
      stop();
      delete process.env.RECONCILE_INTERVAL_SECONDS;
      resetEnvCache();
    }
  });
});
