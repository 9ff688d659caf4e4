// Every kind of plan item is applied with exactly the calls it lists, in that order, and a failure is named by the
// call that failed (the calls after it are not made). The same for the shared state machine's plan.
import { describe, expect, it } from "vitest";
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { SFNClient } from "@aws-sdk/client-sfn";
import type { Check } from "@/lib/checks/types";
import { applyItem } from "./apply";
import { CallLog, operationName } from "./call-log";
import { buildPlan, wantedRules, type PlanItem } from "./plan";
import { CallFailedError, type AwsContext } from "./resource-kind";
import type { ObservedRule } from "./rule-resource";
import {
  applyStateMachine,
  desiredStateMachine,
  planStateMachine,
  type ObservedStateMachine,
  type StateMachinePlan,
} from "./state-machine-resource";
import { makeCheck, observedRuleFor, testConfig } from "./test-fixtures";

class AwsLikeError extends Error {
  readonly $metadata = { httpStatusCode: 400 };
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** One client standing in for EventBridge and Step Functions: records each operation sent, fails `failOp`. */
function fakeAws(failOp?: string): { aws: AwsContext; sent: string[] } {
  const sent: string[] = [];
  const client = {
    async send(command: object) {
      const op = operationName(command.constructor.name);
      sent.push(op);
      if (op === failOp) throw new AwsLikeError("AccessDeniedException", `not authorized to perform ${op}`);
      return op === "ValidateStateMachineDefinition" ? { result: "OK" } : {};
    },
  };
  return {
    sent,
    aws: { events: client as unknown as EventBridgeClient, sfn: client as unknown as SFNClient, log: new CallLog() },
  };
}

const synced = (c: Check): Check => ({ ...c, syncStatus: "SYNCED", observedGeneration: c.generation });
const ops = (calls: readonly { op: string }[]) => calls.map((c) => c.op);

function itemFor(checks: Check[], observed: ObservedRule[]): PlanItem {
  return buildPlan({ wanted: wantedRules(checks, testConfig), observed, stateMachine: null }).items[0]!;
}

/** One item per union member that makes calls, with the calls it must list. */
function workingItems(): Array<[string, PlanItem, string[]]> {
  const created = makeCheck();
  const changed = synced(makeCheck());
  const old = observedRuleFor(changed);
  const enabled = makeCheck({ enabled: true });
  const disabled = makeCheck({ enabled: false });
  const gone = makeCheck();
  return [
    ["create", itemFor([created], []), ["PutRule", "PutTargets"]],
    [
      "update",
      itemFor(
        [changed],
        [
          {
            ...old,
            eventPattern: '{"source":["aws.ec2"]}',
            tags: { ...old.tags, "audit-check-id": "someone-else" },
            targets: [
              { ...old.targets![0]!, RoleArn: "arn:aws:iam::000000000000:role/other" },
              { Id: "intruder", Arn: "arn:aws:sqs:us-east-1:000000000000:q" },
            ],
          },
        ],
      ),
      ["PutRule", "TagResource", "RemoveTargets", "PutTargets"],
    ],
    ["enable", itemFor([enabled], [observedRuleFor({ ...enabled, enabled: false })]), ["PutRule"]],
    ["disable", itemFor([disabled], [observedRuleFor({ ...disabled, enabled: true })]), ["PutRule"]],
    ["delete", itemFor([], [observedRuleFor(gone)]), ["RemoveTargets", "DeleteRule"]],
  ];
}

describe("applyItem", () => {
  it.each(workingItems())("%s: makes the listed calls in the listed order", async (action, item, expected) => {
    expect(item.action).toBe(action);
    expect(ops(item.calls)).toEqual(expected);
    const { aws, sent } = fakeAws();
    const after: string[] = [];
    await applyItem(aws, item, (_item, call) => {
      after.push(call);
    });
    expect(sent).toEqual(expected);
    expect(after).toEqual(expected);
    expect(aws.log.total()).toBe(expected.length);
  });

  it.each(workingItems())("%s: a failure is named by its call and stops the item there", async (_action, item) => {
    const listed = ops(item.calls);
    for (const [i, op] of listed.entries()) {
      const { aws, sent } = fakeAws(op);
      const failure = await applyItem(aws, item).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CallFailedError);
      expect(failure).toMatchObject({ op, error: { name: "AccessDeniedException" } });
      expect(sent).toEqual(listed.slice(0, i + 1));
    }
  });

  it("noop, conflict and unmanaged items list no call and make none", async () => {
    const c = makeCheck();
    const items = [
      itemFor([c], [observedRuleFor(c)]),
      itemFor([c], [observedRuleFor(c, { tags: { owner: "someone" } })]),
      itemFor([], [{ ...observedRuleFor(makeCheck()), name: "audit-check-handmade", tags: {} }]),
    ];
    expect(items.map((i) => i.action)).toEqual(["noop", "conflict", "unmanaged"]);
    for (const item of items) {
      const { aws, sent } = fakeAws();
      await applyItem(aws, item);
      expect(item.calls).toEqual([]);
      expect(sent).toEqual([]);
    }
  });

  it("refuses an update whose tags were not read this pass (ownership unconfirmed), before any call", async () => {
    const c = makeCheck();
    const item = itemFor([c], [observedRuleFor(c, { state: "DISABLED", tags: undefined, targets: undefined })]);
    expect(item).toMatchObject({ action: "enable", detailed: false });
    const { aws, sent } = fakeAws();
    await expect(applyItem(aws, item)).rejects.toThrow(/without reading its tags/);
    expect(sent).toEqual([]);
  });
});

describe("applyStateMachine", () => {
  const desired = desiredStateMachine(testConfig);
  const observed: ObservedStateMachine = {
    arn: desired.arn,
    definition: desired.definition,
    roleArn: desired.roleArn,
    type: "STANDARD",
    tags: { ...desired.tags },
  };
  const plans: Array<[string, StateMachinePlan, string[]]> = [
    ["create", planStateMachine(null, desired), ["ValidateStateMachineDefinition", "CreateStateMachine"]],
    [
      "update",
      planStateMachine({ ...observed, roleArn: "arn:aws:iam::000000000000:role/other" }, desired),
      ["ValidateStateMachineDefinition", "UpdateStateMachine"],
    ],
  ];

  it.each(plans)("%s: makes the listed calls in order; a failure is named by its call", async (action, plan, calls) => {
    expect(plan.action).toBe(action);
    expect(ops(plan.calls)).toEqual(calls);
    const ok = fakeAws();
    await applyStateMachine(ok.aws, plan);
    expect(ok.sent).toEqual(calls);
    for (const [i, op] of calls.entries()) {
      const { aws, sent } = fakeAws(op);
      await expect(applyStateMachine(aws, plan)).rejects.toMatchObject({ op });
      expect(sent).toEqual(calls.slice(0, i + 1));
    }
  });

  it("makes no call when nothing differs (a definition with other key order is the same) or when not ours", async () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    const reordered = JSON.stringify(reversed(JSON.parse(desired.definition)));
    expect(reordered).not.toBe(JSON.stringify(JSON.parse(desired.definition)));
    const plansWithoutCalls = [
      planStateMachine({ ...observed, definition: reordered }, desired),
      planStateMachine({ ...observed, tags: {} }, desired),
      planStateMachine({ ...observed, type: "EXPRESS" }, desired),
    ];
    expect(plansWithoutCalls.map((p) => p.action)).toEqual(["noop", "conflict", "conflict"]);
    for (const plan of plansWithoutCalls) {
      const { aws, sent } = fakeAws();
      await applyStateMachine(aws, plan);
      expect(sent).toEqual([]);
    }
  });
});
