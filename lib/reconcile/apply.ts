// Applies one plan item, in the order that keeps every intermediate state harmless and convergent:
// create: PutRule (with tags) → PutTargets; update: PutRule → TagResource → RemoveTargets → PutTargets;
// delete: RemoveTargets → DeleteRule (AWS refuses to delete a rule that still has targets).
// A crash between two calls leaves the check not SYNCED in the database, so the next pass reads the rule in full
// and finishes the job (see plan.ts selectDetailReads).
import type { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import type { CallLog } from "./call-log";
import type { PlanItem } from "./plan";
import { deleteRule, putRule, tagRule } from "./rule-resource";
import { putTargets, removeTargets } from "./targets-resource";

/** Test seam: called after each API call of an item (the crash tests throw from here). */
export type AfterCallHook = (item: PlanItem, call: string) => void | Promise<void>;

/** Makes AWS match the item's desired state; throws the first AWS error (the item is then reported, others go on). */
export async function applyItem(
  events: EventBridgeClient,
  log: CallLog,
  item: PlanItem,
  after: AfterCallHook = () => {},
): Promise<void> {
  switch (item.action) {
    case "noop":
    case "conflict":
    case "unmanaged":
      return;
    case "create": {
      const d = item.desired!;
      await putRule(events, log, d, true);
      await after(item, "PutRule");
      await putTargets(events, log, d.name, [d.target]);
      await after(item, "PutTargets");
      return;
    }
    case "update":
    case "enable":
    case "disable": {
      const d = item.desired!;
      const o = item.observed!;
      // Ownership was confirmed from tags read this pass; without them nothing is written.
      if (!item.detailed)
        throw new Error(`internal: ${item.ruleName} was planned for ${item.action} without reading its tags`);
      const work = item.work!;
      if (work.putRule) {
        await putRule(events, log, d, false);
        await after(item, "PutRule");
      }
      if (work.tags) {
        await tagRule(events, log, o.arn, work.tags);
        await after(item, "TagResource");
      }
      if (work.targets?.remove.length) {
        await removeTargets(events, log, d.name, work.targets.remove);
        await after(item, "RemoveTargets");
      }
      if (work.targets?.put.length) {
        await putTargets(events, log, d.name, work.targets.put);
        await after(item, "PutTargets");
      }
      return;
    }
    case "delete": {
      const o = item.observed!;
      const ids = (o.targets ?? []).map((t) => t.Id ?? "").filter(Boolean);
      if (ids.length) {
        await removeTargets(events, log, o.name, ids);
        await after(item, "RemoveTargets");
      }
      await deleteRule(events, log, o.name);
      await after(item, "DeleteRule");
      return;
    }
  }
}
