// A check as the rule and target it should be in EventBridge (pure). The Description names the check and carries a
// hash of this whole desired spec (rule fields, target, tags), so one ListRules page tells whether a rule is current.
import { createHash } from "node:crypto";
import type { Check } from "@/lib/checks/types";
import { canonicalJson } from "@/lib/canonical-json";
import { canonicalPattern } from "./compare";
import {
  CHECK_ID_TAG,
  MANAGED_BY_TAG,
  MANAGED_BY_VALUE,
  ruleNameFor,
  stateMachineArn,
  type ReconcileConfig,
} from "./config";
import { buildInputTransformer, TARGET_ID, type InputCheck, type InputTransformer } from "./target-input";

/** A check as the reconciler reads it: with its acknowledged findings, which its target's query may carry. */
export type ReconcileCheck = Check & Pick<InputCheck, "acknowledgedFindings">;

export type RuleState = "ENABLED" | "DISABLED";

export interface DesiredTarget {
  Id: string;
  Arn: string;
  RoleArn: string;
  InputTransformer: InputTransformer;
}

export interface DesiredRule {
  checkId: string;
  checkName: string;
  generation: number;
  name: string;
  description: string;
  specHash: string;
  /** JSON text as sent to PutRule, or null for a schedule rule. */
  eventPattern: string | null;
  scheduleExpression: string | null;
  state: RuleState;
  tags: Record<string, string>;
  target: DesiredTarget;
}

const DESCRIPTION_MAX = 512;
// Anchored at the end: a check name containing "spec …" cannot pose as the hash.
const HASH_MARK = /; spec ([0-9a-f]{16})\)$/;

/** The spec hash written in a rule's Description by this console, or null. */
export function specHashFromDescription(description: string | null | undefined): string | null {
  return description ? (HASH_MARK.exec(description)?.[1] ?? null) : null;
}

function describe(checkName: string, hash: string): string {
  const tail = ` (managed by ${MANAGED_BY_VALUE}; spec ${hash})`;
  const room = DESCRIPTION_MAX - tail.length - "Audit check “”".length;
  const name = checkName.length > room ? `${checkName.slice(0, room - 1)}…` : checkName;
  return `Audit check “${name}”${tail}`;
}

/** The rule and target `check` should have under `config`. */
export function desiredRuleFor(check: ReconcileCheck, config: ReconcileConfig): DesiredRule {
  const eventPattern = check.trigger.kind === "eventPattern" ? JSON.stringify(check.trigger.pattern) : null;
  const scheduleExpression = check.trigger.kind === "schedule" ? check.trigger.expression.trim() : null;
  const state: RuleState = check.enabled ? "ENABLED" : "DISABLED";
  const tags = { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [CHECK_ID_TAG]: check.id };
  const target: DesiredTarget = {
    Id: TARGET_ID,
    Arn: stateMachineArn(config),
    RoleArn: config.eventsRoleArn,
    InputTransformer: buildInputTransformer(check),
  };
  const specHash = createHash("sha256")
    .update(
      canonicalJson({
        name: check.name,
        eventPattern: canonicalPattern(eventPattern),
        scheduleExpression,
        state,
        tags,
        target,
      }),
    )
    .digest("hex")
    .slice(0, 16);
  return {
    checkId: check.id,
    checkName: check.name,
    generation: check.generation,
    name: ruleNameFor(config, check.slug),
    description: describe(check.name, specHash),
    specHash,
    eventPattern,
    scheduleExpression,
    state,
    tags,
    target,
  };
}
