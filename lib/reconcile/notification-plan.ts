// Desired notification wiring vs what EventBridge has → a plan, per connection, API destination and notification
// rule: create / update / delete / noop, conflict (the name is taken by something not ours), unmanaged (ours by
// name only: left alone). Each item carries the calls its kind chose; notification-pass.ts applies them. Pure.
import { apiDestinationKind, type ApiDestinationCall, type ObservedApiDestination } from "./api-destination-resource";
import { connectionKind, type ConnectionCall, type ObservedConnection } from "./connection-resource";
import { MANAGED_BY_TAG, MANAGED_BY_VALUE, type ReconcileConfig } from "./config";
import {
  isManagedDescription,
  notificationTarget,
  type DesiredNotificationRule,
  type DesiredNotifications,
} from "./notification-desired";
import type { RuleItemCall } from "./plan";
import type { FieldChange } from "./resource-kind";
import { ruleKind, type ObservedRule } from "./rule-resource";
import { targetsKind } from "./targets-resource";

export type NotificationResource = "connection" | "api-destination" | "rule";
export type NotificationCall = ConnectionCall | ApiDestinationCall | RuleItemCall;
export type NotificationAction = "create" | "update" | "delete" | "noop" | "conflict" | "unmanaged";

export interface NotificationPlanItem {
  resource: NotificationResource;
  /** The AWS name. */
  name: string;
  action: NotificationAction;
  checkId: string | null;
  checkName: string | null;
  destinationName: string | null;
  reasons: string[];
  /** Secrets never appear here: a changed URL or key is shown as "(secret)". */
  changes: FieldChange[];
  calls: NotificationCall[];
}

export interface ObservedNotifications {
  connections: ObservedConnection[];
  apiDestinations: ObservedApiDestination[];
  /** Notification rules with their tags and targets read. */
  rules: ObservedRule[];
}

interface Named {
  name: string;
  destinationName: string;
}

/** Connections and API destinations share the shape of their plan: owned by Description, delta as field changes. */
function planDescribed<
  D extends Named,
  O extends { name: string; description: string | null },
  C extends NotificationCall,
>(
  resource: "connection" | "api-destination",
  desired: D[],
  observed: O[],
  kind: {
    delta(d: D, o: O): FieldChange[] | null;
    create(d: D): C[];
    update(d: D, o: O, delta: FieldChange[]): C[];
    delete(o: O): C[];
  },
): NotificationPlanItem[] {
  const items: NotificationPlanItem[] = [];
  const byName = new Map(observed.map((o) => [o.name, o]));
  const base = { resource, checkId: null, checkName: null };
  for (const d of desired) {
    const o = byName.get(d.name);
    const item = { ...base, name: d.name, destinationName: d.destinationName };
    if (!o) {
      items.push({
        ...item,
        action: "create",
        reasons: [`the ${resource.replace("-", " ")} does not exist`],
        changes: [{ field: resource, desired: d.name, observed: null }],
        calls: kind.create(d),
      });
    } else if (!isManagedDescription(o.description)) {
      items.push({
        ...item,
        action: "conflict",
        reasons: [
          `a ${resource.replace("-", " ")} named ${d.name} exists that this console did not create (its description does not say “managed by ${MANAGED_BY_VALUE}”): left alone. Rename the destination, or delete that ${resource.replace("-", " ")}.`,
        ],
        changes: [],
        calls: [],
      });
    } else {
      const delta = kind.delta(d, o);
      items.push(
        delta
          ? {
              ...item,
              action: "update",
              reasons: delta.map((c) => `${c.field} differs`),
              changes: delta,
              calls: kind.update(d, o, delta),
            }
          : { ...item, action: "noop", reasons: [], changes: [], calls: [] },
      );
    }
  }
  const wanted = new Set(desired.map((d) => d.name));
  for (const o of observed) {
    if (wanted.has(o.name)) continue;
    const item = { ...base, name: o.name, destinationName: null, changes: [] };
    items.push(
      isManagedDescription(o.description)
        ? {
            ...item,
            action: "delete",
            reasons: ["no destination wants it (deleted or renamed)"],
            changes: [{ field: resource, desired: null, observed: o.name }],
            calls: kind.delete(o),
          }
        : { ...item, action: "unmanaged", reasons: ["has the prefix but was not created by this console"], calls: [] },
    );
  }
  return items;
}

/** The rule items, given the API destinations' ARNs as known now. */
export function planNotificationRules(
  config: ReconcileConfig,
  desired: DesiredNotificationRule[],
  observed: ObservedRule[],
  apiDestinationArns: Map<string, string>,
): NotificationPlanItem[] {
  const items: NotificationPlanItem[] = [];
  const byName = new Map(observed.map((o) => [o.name, o]));
  for (const d of desired) {
    const o = byName.get(d.name);
    const target = notificationTarget(config, d, apiDestinationArns);
    const desiredTargets = { rule: d.name, targets: [target] };
    const item = {
      resource: "rule" as const,
      name: d.name,
      checkId: d.checkId,
      checkName: d.checkName,
      destinationName: d.destinationName,
    };
    if (!o) {
      items.push({
        ...item,
        action: "create",
        reasons: ["the rule does not exist"],
        changes: [
          { field: "eventPattern", desired: d.eventPattern, observed: null },
          { field: "target", desired: target.Arn, observed: null },
        ],
        calls: [...ruleKind.create(d), ...targetsKind.create(desiredTargets)],
      });
      continue;
    }
    if (o.managedBy || o.tags?.[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
      items.push({
        ...item,
        action: "conflict",
        reasons: [`a rule named ${o.name} exists without the ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag: left alone.`],
        changes: [],
        calls: [],
      });
      continue;
    }
    const ruleDelta = ruleKind.delta(d, o);
    const observedTargets = { rule: o.name, targets: o.targets ?? [] };
    const targetsDelta = targetsKind.delta(desiredTargets, observedTargets);
    if (!ruleDelta && !targetsDelta) {
      items.push({ ...item, action: "noop", reasons: [], changes: [], calls: [] });
      continue;
    }
    const changes: FieldChange[] = [...(ruleDelta?.fields ?? [])];
    for (const [k, v] of Object.entries(ruleDelta?.tags ?? {}))
      changes.push({ field: `tag ${k}`, desired: v, observed: o.tags?.[k] ?? null });
    if (targetsDelta)
      changes.push({
        field: "targets",
        desired: JSON.stringify([target], null, 2),
        observed: JSON.stringify(o.targets ?? [], null, 2),
      });
    items.push({
      ...item,
      action: "update",
      reasons: [
        ...changes.filter((c) => c.field !== "targets").map((c) => `${c.field} differs`),
        ...(targetsDelta?.reasons ?? []),
      ],
      changes,
      calls: [
        ...(ruleDelta ? ruleKind.update(d, o, ruleDelta) : []),
        ...(targetsDelta ? targetsKind.update(desiredTargets, observedTargets, targetsDelta) : []),
      ],
    });
  }
  const wanted = new Set(desired.map((d) => d.name));
  for (const o of observed) {
    if (wanted.has(o.name)) continue;
    const ours = !o.managedBy && o.tags?.[MANAGED_BY_TAG] === MANAGED_BY_VALUE;
    const item = { resource: "rule" as const, name: o.name, checkId: null, checkName: null, destinationName: null };
    items.push(
      ours
        ? {
            ...item,
            action: "delete",
            reasons: ["no notification rule wants it (the check or destination was deleted, or the rule removed)"],
            changes: [{ field: "rule", desired: null, observed: o.name }],
            // Targets first: AWS refuses to delete a rule that still has targets.
            calls: [...targetsKind.delete({ rule: o.name, targets: o.targets ?? [] }), ...ruleKind.delete(o)],
          }
        : {
            ...item,
            action: "unmanaged",
            reasons: ["not tagged as managed by this console: left alone"],
            changes: [],
            calls: [],
          },
    );
  }
  return items;
}

/** The whole notification plan: connections, API destinations, rules (targets with the ARNs known now). */
export function planNotifications(
  config: ReconcileConfig,
  desired: DesiredNotifications,
  observed: ObservedNotifications,
): NotificationPlanItem[] {
  const arns = new Map(observed.apiDestinations.map((a) => [a.name, a.arn]));
  return [
    ...planDescribed("connection", desired.connections, observed.connections, connectionKind),
    ...planDescribed("api-destination", desired.apiDestinations, observed.apiDestinations, apiDestinationKind),
    ...planNotificationRules(config, desired.rules, observed.rules, arns),
  ];
}
