// Desired (checks) vs observed (EventBridge) → a Plan: per check create / update / enable / disable / noop /
// conflict, per leftover managed rule delete, per foreign prefixed rule "unmanaged" (left alone). Pure.
import type { Check } from "@/lib/checks/types";
import { patternsEqual } from "./compare";
import { CHECK_ID_TAG, MANAGED_BY_TAG, MANAGED_BY_VALUE, type ReconcileConfig } from "./config";
import { desiredRuleFor, specHashFromDescription, type DesiredRule } from "./desired-rule";
import type { ObservedRule } from "./rule-resource";
import type { StateMachinePlan } from "./state-machine-resource";
import { targetsDelta, type TargetsDelta } from "./targets-resource";

export type PlanAction = "create" | "update" | "enable" | "disable" | "delete" | "noop" | "conflict" | "unmanaged";

export interface FieldChange {
  field: string;
  desired: string | null;
  observed: string | null;
}

export interface PlanItem {
  ruleName: string;
  action: PlanAction;
  checkId: string | null;
  checkName: string | null;
  generation: number | null;
  reasons: string[];
  changes: FieldChange[];
  /** The rule differs from a spec this console had already applied: someone changed it outside the console. */
  drift: boolean;
  /** The API calls applying this item makes, in order. */
  calls: string[];
  /** Tags and targets were read this pass (otherwise the Description hash vouched for them). */
  detailed: boolean;
  desired?: DesiredRule;
  observed?: ObservedRule;
  /** For update: the rule fields, tags and targets that need writing. */
  work?: { putRule: boolean; tags: Record<string, string> | null; targets: TargetsDelta | null };
}

export interface Plan {
  createdAt: Date;
  stateMachine: StateMachinePlan | null;
  items: PlanItem[];
  observedRules: number;
  detailedRules: number;
}

/** Rule-level fields that differ (Description, pattern by meaning, schedule, state). */
export function ruleFieldChanges(d: DesiredRule, o: ObservedRule): FieldChange[] {
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

/** Whether the check is recorded as applied at its current generation (so a difference now is drift). */
function recordedInSync(check: Check): boolean {
  return check.syncStatus === "SYNCED" && check.observedGeneration === check.generation;
}

export interface DetailSelection {
  /** Rule names whose tags and targets must be read this pass. */
  names: Set<string>;
  /** Where the next pass's audit slice starts. */
  nextCursor: number;
}

/**
 * Which rules get ListTagsForResource + ListTargetsByRule this pass. Always: rules whose Description hash or
 * fields differ from desired, rules of checks not recorded SYNCED at their generation (this is also what makes a
 * crash between PutRule and PutTargets converge: the check is still PENDING), prefixed rules without a check
 * (ownership decides delete vs leave alone), and rules in `scope`. Plus a rotating audit slice of `auditBudget`
 * of the remaining rules, so every rule's targets and tags are re-read every ceil(N / auditBudget) passes.
 */
export function selectDetailReads(opts: {
  checks: Check[];
  observed: ObservedRule[];
  config: ReconcileConfig;
  scopeCheckIds?: Set<string> | null;
  auditBudget: number;
  cursor: number;
}): DetailSelection {
  const desiredByName = new Map<string, { check: Check; desired: DesiredRule }>();
  for (const check of opts.checks) {
    const desired = desiredRuleFor(check, opts.config);
    desiredByName.set(desired.name, { check, desired });
  }
  const names = new Set<string>();
  const rest: string[] = [];
  for (const o of [...opts.observed].sort((a, b) => a.name.localeCompare(b.name))) {
    if (o.managedBy) continue;
    const entry = desiredByName.get(o.name);
    if (!entry) {
      names.add(o.name);
      continue;
    }
    const { check, desired } = entry;
    if (
      opts.scopeCheckIds?.has(check.id) ||
      !recordedInSync(check) ||
      specHashFromDescription(o.description) !== desired.specHash ||
      ruleFieldChanges(desired, o).length > 0
    ) {
      names.add(o.name);
    } else {
      rest.push(o.name);
    }
  }
  if (rest.length === 0 || opts.auditBudget <= 0) return { names, nextCursor: 0 };
  const start = opts.cursor % rest.length;
  const take = Math.min(opts.auditBudget, rest.length);
  for (let i = 0; i < take; i++) names.add(rest[(start + i) % rest.length]!);
  return { names, nextCursor: (start + take) % rest.length };
}

function planForCheck(check: Check, desired: DesiredRule, o: ObservedRule | undefined): PlanItem {
  const base = {
    ruleName: desired.name,
    checkId: check.id,
    checkName: check.name,
    generation: check.generation,
    desired,
    observed: o,
  };
  if (!o) {
    return {
      ...base,
      action: "create",
      reasons: ["the rule does not exist"],
      changes: [
        { field: "rule", desired: desired.name, observed: null },
        { field: "state", desired: desired.state, observed: null },
        ...(desired.eventPattern ? [{ field: "eventPattern", desired: desired.eventPattern, observed: null }] : []),
        ...(desired.scheduleExpression
          ? [{ field: "scheduleExpression", desired: desired.scheduleExpression, observed: null }]
          : []),
        { field: "target", desired: desired.target.Arn, observed: null },
      ],
      drift: recordedInSync(check),
      calls: ["PutRule", "PutTargets"],
      detailed: true,
    };
  }
  if (o.managedBy) {
    return {
      ...base,
      action: "conflict",
      reasons: [`a rule named ${o.name} is managed by ${o.managedBy}`],
      changes: [],
      drift: false,
      calls: [],
      detailed: false,
    };
  }
  const detailed = o.tags !== undefined && o.targets !== undefined;
  if (o.tags !== undefined && o.tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE) {
    return {
      ...base,
      action: "conflict",
      reasons: [
        `a rule named ${o.name} already exists without the ${MANAGED_BY_TAG}=${MANAGED_BY_VALUE} tag: it is not managed by this console and is left alone. Change the check's slug, or delete or tag that rule.`,
      ],
      changes: [],
      drift: false,
      calls: [],
      detailed,
    };
  }
  const changes = ruleFieldChanges(desired, o);
  const reasons = changes.map((c) =>
    c.field === "description" ? "description (spec hash) differs" : `${c.field} differs`,
  );
  let tagsToSet: Record<string, string> | null = null;
  if (o.tags !== undefined) {
    const missing = Object.entries(desired.tags).filter(([k, v]) => o.tags![k] !== v);
    if (missing.length) {
      tagsToSet = Object.fromEntries(missing);
      for (const [k, v] of missing) {
        changes.push({ field: `tag ${k}`, desired: v, observed: o.tags[k] ?? null });
        reasons.push(`tag ${k} ${o.tags[k] === undefined ? "is missing" : "differs"}`);
      }
    }
  }
  let targets: TargetsDelta | null = null;
  if (o.targets !== undefined) {
    const delta = targetsDelta([desired.target], o.targets);
    if (delta.put.length || delta.remove.length) {
      targets = delta;
      reasons.push(...delta.reasons);
      changes.push({
        field: "targets",
        desired: JSON.stringify([desired.target], null, 2),
        observed: JSON.stringify(o.targets, null, 2),
      });
    }
  }
  const putRule = changes.some((c) => ["eventPattern", "scheduleExpression", "state", "description"].includes(c.field));
  if (!putRule && !tagsToSet && !targets) {
    return { ...base, action: "noop", reasons: [], changes: [], drift: false, calls: [], detailed };
  }
  const onlyState =
    changes.every((c) => c.field === "state" || c.field === "description") &&
    changes.some((c) => c.field === "state") &&
    !tagsToSet &&
    !targets;
  const action: PlanAction = onlyState ? (desired.state === "ENABLED" ? "enable" : "disable") : "update";
  const calls = [
    ...(putRule ? ["PutRule"] : []),
    ...(tagsToSet ? ["TagResource"] : []),
    ...(targets?.remove.length ? ["RemoveTargets"] : []),
    ...(targets?.put.length ? ["PutTargets"] : []),
  ];
  return {
    ...base,
    action,
    reasons,
    changes,
    drift: recordedInSync(check),
    calls,
    detailed,
    work: { putRule, tags: tagsToSet, targets },
  };
}

function planForLeftover(o: ObservedRule): PlanItem {
  const base = { ruleName: o.name, checkName: null, generation: null, observed: o, changes: [], drift: false };
  const checkId = o.tags?.[CHECK_ID_TAG] ?? null;
  if (o.managedBy || (o.tags !== undefined && o.tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE)) {
    return {
      ...base,
      checkId: null,
      action: "unmanaged",
      reasons: ["has the prefix but not our managed-by tag: left alone"],
      calls: [],
      detailed: o.tags !== undefined,
    };
  }
  if (o.tags === undefined) {
    return {
      ...base,
      checkId: null,
      action: "noop",
      reasons: ["no check wants this rule; its tags were not read this pass"],
      calls: [],
      detailed: false,
    };
  }
  const ids = (o.targets ?? []).map((t) => t.Id ?? "");
  return {
    ...base,
    checkId,
    action: "delete",
    reasons: [
      checkId ? `no check wants this rule (its check ${checkId} was deleted or renamed)` : "no check wants this rule",
    ],
    changes: [{ field: "rule", desired: null, observed: o.name }],
    calls: [...(ids.length ? ["RemoveTargets"] : []), "DeleteRule"],
    detailed: true,
  };
}

/** The plan for every check and every prefixed rule. Checks sharing a rule name: the second one is a conflict. */
export function buildPlan(opts: {
  checks: Check[];
  observed: ObservedRule[];
  config: ReconcileConfig;
  stateMachine: StateMachinePlan | null;
  now?: Date;
}): Plan {
  const observedByName = new Map(opts.observed.map((o) => [o.name, o]));
  const items: PlanItem[] = [];
  const claimed = new Set<string>();
  for (const check of opts.checks) {
    const desired = desiredRuleFor(check, opts.config);
    if (claimed.has(desired.name)) {
      items.push({
        ruleName: desired.name,
        action: "conflict",
        checkId: check.id,
        checkName: check.name,
        generation: check.generation,
        reasons: [`another check already uses the rule name ${desired.name}`],
        changes: [],
        drift: false,
        calls: [],
        detailed: false,
        desired,
      });
      continue;
    }
    claimed.add(desired.name);
    items.push(planForCheck(check, desired, observedByName.get(desired.name)));
  }
  for (const o of opts.observed) if (!claimed.has(o.name)) items.push(planForLeftover(o));
  return {
    createdAt: opts.now ?? new Date(),
    stateMachine: opts.stateMachine,
    items,
    observedRules: opts.observed.length,
    detailedRules: opts.observed.filter((o) => o.tags !== undefined).length,
  };
}
