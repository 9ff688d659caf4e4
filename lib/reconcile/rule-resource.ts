// The rule resource: read (list by prefix / its tags), create, update, delete. Each function is one
// or two API calls; deciding *whether* to call is plan.ts's job.
import {
  DeleteRuleCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  PutRuleCommand,
  TagResourceCommand,
  type EventBridgeClient,
  type Rule,
} from "@aws-sdk/client-eventbridge";
import { isNotFound } from "@/lib/aws/errors";
import type { CallLog } from "./call-log";
import { EVENT_BUS } from "./config";
import type { DesiredRule } from "./desired-rule";
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

function fromSdk(
  r:
    | Rule
    | {
        Name?: string;
        Arn?: string;
        Description?: string;
        EventPattern?: string;
        ScheduleExpression?: string;
        State?: string;
        ManagedBy?: string;
      },
): ObservedRule {
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

/** Every rule on the bus whose name starts with `prefix` (all pages; 100 per call). */
export async function listRulesByPrefix(
  events: EventBridgeClient,
  log: CallLog,
  prefix: string,
): Promise<ObservedRule[]> {
  const out: ObservedRule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await log.send<{ Rules?: Rule[]; NextToken?: string }>(
      events,
      new ListRulesCommand({ NamePrefix: prefix, EventBusName: EVENT_BUS, Limit: 100, NextToken }),
    );
    // NamePrefix is a prefix match; keep the guard in case an endpoint is loose about it.
    for (const r of page.Rules ?? []) if (r.Name?.startsWith(prefix)) out.push(fromSdk(r));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** The rule's tags as a map. */
export async function readRuleTags(
  events: EventBridgeClient,
  log: CallLog,
  arn: string,
): Promise<Record<string, string>> {
  const r = await log.send<{ Tags?: { Key?: string; Value?: string }[] }>(
    events,
    new ListTagsForResourceCommand({ ResourceARN: arn }),
  );
  return Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

/**
 * PutRule with every field of the desired rule (PutRule resets what it is not given). Tags travel only on
 * creation: AWS ignores them when the rule exists, so updates use tagRule.
 */
export async function putRule(
  events: EventBridgeClient,
  log: CallLog,
  d: DesiredRule,
  create: boolean,
): Promise<string> {
  const r = await log.send<{ RuleArn?: string }>(
    events,
    new PutRuleCommand({
      Name: d.name,
      EventBusName: EVENT_BUS,
      Description: d.description,
      State: d.state,
      ...(d.eventPattern !== null ? { EventPattern: d.eventPattern } : {}),
      ...(d.scheduleExpression !== null ? { ScheduleExpression: d.scheduleExpression } : {}),
      ...(create ? { Tags: Object.entries(d.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
    }),
  );
  return r.RuleArn ?? "";
}

/** Sets (adds or overwrites) the given tags; other tags on the rule are left as they are. */
export async function tagRule(
  events: EventBridgeClient,
  log: CallLog,
  arn: string,
  tags: Record<string, string>,
): Promise<void> {
  await log.send(
    events,
    new TagResourceCommand({ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
  );
}

/** Deletes the rule (its targets must already be removed); deleting a missing rule succeeds. */
export async function deleteRule(events: EventBridgeClient, log: CallLog, name: string): Promise<void> {
  try {
    await log.send(events, new DeleteRuleCommand({ Name: name, EventBusName: EVENT_BUS }));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
