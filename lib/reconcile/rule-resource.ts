// The rule resource kind: read (its tags, on top of what ListRules returned), the delta (rule fields by meaning,
// our tags), and the calls — PutRule on create and update (tags travel with it only on create), TagResource,
// DeleteRule. Listing by prefix is the rule kind's own way to observe every rule a pass might own in ~N/100 calls.
import {
  DeleteRuleCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  TagResourceCommand,
  type Rule,
} from "@aws-sdk/client-eventbridge";
import { isNotFound } from "@/lib/aws/errors";
import { patternsEqual } from "./compare";
import { EVENT_BUS } from "./config";
import type { DesiredRule } from "./desired-rule";
import type { AwsContext, FieldChange, ResourceKind } from "./resource-kind";
import type { ObservedTarget } from "./targets-resource";

export interface ObservedRule {
  name: string;
  arn: string;
  description: string | null;
  eventPattern: string | null;
  scheduleExpression: string | null;
  state: string | null;
  /** Set for rules an AWS service manages (never ours). */
  managedBy: string | null;
  /** Read only when this pass looked at the rule's details (see plan.ts, selectDetailReads). */
  tags?: Record<string, string>;
  targets?: ObservedTarget[];
}

/** What PutRule writes: a check's rule, or a notification rule (notification-resources.ts). */
export type RuleSpec = Pick<
  DesiredRule,
  "name" | "description" | "state" | "eventPattern" | "scheduleExpression" | "tags"
>;

export type RuleCall =
  | { op: "PutRule"; rule: RuleSpec; create: boolean }
  | { op: "TagResource"; arn: string; tags: Record<string, string> }
  | { op: "DeleteRule"; name: string };

/** What an existing rule needs: its fields rewritten (one PutRule writes them all), and tags to set. */
export interface RuleDelta {
  fields: FieldChange[];
  /** The desired tags that are missing or differ; null when none do or the tags were not read this pass. */
  tags: Record<string, string> | null;
}

function fromSdk(r: Rule): ObservedRule {
  return {
    name: r.Name ?? "",
    arn: r.Arn ?? "",
    description: r.Description ?? null,
    eventPattern: r.EventPattern ?? null,
    scheduleExpression: r.ScheduleExpression ?? null,
    state: r.State ?? null,
    managedBy: r.ManagedBy ?? null,
  };
}

/** Every rule on the bus whose name starts with `prefix` (all pages; 100 per call), without tags or targets. */
export async function listRulesByPrefix(aws: AwsContext, prefix: string): Promise<ObservedRule[]> {
  const out: ObservedRule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await aws.log.send<{ Rules?: Rule[]; NextToken?: string }>(
      aws.events,
      new ListRulesCommand({ NamePrefix: prefix, EventBusName: EVENT_BUS, Limit: 100, NextToken }),
    );
    // NamePrefix is a prefix match; keep the guard in case an endpoint is loose about it.
    for (const r of page.Rules ?? []) if (r.Name?.startsWith(prefix)) out.push(fromSdk(r));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** Rule-level fields that differ (Description, pattern by meaning, schedule, state). */
export function ruleFieldChanges(d: RuleSpec, o: ObservedRule): FieldChange[] {
  const out: FieldChange[] = [];
  if (!patternsEqual(d.eventPattern, o.eventPattern))
    out.push({ field: "eventPattern", desired: d.eventPattern, observed: o.eventPattern });
  if ((d.scheduleExpression ?? null) !== (o.scheduleExpression?.trim() || null)) {
    out.push({ field: "scheduleExpression", desired: d.scheduleExpression, observed: o.scheduleExpression });
  }
  if (d.state !== o.state) out.push({ field: "state", desired: d.state, observed: o.state });
  if (d.description !== o.description)
    out.push({ field: "description", desired: d.description, observed: o.description });
  return out;
}

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export const ruleKind = {
  /** The listed rule with its tags (ListTagsForResource); null when the rule is gone since it was listed. */
  async read(aws, listed) {
    try {
      const r = await aws.log.send<{ Tags?: { Key?: string; Value?: string }[] }>(
        aws.events,
        new ListTagsForResourceCommand({ ResourceARN: listed.arn }),
      );
      return { ...listed, tags: Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },

  delta(desired, observed) {
    const fields = ruleFieldChanges(desired, observed);
    const have = observed.tags;
    const missing = have === undefined ? [] : Object.entries(desired.tags).filter(([k, v]) => have[k] !== v);
    const tags = missing.length ? Object.fromEntries(missing) : null;
    return fields.length || tags ? { fields, tags } : null;
  },

  create: (desired) => [{ op: "PutRule", rule: desired, create: true }],

  update: (desired, observed, delta) => [
    ...(delta.fields.length ? [{ op: "PutRule" as const, rule: desired, create: false }] : []),
    ...(delta.tags ? [{ op: "TagResource" as const, arn: observed.arn, tags: delta.tags }] : []),
  ],

  delete: (observed) => [{ op: "DeleteRule", name: observed.name }],

  async send(aws, call) {
    switch (call.op) {
      case "PutRule": {
        // Every field of the desired rule (PutRule resets what it is not given). Tags travel only on creation:
        // AWS ignores them when the rule exists, so updates use TagResource.
        const d = call.rule;
        await aws.log.send(
          aws.events,
          new PutRuleCommand({
            Name: d.name,
            EventBusName: EVENT_BUS,
            Description: d.description,
            State: d.state,
            ...(d.eventPattern !== null ? { EventPattern: d.eventPattern } : {}),
            ...(d.scheduleExpression !== null ? { ScheduleExpression: d.scheduleExpression } : {}),
            ...(call.create ? { Tags: tagList(d.tags) } : {}),
          }),
        );
        return;
      }
      case "TagResource":
        // Sets (adds or overwrites) these tags; other tags on the rule stay as they are.
        await aws.log.send(aws.events, new TagResourceCommand({ ResourceARN: call.arn, Tags: tagList(call.tags) }));
        return;
      case "DeleteRule":
        // The targets must already be removed; deleting a rule that is already gone succeeds.
        try {
          await aws.log.send(aws.events, new DeleteRuleCommand({ Name: call.name, EventBusName: EVENT_BUS }));
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        return;
    }
  },
} satisfies ResourceKind<ObservedRule, RuleSpec, ObservedRule, RuleDelta, RuleCall>;
