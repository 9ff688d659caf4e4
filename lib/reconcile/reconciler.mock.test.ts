// The reconciler against SDK mocks (aws-sdk-client-mock) backed by a tiny in-memory EventBridge: AccessDenied,
// throttling and a partial PutTargets failure each stay on their check, are reported with AWS's message, and
// converge on a later pass.
import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  type Target,
} from "@aws-sdk/client-eventbridge";
import {
  DescribeStateMachineCommand,
  ListTagsForResourceCommand as SfnListTags,
  SFNClient,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from "@aws-sdk/client-sfn";
import { Reconciler } from "./reconciler";
import { stateMachineDefinitionText } from "./state-machine-definition";
import { MemoryCheckStore, makeCheck, testConfig } from "./test-fixtures";

class AwsLikeError extends Error {
  constructor(
    name: string,
    message: string,
    readonly $metadata = { httpStatusCode: 400 },
  ) {
    super(message);
    this.name = name;
  }
}

interface FakeRule {
  Name: string;
  Arn: string;
  Description?: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State?: string;
  tags: Record<string, string>;
  targets: Target[];
}

const eb = mockClient(EventBridgeClient);
const sfnMock = mockClient(SFNClient);
let rules: Map<string, FakeRule>;
let faults: {
  putRule?: (name: string) => Error | null;
  putTargets?: (rule: string) => "partial" | Error | null;
  tagResource?: () => Error | null;
};
let calls: Record<string, number>;

function count(op: string) {
  calls[op] = (calls[op] ?? 0) + 1;
}

beforeEach(() => {
  rules = new Map();
  faults = {};
  calls = {};
  eb.reset();
  sfnMock.reset();
  sfnMock.on(DescribeStateMachineCommand).callsFake(() => ({
    stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner",
    definition: stateMachineDefinitionText(testConfig),
    roleArn: testConfig.stateMachineRoleArn,
    type: "STANDARD",
  }));
  sfnMock.on(SfnListTags).resolves({ tags: [{ key: "managed-by", value: "audit-checks-console" }] });
  eb.on(ListRulesCommand).callsFake((input) => {
    count("ListRules");
    return {
      Rules: [...rules.values()]
        .filter((r) => r.Name.startsWith(input.NamePrefix ?? ""))
        .map(({ tags: _t, targets: _x, ...r }) => r),
    };
  });
  eb.on(DescribeRuleCommand).callsFake((input) => {
    const r = rules.get(input.Name!);
    if (!r) throw new AwsLikeError("ResourceNotFoundException", `Rule ${input.Name} does not exist.`);
    const { tags: _t, targets: _x, ...rest } = r;
    return rest;
  });
  eb.on(ListTagsForResourceCommand).callsFake((input) => {
    count("ListTagsForResource");
    const r = [...rules.values()].find((x) => x.Arn === input.ResourceARN)!;
    return { Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) };
  });
  eb.on(ListTargetsByRuleCommand).callsFake((input) => {
    count("ListTargetsByRule");
    return { Targets: rules.get(input.Rule!)!.targets };
  });
  eb.on(PutRuleCommand).callsFake((input) => {
    count("PutRule");
    const err = faults.putRule?.(input.Name!);
    if (err) throw err;
    const existing = rules.get(input.Name!);
    const r: FakeRule = {
      Name: input.Name!,
      Arn: `arn:aws:events:us-east-1:000000000000:rule/${input.Name}`,
      Description: input.Description,
      EventPattern: input.EventPattern,
      ScheduleExpression: input.ScheduleExpression,
      State: input.State ?? "ENABLED",
      tags:
        existing?.tags ??
        Object.fromEntries((input.Tags ?? []).map((t: { Key?: string; Value?: string }) => [t.Key!, t.Value!])),
      targets: existing?.targets ?? [],
    };
    rules.set(r.Name, r);
    return { RuleArn: r.Arn };
  });
  eb.on(TagResourceCommand).callsFake((input) => {
    count("TagResource");
    const err = faults.tagResource?.();
    if (err) throw err;
    const r = [...rules.values()].find((x) => x.Arn === input.ResourceARN)!;
    for (const t of input.Tags ?? []) r.tags[t.Key!] = t.Value!;
    return {};
  });
  eb.on(PutTargetsCommand).callsFake((input) => {
    count("PutTargets");
    const f = faults.putTargets?.(input.Rule!);
    if (f instanceof Error) throw f;
    if (f === "partial") {
      return {
        FailedEntryCount: 1,
        FailedEntries: [
          {
            TargetId: input.Targets![0]!.Id,
            ErrorCode: "ConcurrentModificationException",
            ErrorMessage: "Another change is in progress for this rule.",
          },
        ],
      };
    }
    const r = rules.get(input.Rule!)!;
    for (const t of input.Targets ?? []) r.targets = [...r.targets.filter((x) => x.Id !== t.Id), t];
    return { FailedEntryCount: 0, FailedEntries: [] };
  });
  eb.on(RemoveTargetsCommand).callsFake((input) => {
    count("RemoveTargets");
    const r = rules.get(input.Rule!)!;
    r.targets = r.targets.filter((t) => !input.Ids!.includes(t.Id!));
    return { FailedEntryCount: 0, FailedEntries: [] };
  });
  eb.on(DeleteRuleCommand).callsFake((input) => {
    count("DeleteRule");
    rules.delete(input.Name!);
    return {};
  });
});

function reconciler(store: MemoryCheckStore) {
  return new Reconciler({
    events: new EventBridgeClient({ region: "us-east-1" }),
    sfn: new SFNClient({ region: "us-east-1" }),
    config: testConfig,
    store,
  });
}

describe("reconciler with SDK mocks", () => {
  it("creates, then a no-change pass makes no PutRule / PutTargets call", async () => {
    const store = new MemoryCheckStore([makeCheck(), makeCheck()]);
    const r = reconciler(store);
    await r.reconcile();
    expect(rules.size).toBe(2);
    expect([...store.checks.values()].every((c) => c.syncStatus === "SYNCED")).toBe(true);
    calls = {};
    const report = await r.reconcile();
    expect(calls.PutRule ?? 0).toBe(0);
    expect(calls.PutTargets ?? 0).toBe(0);
    expect(report.outcomes.every((o) => !o.applied)).toBe(true);
  });

  it("AccessDenied on one check: that check is ERROR (retryable) with AWS's message, the other is created", async () => {
    const denied = makeCheck();
    const fine = makeCheck();
    const store = new MemoryCheckStore([denied, fine]);
    faults.putRule = (name) =>
      name.endsWith(denied.slug)
        ? new AwsLikeError(
            "AccessDeniedException",
            "User: arn:aws:sts::000000000000:assumed-role/console is not authorized to perform: events:PutRule",
          )
        : null;
    await reconciler(store).reconcile();
    expect(store.get(denied.id)).toMatchObject({
      syncStatus: "ERROR",
      syncErrorTerminal: false,
      syncMessage: expect.stringMatching(/^PutRule failed: AccessDeniedException: User: .* not authorized/),
    });
    expect(store.get(fine.id).syncStatus).toBe("SYNCED");
    expect(rules.has(`audit-check-${fine.slug}`)).toBe(true);
  });

  it("throttling on PutTargets is reported as retryable and converges on the next pass", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    const r = reconciler(store);
    faults.putTargets = () => new AwsLikeError("ThrottlingException", "Rate exceeded");
    await r.reconcile();
    expect(store.get(c.id)).toMatchObject({
      syncStatus: "ERROR",
      syncErrorTerminal: false,
      syncMessage: "PutTargets failed: ThrottlingException: Rate exceeded",
    });
    // The rule exists without its target; the check is not SYNCED, so the next pass reads it in full.
    expect(rules.get(`audit-check-${c.slug}`)!.targets).toEqual([]);
    faults.putTargets = undefined;
    calls = {};
    await r.reconcile();
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
    expect(calls).toMatchObject({ ListTargetsByRule: 1, PutTargets: 1 });
    expect(calls.PutRule ?? 0).toBe(0);
  });

  it("a partial PutTargets failure (200 with FailedEntryCount) is an error with the entry's code and message", async () => {
    const a = makeCheck();
    const b = makeCheck();
    const store = new MemoryCheckStore([a, b]);
    faults.putTargets = (rule) => (rule.endsWith(a.slug) ? "partial" : null);
    await reconciler(store).reconcile();
    expect(store.get(a.id)).toMatchObject({
      syncStatus: "ERROR",
      syncErrorTerminal: false,
      syncMessage: expect.stringContaining("ConcurrentModificationException: Another change is in progress"),
    });
    expect(store.get(b.id).syncStatus).toBe("SYNCED");
  });

  it("a full rule quota stops further creates in the pass, with a message saying so", async () => {
    const checks = Array.from({ length: 30 }, () => makeCheck());
    const store = new MemoryCheckStore(checks);
    faults.putRule = (name) =>
      rules.size >= 2 && !rules.has(name)
        ? new AwsLikeError("LimitExceededException", "The requested resource exceeds the maximum number allowed.")
        : null;
    await reconciler(store).reconcile();
    expect(rules.size).toBe(2);
    expect(calls.PutRule).toBeLessThanOrEqual(2 + 8);
    const errors = [...store.checks.values()].filter((c) => c.syncStatus === "ERROR");
    expect(errors).toHaveLength(28);
    expect(errors.every((c) => /rule quota/.test(c.syncMessage ?? "") && !c.syncErrorTerminal)).toBe(true);
  });

  it("a validation error is terminal (needs a spec change)", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    faults.putRule = () => new AwsLikeError("InvalidEventPatternException", "Event pattern is not valid.");
    await reconciler(store).reconcile();
    expect(store.get(c.id)).toMatchObject({ syncStatus: "ERROR", syncErrorTerminal: true });
  });

  it("a crash between PutRule and PutTargets converges on the next pass", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    const crashing = new Reconciler({
      events: new EventBridgeClient({ region: "us-east-1" }),
      sfn: new SFNClient({ region: "us-east-1" }),
      config: testConfig,
      store,
      afterCall: (_item, call) => {
        if (call === "PutRule") throw new Error("simulated crash");
      },
    });
    await crashing.reconcile();
    expect(rules.get(`audit-check-${c.slug}`)!.targets).toHaveLength(0);
    await reconciler(store).reconcile();
    expect(rules.get(`audit-check-${c.slug}`)!.targets).toHaveLength(1);
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
  });

  it("a process death after PutRule while repairing a SYNCED check converges too (write-ahead PENDING)", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    await reconciler(store).reconcile();
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
    // The events role changes: every rule's Description hash and target change, with no spec change.
    const newConfig = { ...testConfig, eventsRoleArn: "arn:aws:iam::000000000000:role/new-events-role" };
    let dead = false;
    const dying = new Reconciler({
      events: new EventBridgeClient({ region: "us-east-1" }),
      sfn: new SFNClient({ region: "us-east-1" }),
      config: newConfig,
      store: {
        listChecks: () => store.listChecks(),
        // After the "crash" nothing more reaches the database.
        writeSyncState: (id, state, gen) => (dead ? Promise.resolve(false) : store.writeSyncState(id, state, gen)),
      },
      afterCall: (_item, call) => {
        if (call === "PutRule") dead = true;
      },
    });
    faults.putTargets = () => (dead ? new AwsLikeError("ECONNRESET", "socket hang up") : null);
    await dying.reconcile();
    faults.putTargets = undefined;
    expect(store.get(c.id).syncStatus).toBe("PENDING");
    const rule = rules.get(`audit-check-${c.slug}`)!;
    expect(rule.targets[0]!.RoleArn).toBe(testConfig.eventsRoleArn); // stale: PutTargets never happened
    await new Reconciler({
      events: new EventBridgeClient({ region: "us-east-1" }),
      sfn: new SFNClient({ region: "us-east-1" }),
      config: newConfig,
      store,
      auditBudget: 0,
    }).reconcile();
    expect(rules.get(`audit-check-${c.slug}`)!.targets[0]!.RoleArn).toBe(newConfig.eventsRoleArn);
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
  });

  it("an update failing at its second call is named by that call, makes no later call, and converges", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    const r = reconciler(store);
    await r.reconcile();
    const rule = rules.get(`audit-check-${c.slug}`)!;
    // Out of band: the pattern, our check-id tag and the targets all changed.
    rule.EventPattern = '{"source":["aws.ec2"]}';
    rule.tags["audit-check-id"] = "someone-else";
    rule.targets = [{ Id: "intruder", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }];
    const planned = (await r.plan()).plan.items.find((i) => i.checkId === c.id)!;
    expect(planned.calls.map((x) => x.op)).toEqual(["PutRule", "TagResource", "RemoveTargets", "PutTargets"]);

    faults.tagResource = () =>
      new AwsLikeError("AccessDeniedException", "not authorized to perform: events:TagResource");
    calls = {};
    await r.reconcile();
    expect(store.get(c.id)).toMatchObject({
      syncStatus: "DRIFTED",
      syncMessage: "TagResource failed: AccessDeniedException: not authorized to perform: events:TagResource",
    });
    expect(calls).toMatchObject({ PutRule: 1, TagResource: 1 });
    expect(calls.RemoveTargets ?? 0).toBe(0);
    expect(calls.PutTargets ?? 0).toBe(0);

    faults.tagResource = undefined;
    calls = {};
    await r.reconcile();
    expect(calls).toMatchObject({ TagResource: 1, RemoveTargets: 1, PutTargets: 1 });
    expect(calls.PutRule ?? 0).toBe(0);
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
    expect(rules.get(`audit-check-${c.slug}`)!.targets.map((t) => t.Id)).toEqual(["audit-check-runner"]);
  });

  it("a failed state machine call is named by that call; the rules are still reconciled", async () => {
    sfnMock.on(DescribeStateMachineCommand).resolves({
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner",
      definition: stateMachineDefinitionText(testConfig),
      roleArn: "arn:aws:iam::000000000000:role/someone-elses-role",
      type: "STANDARD",
    });
    sfnMock.on(ValidateStateMachineDefinitionCommand).resolves({ result: "OK" });
    sfnMock
      .on(UpdateStateMachineCommand)
      .rejects(new AwsLikeError("AccessDeniedException", "not authorized to perform: states:UpdateStateMachine"));
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    const report = await reconciler(store).reconcile();
    expect(report.plan.stateMachine?.calls.map((x) => x.op)).toEqual([
      "ValidateStateMachineDefinition",
      "UpdateStateMachine",
    ]);
    expect(report.stateMachineError).toBe(
      "State machine audit-checks-runner: UpdateStateMachine failed: AccessDeniedException: not authorized to perform: states:UpdateStateMachine",
    );
    expect(store.get(c.id).syncStatus).toBe("SYNCED");
  });

  it("deletes a deleted check's rule (targets first) and leaves an unmanaged prefixed rule alone", async () => {
    const c = makeCheck();
    const store = new MemoryCheckStore([c]);
    const r = reconciler(store);
    await r.reconcile();
    rules.set("audit-check-handmade", {
      Name: "audit-check-handmade",
      Arn: "arn:aws:events:us-east-1:000000000000:rule/audit-check-handmade",
      State: "ENABLED",
      EventPattern: '{"source":["x"]}',
      tags: {},
      targets: [{ Id: "t", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }],
    });
    store.checks.delete(c.id);
    calls = {};
    const report = await r.reconcile({ scope: { checkIds: new Set(), deleted: [{ id: c.id, slug: c.slug }] } });
    expect(rules.has(`audit-check-${c.slug}`)).toBe(false);
    expect(rules.has("audit-check-handmade")).toBe(true);
    expect(calls).toMatchObject({ RemoveTargets: 1, DeleteRule: 1 });
    expect(report.outcomes.filter((o) => o.applied).map((o) => o.action)).toEqual(["delete"]);
  });
});
