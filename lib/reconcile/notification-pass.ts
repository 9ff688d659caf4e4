// The notification part of a reconcile pass: observe the connections, API destinations and notification rules
// under the prefix, plan them against the notification settings, and apply in the order that keeps every step
// valid: connections → API destinations → (their ARNs, new ones included) → rules and their targets → leftover
// API destinations → leftover connections (a rule's target must exist before it, and outlive it).
import { describeAwsError } from "@/lib/aws/errors";
import { listApiDestinationArns, apiDestinationKind, type ApiDestinationCall } from "./api-destination-resource";
import { connectionKind, listConnectionNames, type ConnectionCall } from "./connection-resource";
import type { ReconcileConfig } from "./config";
import {
  desiredNotifications,
  isNotificationRuleName,
  type NotificationCheckRef,
  type NotificationDestinationSpec,
  type NotificationRuleSpec,
} from "./notification-desired";
import {
  planNotificationRules,
  planNotifications,
  type NotificationCall,
  type NotificationPlanItem,
  type ObservedNotifications,
} from "./notification-plan";
import { mapBounded } from "./pool";
import { CallFailedError, runCalls, type AwsContext } from "./resource-kind";
import { ruleKind, type ObservedRule } from "./rule-resource";
import { targetsKind, type TargetsCall } from "./targets-resource";

/** The notification settings (lib/db in the console; decrypted there). */
export interface NotificationStore {
  load(): Promise<{ destinations: NotificationDestinationSpec[]; rules: NotificationRuleSpec[] }>;
}

export interface NotificationOutcome {
  name: string;
  resource: NotificationPlanItem["resource"];
  action: NotificationPlanItem["action"];
  applied: boolean;
  message: string | null;
}

export interface NotificationReport {
  items: NotificationPlanItem[];
  outcomes: NotificationOutcome[];
  /** Observing failed: nothing was planned. */
  error: string | null;
}

async function observe(
  aws: AwsContext,
  config: ReconcileConfig,
  listedRules: ObservedRule[],
  concurrency: number,
): Promise<ObservedNotifications> {
  const [connectionNames, apiArns] = await Promise.all([
    listConnectionNames(aws, config.rulePrefix),
    listApiDestinationArns(aws, config.rulePrefix),
  ]);
  const read = async <T>(names: string[], one: (n: string) => Promise<T | null>) =>
    (await mapBounded(names, concurrency, one)).flatMap((r) => {
      if (!r.ok) throw r.error;
      return r.value ? [r.value] : [];
    });
  const notificationRules = listedRules.filter((r) => isNotificationRuleName(config, r.name));
  const [connections, apiDestinations, rules] = await Promise.all([
    read(connectionNames, (n) => connectionKind.read(aws, n)),
    read([...apiArns.keys()], (n) => apiDestinationKind.read(aws, n)),
    // Notification rules are few: tags and targets are read every pass (no hash shortcut as for checks' rules).
    read(
      notificationRules.map((r) => r.name),
      async (name) => {
        const listed = notificationRules.find((r) => r.name === name)!;
        const [rule, targets] = await Promise.all([ruleKind.read(aws, listed), targetsKind.read(aws, name)]);
        return rule && targets ? { ...rule, targets: targets.targets } : null;
      },
    ),
  ]);
  return { connections, apiDestinations, rules };
}

function isTargetsCall(call: NotificationCall): call is TargetsCall {
  return call.op === "PutTargets" || call.op === "RemoveTargets";
}

function send(aws: AwsContext, call: NotificationCall): Promise<void> {
  if (isTargetsCall(call)) return targetsKind.send(aws, call);
  if (call.op.endsWith("Connection")) return connectionKind.send(aws, call as ConnectionCall);
  if (call.op.endsWith("ApiDestination")) return apiDestinationKind.send(aws, call as ApiDestinationCall);
  return ruleKind.send(aws, call as Parameters<typeof ruleKind.send>[1]);
}

async function applyOne(aws: AwsContext, item: NotificationPlanItem): Promise<NotificationOutcome> {
  const base = { name: item.name, resource: item.resource, action: item.action };
  try {
    await runCalls(item.calls, (call) => send(aws, call));
    return { ...base, applied: true, message: null };
  } catch (error) {
    const op = error instanceof CallFailedError ? `${error.op} failed: ` : "";
    const e = describeAwsError(error instanceof CallFailedError ? error.error : error);
    return { ...base, applied: false, message: `${op}${e.code}: ${e.message}` };
  }
}

/** Plans (and with `apply`, applies) the notification wiring. Failures are reported per item, never thrown. */
export async function runNotificationPass(opts: {
  aws: AwsContext;
  config: ReconcileConfig;
  store: NotificationStore;
  checks: NotificationCheckRef[];
  /** The pass's ListRules(prefix) result: notification rules are among them. */
  listedRules: ObservedRule[];
  apply: boolean;
  concurrency: number;
}): Promise<NotificationReport> {
  const { aws, config, concurrency } = opts;
  let items: NotificationPlanItem[];
  let observed: ObservedNotifications;
  let desired: ReturnType<typeof desiredNotifications>;
  try {
    const settings = await opts.store.load();
    desired = desiredNotifications(config, opts.checks, settings.destinations, settings.rules);
    observed = await observe(aws, config, opts.listedRules, concurrency);
    items = planNotifications(config, desired, observed);
  } catch (error) {
    const e = describeAwsError(error);
    return { items: [], outcomes: [], error: `Reading the notification wiring failed: ${e.code}: ${e.message}` };
  }
  if (!opts.apply) return { items, outcomes: [], error: null };

  const outcomes: NotificationOutcome[] = [];
  const work = (i: NotificationPlanItem) => i.calls.length > 0;
  const phase = async (pick: (i: NotificationPlanItem) => boolean, list = items) => {
    const results = await mapBounded(
      list.filter((i) => work(i) && pick(i)),
      concurrency,
      (i) => applyOne(aws, i),
    );
    for (const r of results) if (r.ok) outcomes.push(r.value);
  };
  const failed = (resource: string, name: string) =>
    outcomes.some((o) => o.resource === resource && o.name === name && !o.applied);

  await phase((i) => i.resource === "connection" && i.action !== "delete");
  await phase((i) => i.resource === "api-destination" && i.action !== "delete" && !failed("connection", i.name));
  // New API destinations have ARNs now: the rules are planned again with them (only targets can change by this).
  let rules = items.filter((i) => i.resource === "rule");
  if (items.some((i) => i.resource === "api-destination" && i.action === "create")) {
    try {
      const arns = await listApiDestinationArns(aws, config.rulePrefix);
      rules = planNotificationRules(config, desired.rules, observed.rules, arns);
      items = [...items.filter((i) => i.resource !== "rule"), ...rules];
    } catch (error) {
      const e = describeAwsError(error);
      return { items, outcomes, error: `Listing the API destinations failed: ${e.code}: ${e.message}` };
    }
  }
  await phase(() => true, rules);
  await phase((i) => i.resource === "api-destination" && i.action === "delete");
  await phase((i) => i.resource === "connection" && i.action === "delete");
  return { items, outcomes, error: null };
}
