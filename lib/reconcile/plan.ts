// Desired (checks) vs observed (EventBridge) → a Plan: per check create / update / enable / disable / noop /
// conflict, per leftover managed rule delete, per foreign prefixed rule "unmanaged" (left alone). Each item carries
// the ordered API calls that apply it, asked of the rule and targets resource kinds; apply.ts makes exactly those
// calls. Pure.
import type { Check } from "@/lib/checks/types";
import { CHECK_ID_TAG, MANAGED_BY_TAG, MANAGED_BY_VALUE, type ReconcileConfig } from "./config";
import { desiredRuleFor, specHashFromDescription, type DesiredRule, type ReconcileCheck } from "./desired-rule";
import type { FieldChange } from "./resource-kind";
import { ruleFieldChanges, ruleKind, type ObservedRule, type RuleCall } from "./rule-resource";
import type { StateMachinePlan } from "./state-machine-resource";
import type { VerdictTablePlan } from "./verdict-table-resource";
import { targetsKind, type TargetsCall } from "./targets-resource";

export type { FieldChange } from "./resource-kind";

/** A call of a rule item: on the rule itself or on its targets. */
export type RuleItemCall = RuleCall | TargetsCall;

interface ItemBase {
  ruleName: string;
  reasons: string[];
  changes: FieldChange[];
  /** The rule differs from a spec this console had already applied: someone changed it outside the console. */
  drift: boolean;
  /** Tags and targets were read this pass (otherwise the Description hash vouched for them). */
  detailed: boolean;
}

/** An item about a check: the check and the rule it wants. */
interface CheckItemBase extends ItemBase {
  checkId: string;
  checkName: string;
  generation: number;
  desired: DesiredRule;
}

/** An item about a prefixed rule no check wants. */
interface LeftoverItemBase extends ItemBase {
  checkName: null;
  generation: null;
  desired?: undefined;
  observed: ObservedRule;
}

export interface CreateItem extends CheckItemBase {
  action: "create";
  observed?: undefined;
  /** PutRule (with tags), then PutTargets. */
  calls: RuleItemCall[];
}

/** An existing rule of ours that differs; enable / disable when the state is all that changed. */
export interface UpdateItem extends CheckItemBase {
  action: "update" | "enable" | "disable";
  observed: ObservedRule;
  /** Any of PutRule, TagResource, RemoveTargets, PutTargets, in that order. */
  calls: RuleItemCall[];
}

export interface ConflictItem extends CheckItemBase {
  action: "conflict";
  observed?: ObservedRule;
  calls: [];
}

/** Nothing to do: a check's rule that matches, or a leftover rule whose tags were not read this pass. */
export interface NoopItem extends ItemBase {
  action: "noop";
  checkId: string | null;
  checkName: string | null;
  generation: number | null;
  desired?: DesiredRule;
  observed: ObservedRule;
  calls: [];
}

export interface DeleteItem extends LeftoverItemBase {
  action: "delete";
  /** The check it belonged to, from its tag. */
  checkId: string | null;
  /** RemoveTargets (when it has any), then DeleteRule. */
  calls: RuleItemCall[];
}

export interface UnmanagedItem extends LeftoverItemBase {
  action: "unmanaged";
  checkId: null;
  calls: [];
}

export type PlanItem = CreateItem | UpdateItem | ConflictItem | NoopItem | DeleteItem | UnmanagedItem;
export type PlanAction = PlanItem["action"];

export interface Plan {
  createdAt: Date;
  stateMachine: StateMachinePlan | null;
  /** The verdict table (null when the pass has no DynamoDB client or could not read it). */
  verdictTable?: VerdictTablePlan | null;
  items: PlanItem[];
  observedRules: number;
  detailedRules: number;
}

/** A check and the rule it wants: computed once per pass, used by the detail selection and the plan. */
export interface WantedRule {
  check: Check;
  desired: DesiredRule;
}

/** Each check's desired rule under `config`. */
export function wantedRules(checks: ReconcileCheck[], config: ReconcileConfig): WantedRule[] {
  return checks.map((check) => ({ check, desired: desiredRuleFor(check, config) }));
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
  wanted: WantedRule[];
  observed: ObservedRule[];
  scopeCheckIds?: Set<string> | null;
  auditBudget: number;
  cursor: number;
}): DetailSelection {
  const wantedByName = new Map(opts.wanted.map((w) => [w.desired.name, w]));
  const names = new Set<string>();
  const rest: string[] = [];
  for (const o of [...opts.observed].sort((a, b) => a.name.localeCompare(b.name))) {
    if (o.managedBy) continue;
    const entry = wantedByName.get(o.name);
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

const FIELD_REASON: Record<string, string> = { description: "description (spec hash) differs" };

function planForCheck({ check, desired }: WantedRule, o: ObservedRule | undefined): PlanItem {
  const base = {
    ruleName: desired.name,
    checkId: check.id,
    checkName: check.name,
    generation: check.generation,
    desired,
  };
  const desiredTargets = { rule: desired.name, targets: [desired.target] };
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
      calls: [...ruleKind.create(desired), ...targetsKind.create(desiredTargets)],
      detailed: true,
    };
  }
  if (o.managedBy) {
    return {
      ...base,
      observed: o,
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
      observed: o,
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
  const ruleDelta = ruleKind.delta(desired, o);
  const changes: FieldChange[] = [...(ruleDelta?.fields ?? [])];
  const reasons = changes.map((c) => FIELD_REASON[c.field] ?? `${c.field} differs`);
  for (const [k, v] of Object.entries(ruleDelta?.tags ?? {})) {
    changes.push({ field: `tag ${k}`, desired: v, observed: o.tags?.[k] ?? null });
    reasons.push(`tag ${k} ${o.tags?.[k] === undefined ? "is missing" : "differs"}`);
  }
  const observedTargets = o.targets !== undefined ? { rule: o.name, targets: o.targets } : null;
  const targetsDelta = observedTargets ? targetsKind.delta(desiredTargets, observedTargets) : null;
  if (targetsDelta) {
    reasons.push(...targetsDelta.reasons);
    changes.push({
      field: "targets",
      desired: JSON.stringify([desired.target], null, 2),
      observed: JSON.stringify(o.targets, null, 2),
    });
  }
  if (!ruleDelta && !targetsDelta) {
    return { ...base, observed: o, action: "noop", reasons: [], changes: [], drift: false, calls: [], detailed };
  }
  const onlyState =
    !ruleDelta?.tags &&
    !targetsDelta &&
    changes.every((c) => c.field === "state" || c.field === "description") &&
    changes.some((c) => c.field === "state");
  return {
    ...base,
    observed: o,
    action: onlyState ? (desired.state === "ENABLED" ? "enable" : "disable") : "update",
    reasons,
    changes,
    drift: recordedInSync(check),
    calls: [
      ...(ruleDelta ? ruleKind.update(desired, o, ruleDelta) : []),
      ...(targetsDelta && observedTargets ? targetsKind.update(desiredTargets, observedTargets, targetsDelta) : []),
    ],
    detailed,
  };
}

function planForLeftover(o: ObservedRule): PlanItem {
  const base = { ruleName: o.name, checkName: null, generation: null, observed: o, changes: [], drift: false };
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
  const checkId = o.tags[CHECK_ID_TAG] ?? null;
  return {
    ...base,
    checkId,
    action: "delete",
    reasons: [
      checkId ? `no check wants this rule (its check ${checkId} was deleted or renamed)` : "no check wants this rule",
    ],
    changes: [{ field: "rule", desired: null, observed: o.name }],
    // Targets first: AWS refuses to delete a rule that still has targets.
    calls: [...targetsKind.delete({ rule: o.name, targets: o.targets ?? [] }), ...ruleKind.delete(o)],
    detailed: true,
  };
}

/** The plan for every check and every prefixed rule. Checks sharing a rule name: the second one is a conflict. */
export function buildPlan(opts: {
  wanted: WantedRule[];
  observed: ObservedRule[];
  stateMachine: StateMachinePlan | null;
  verdictTable?: VerdictTablePlan | null;
  now?: Date;
}): Plan {
  const observedByName = new Map(opts.observed.map((o) => [o.name, o]));
  const items: PlanItem[] = [];
  const claimed = new Set<string>();
  for (const wanted of opts.wanted) {
    const { check, desired } = wanted;
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
    items.push(planForCheck(wanted, observedByName.get(desired.name)));
  }
  for (const o of opts.observed) if (!claimed.has(o.name)) items.push(planForLeftover(o));
  return {
    createdAt: opts.now ?? new Date(),
    stateMachine: opts.stateMachine,
    verdictTable: opts.verdictTable ?? null,
    items,
    observedRules: opts.observed.length,
    detailedRules: opts.observed.filter((o) => o.tags !== undefined).length,
  };
}
