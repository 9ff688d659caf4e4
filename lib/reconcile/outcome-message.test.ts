import { describe, expect, it } from "vitest";
import type { Check } from "@/lib/checks/types";
import { appliedMessage, splitSyncMessage } from "./outcome-message";
import { buildPlan, wantedRules } from "./plan";
import type { ObservedRule } from "./rule-resource";
import { makeCheck, observedRuleFor, testConfig } from "./test-fixtures";

function itemFor(check: Check, observed: ObservedRule[]) {
  return buildPlan({ wanted: wantedRules([check], testConfig), observed, stateMachine: null }).items[0]!;
}

describe("appliedMessage", () => {
  it("leads an update with what an operator sees changed, then the reconciler's reasons as details", () => {
    const before = makeCheck({ enabled: true });
    const after = { ...before, enabled: false, generation: before.generation + 1 };
    const old = observedRuleFor(before);
    const item = itemFor(after, [
      { ...old, targets: [{ ...old.targets![0]!, RoleArn: "arn:aws:iam::000000000000:role/other" }] },
    ]);
    expect(item.action).toBe("update");
    const { headline, details } = splitSyncMessage(appliedMessage(item));
    expect(headline).toBe(`Rule ${item.ruleName} updated: disabled, target updated.`);
    expect(details).toBe(
      "Details: state differs; description (spec hash) differs; target audit-check-runner differs (RoleArn, InputTransformer).",
    );
  });

  it("does not call a target whose input merely carries the new spec news when something else changed", () => {
    const before = makeCheck({ enabled: true });
    const after = { ...before, enabled: false, generation: before.generation + 1 };
    const item = itemFor(after, [observedRuleFor(before)]);
    expect(item.reasons).toEqual([
      "state differs",
      "description (spec hash) differs",
      "target audit-check-runner differs (InputTransformer)",
    ]);
    expect(splitSyncMessage(appliedMessage(item)).headline).toBe(`Rule ${item.ruleName} updated: disabled.`);
  });

  it("says enabled / disabled when that is all that changed", () => {
    const c = makeCheck({ enabled: false });
    const item = itemFor(c, [observedRuleFor({ ...c, enabled: true })]);
    expect(item.action).toBe("disable");
    expect(splitSyncMessage(appliedMessage(item)).headline).toBe(`Rule ${item.ruleName} disabled.`);
  });

  it("names a created rule (and whether it starts disabled) without details", () => {
    const c = makeCheck({ enabled: false });
    const item = itemFor(c, []);
    expect(appliedMessage(item)).toBe(`Rule ${item.ruleName} created (disabled).`);
  });

  it("tells an operator a drifted rule was put back", () => {
    const c: Check = { ...makeCheck(), syncStatus: "SYNCED", observedGeneration: 1, generation: 1 };
    const item = itemFor(c, [observedRuleFor(c, { eventPattern: '{"source":["aws.ec2"]}' })]);
    expect(item.drift).toBe(true);
    expect(appliedMessage(item)).toBe(
      `Rule ${item.ruleName} was changed outside the console and has been restored.\nDetails: eventPattern differs.`,
    );
  });
});

describe("splitSyncMessage", () => {
  it("treats a message without details (an error, an older message) as all headline", () => {
    expect(splitSyncMessage("PutRule failed: AccessDeniedException: no")).toEqual({
      headline: "PutRule failed: AccessDeniedException: no",
      details: null,
    });
  });
});
