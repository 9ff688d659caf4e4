// Applies one plan item: exactly the calls the plan lists, in its order, which the resource kinds chose so that every
// intermediate state is harmless and convergent — create: PutRule (with tags) → PutTargets; update: PutRule →
// TagResource → RemoveTargets → PutTargets; delete: RemoveTargets → DeleteRule (AWS refuses to delete a rule that
// still has targets). A crash between two calls leaves the check not SYNCED in the database, so the next pass reads
// the rule in full and finishes the job (see plan.ts selectDetailReads).
import type { PlanItem, RuleItemCall } from "./plan";
import { runCalls, type AwsContext } from "./resource-kind";
import { ruleKind } from "./rule-resource";
import { targetsKind, type TargetsCall } from "./targets-resource";

/** Test seam: called after each API call of an item (the crash tests throw from here). */
export type AfterCallHook = (item: PlanItem, call: RuleItemCall["op"]) => void | Promise<void>;

function isTargetsCall(call: RuleItemCall): call is TargetsCall {
  return call.op === "PutTargets" || call.op === "RemoveTargets";
}

/** Sends one call of a rule item through the kind it belongs to. */
function send(aws: AwsContext, call: RuleItemCall): Promise<void> {
  return isTargetsCall(call) ? targetsKind.send(aws, call) : ruleKind.send(aws, call);
}

/**
 * Makes AWS match the item's desired state with the item's calls. The first failure is thrown as a CallFailedError
 * naming that call (the item is then reported, others go on).
 */
export async function applyItem(aws: AwsContext, item: PlanItem, after: AfterCallHook = () => {}): Promise<void> {
  // Ownership was confirmed from tags read this pass; without them nothing is written.
  if ((item.action === "update" || item.action === "enable" || item.action === "disable") && !item.detailed)
    throw new Error(`internal: ${item.ruleName} was planned for ${item.action} without reading its tags`);
  await runCalls<RuleItemCall>(
    item.calls,
    (call) => send(aws, call),
    (call) => after(item, call.op),
  );
}
