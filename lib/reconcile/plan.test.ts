import { describe, expect, it } from "vitest";
import type { Check } from "@/lib/checks/types";
import { patternsEqual } from "./compare";
import { desiredRuleFor, specHashFromDescription } from "./desired-rule";
import { buildPlan, selectDetailReads, wantedRules, type PlanItem, type RuleItemCall } from "./plan";
import type { ObservedRule } from "./rule-resource";
import { makeCheck, observedRuleFor, testConfig } from "./test-fixtures";

const synced = (c: Check): Check => ({ ...c, syncStatus: "SYNCED", observedGeneration: c.generation });

function plan(checks: Check[], observed: ObservedRule[]) {
  return buildPlan({ wanted: wantedRules(checks, testConfig), observed, stateMachine: null });
}

const ops = (item: PlanItem) => item.calls.map((c) => c.op);

/** The item's call of operation `op` (the test fails when there is none). */
function callOf<Op extends RuleItemCall["op"]>(item: PlanItem, op: Op): Extract<RuleItemCall, { op: Op }> {
  const call = (item.calls as RuleItemCall[]).find((c) => c.op === op);
  if (!call) throw new Error(`no ${op} in ${ops(item).join(", ")}`);
  return call as Extract<RuleItemCall, { op: Op }>;
}

describe("buildPlan", () => {
  it("creates a rule (PutRule then PutTargets) for each check AWS lacks", () => {
    const a = makeCheck();
    const b = makeCheck({ trigger: { kind: "schedule", expression: "rate(1 hour)" }, enabled: false });
    const p = plan([a, b], []);
    expect(p.items.map((i) => [i.ruleName, i.action, ops(i)])).toEqual([
      [`audit-check-${a.slug}`, "create", ["PutRule", "PutTargets"]],
      [`audit-check-${b.slug}`, "create", ["PutRule", "PutTargets"]],
    ]);
    expect(p.items[1]!.desired).toMatchObject({
      state: "DISABLED",
      scheduleExpression: "rate(1 hour)",
      eventPattern: null,
    });
  });

  it("does nothing when AWS matches, even with the pattern's keys and alternatives in another order", () => {
    const c = makeCheck({
      trigger: {
        kind: "eventPattern",
        pattern: { source: ["aws.ecs"], detail: { lastStatus: ["STOPPED", "RUNNING"] } },
      },
    });
    const reordered = JSON.stringify({ detail: { lastStatus: ["RUNNING", "STOPPED"] }, source: ["aws.ecs"] });
    const p = plan([c], [observedRuleFor(c, { eventPattern: reordered })]);
    expect(p.items[0]).toMatchObject({ action: "noop", calls: [] });
  });

  it("keeps numeric operator order significant", () => {
    expect(patternsEqual({ a: [{ numeric: [">", 0, "<", 5] }] }, { a: [{ numeric: ["<", 0, ">", 5] }] })).toBe(false);
  });

  it("disables with one PutRule when only the state differs; drift when the check was already in sync", () => {
    const c = synced(makeCheck({ enabled: false }));
    const p = plan([c], [observedRuleFor({ ...c, enabled: true })]);
    expect(p.items[0]).toMatchObject({ action: "disable", drift: true });
    expect(ops(p.items[0]!)).toEqual(["PutRule"]);
    expect(p.items[0]!.changes.find((x) => x.field === "state")).toEqual({
      field: "state",
      desired: "DISABLED",
      observed: "ENABLED",
    });
  });

  it("reports an out-of-band pattern edit as drift with a field diff", () => {
    const c = synced(makeCheck());
    const p = plan([c], [observedRuleFor(c, { eventPattern: '{"source":["aws.ec2"]}' })]);
    expect(p.items[0]).toMatchObject({ action: "update", drift: true });
    expect(ops(p.items[0]!)).toEqual(["PutRule"]);
    expect(p.items[0]!.changes[0]).toMatchObject({ field: "eventPattern", observed: '{"source":["aws.ec2"]}' });
  });

  it("rewrites a target that differs and keeps the operator's RetryPolicy / DeadLetterConfig", () => {
    const c = makeCheck();
    const o = observedRuleFor(c);
    o.targets = [
      { ...o.targets![0]!, RoleArn: "arn:aws:iam::000000000000:role/other", RetryPolicy: { MaximumRetryAttempts: 3 } },
    ];
    const item = plan([c], [o]).items[0]!;
    expect(item.action).toBe("update");
    expect(ops(item)).toEqual(["PutTargets"]);
    expect(callOf(item, "PutTargets").targets[0]).toMatchObject({
      RoleArn: testConfig.eventsRoleArn,
      RetryPolicy: { MaximumRetryAttempts: 3 },
    });
    expect(item.reasons).toEqual(["target audit-check-runner differs (RoleArn)"]);
  });

  it("removes foreign targets and re-adds a missing one", () => {
    const c = makeCheck();
    const o = observedRuleFor(c, { targets: [{ Id: "someone-else", Arn: "arn:aws:sqs:us-east-1:000000000000:q" }] });
    const item = plan([c], [o]).items[0]!;
    expect(ops(item)).toEqual(["RemoveTargets", "PutTargets"]);
    expect(callOf(item, "RemoveTargets").ids).toEqual(["someone-else"]);
  });

  it("restores a missing tag with TagResource only", () => {
    const c = makeCheck();
    const o = observedRuleFor(c);
    delete o.tags!["audit-check-id"];
    const item = plan([c], [o]).items[0]!;
    expect(item.action).toBe("update");
    expect(ops(item)).toEqual(["TagResource"]);
    expect(callOf(item, "TagResource")).toEqual({ op: "TagResource", arn: o.arn, tags: { "audit-check-id": c.id } });
  });

  it("refuses to touch a rule with the check's name but without our managed-by tag (conflict)", () => {
    const c = makeCheck();
    const item = plan([c], [observedRuleFor(c, { tags: { owner: "someone" } })]).items[0]!;
    expect(item).toMatchObject({ action: "conflict", calls: [] });
    expect(item.reasons[0]).toMatch(/not managed by this console/);
  });

  it("deletes a managed rule no check wants (targets first), and leaves an unmanaged prefixed rule alone", () => {
    const gone = makeCheck();
    const managed = observedRuleFor(gone);
    const foreign: ObservedRule = { ...observedRuleFor(makeCheck()), name: "audit-check-handmade", tags: {} };
    const p = plan([], [managed, foreign]);
    expect(p.items.map((i) => [i.ruleName, i.action, ops(i)])).toEqual([
      [managed.name, "delete", ["RemoveTargets", "DeleteRule"]],
      ["audit-check-handmade", "unmanaged", []],
    ]);
    expect(p.items[0]!.checkId).toBe(gone.id);
  });

  it("reports the second of two checks wanting one rule name as a conflict", () => {
    const a = makeCheck({ slug: "same" });
    const b = makeCheck({ slug: "same" });
    expect(plan([a, b], []).items.map((i) => i.action)).toEqual(["create", "conflict"]);
  });
});

describe("desired rule", () => {
  it("names the check and carries a spec hash that changes with the spec", () => {
    const c = makeCheck({ name: "Admin logins" });
    const d = desiredRuleFor(c, testConfig);
    expect(d.description).toContain("Admin logins");
    expect(specHashFromDescription(d.description)).toBe(d.specHash);
    expect(desiredRuleFor({ ...c, sql: "SELECT 2" }, testConfig).specHash).not.toBe(d.specHash);
    expect(desiredRuleFor({ ...c, enabled: false }, testConfig).specHash).not.toBe(d.specHash);
    expect(desiredRuleFor(c, { ...testConfig, eventsRoleArn: "arn:aws:iam::000000000000:role/x" }).specHash).not.toBe(
      d.specHash,
    );
    expect(d.tags).toEqual({ "managed-by": "audit-checks-console", "audit-check-id": c.id });
  });

  it("reads the hash from the end, so a check name cannot pose as one", () => {
    const d = desiredRuleFor(makeCheck({ name: "x; spec 0000000000000000)" }), testConfig);
    expect(specHashFromDescription(d.description)).toBe(d.specHash);
  });

  it("keeps the Description within EventBridge's 512 characters", () => {
    expect(desiredRuleFor(makeCheck({ name: "n".repeat(2000) }), testConfig).description.length).toBeLessThanOrEqual(
      512,
    );
  });
});

describe("selectDetailReads", () => {
  const basic = (o: ObservedRule): ObservedRule => ({ ...o, tags: undefined, targets: undefined });

  it("trusts the Description hash of in-sync rules, auditing a rotating slice of them", () => {
    const checks = [1, 2, 3].map(() => synced(makeCheck()));
    const observed = checks.map((c) => basic(observedRuleFor(c)));
    const first = selectDetailReads({ wanted: wantedRules(checks, testConfig), observed, auditBudget: 2, cursor: 0 });
    expect(first.names.size).toBe(2);
    const second = selectDetailReads({
      wanted: wantedRules(checks, testConfig),
      observed,
      auditBudget: 2,
      cursor: first.nextCursor,
    });
    expect(new Set([...first.names, ...second.names]).size).toBe(3);
    expect(
      selectDetailReads({ wanted: wantedRules(checks, testConfig), observed, auditBudget: 0, cursor: 0 }).names.size,
    ).toBe(0);
  });

  it("always reads rules that differ, rules of checks not recorded SYNCED (crash recovery), and rules without a check", () => {
    const inSync = synced(makeCheck());
    const pending = makeCheck(); // e.g. a crash after PutRule: Description hash current, check still PENDING
    const drifted = synced(makeCheck());
    const observed = [
      basic(observedRuleFor(inSync)),
      basic(observedRuleFor(pending)),
      basic(observedRuleFor(drifted, { state: "DISABLED" })),
      { ...basic(observedRuleFor(makeCheck())), name: "audit-check-orphan" },
    ];
    const s = selectDetailReads({
      wanted: wantedRules([inSync, pending, drifted], testConfig),
      observed,
      auditBudget: 0,
      cursor: 0,
    });
    expect([...s.names].sort()).toEqual([observed[1]!.name, observed[2]!.name, "audit-check-orphan"].sort());
  });
});
