// Target operations: PutTargets (≤ 5 targets per rule), ListTargetsByRule, RemoveTargets.
import { AwsError } from "../core/aws-error";
import { decodeToken, encodeToken, pageOf } from "../core/paging";
import type { CallContext, Operation } from "../core/types";
import { Violations } from "../core/validation";
import { API_DESTINATION_ARN } from "./api-destinations";
import { STATE_MACHINE_ARN } from "./delivery";
import { checkTargetInput, type InputTransformer } from "./input-transformer";
import { checkBusName, NAME_PATTERN, requireDefaultBus, ruleNotFound } from "./names";
import type { EventsStore, StoredRule, StoredTarget } from "./store";

export const MAX_TARGETS_PER_RULE = 5;
const ARN_SHAPE = /^arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/;
const PATHS_KEY = /[A-Za-z0-9\_\-]+/;

interface RuleRef {
  name: string | undefined;
  bus: string | undefined;
}

/** Reads Rule / EventBusName; the bus is checked later, after every field check (AWS reports those first). */
function ruleInput(input: Record<string, unknown>, v: Violations): RuleRef {
  const name = v.string(input.Rule, "rule", { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
  const bus = checkBusName(v, input.EventBusName);
  return { name, bus };
}

/** Throws collected violations, then the bus / rule existence errors; returns the rule. */
function loadRule(store: EventsStore, ctx: CallContext, v: Violations, ref: RuleRef): StoredRule {
  v.throwIfAny();
  requireDefaultBus(ctx, ref.bus);
  const rule = store.get(ref.name!);
  if (!rule) throw ruleNotFound(ref.name!);
  return rule;
}

/** Checks one target's members against the model; returns the target to store. */
function checkTarget(v: Violations, raw: unknown, i: number): StoredTarget | undefined {
  const t = (raw ?? {}) as Record<string, unknown>;
  const at = (m: string) => `targets.${i + 1}.member.${m}`;
  const id = v.string(t.Id, at("id"), { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
  const arn = v.string(t.Arn, at("arn"), { required: true, min: 1, max: 1600 });
  v.string(t.RoleArn, at("roleArn"), { min: 1, max: 1600 });
  v.string(t.Input, at("input"), { max: 8192 });
  v.string(t.InputPath, at("inputPath"), { max: 256 });
  if (t.InputTransformer !== undefined) {
    const tr = (t.InputTransformer ?? {}) as Record<string, unknown>;
    v.string(tr.InputTemplate, at("inputTransformer.inputTemplate"), { required: true, min: 1, max: 8192 });
    if (tr.InputPathsMap !== undefined) {
      if (tr.InputPathsMap === null || typeof tr.InputPathsMap !== "object" || Array.isArray(tr.InputPathsMap)) {
        throw new AwsError(
          "SerializationException",
          `Unexpected value type for '${at("inputTransformer.inputPathsMap")}': expected a map`,
        );
      }
      const entries = Object.entries(tr.InputPathsMap as Record<string, unknown>);
      if (entries.length > 100) {
        v.add(
          `Value at '${at("inputTransformer.inputPathsMap")}' failed to satisfy constraint: Member must have length less than or equal to 100`,
        );
      }
      for (const [key, path] of entries) {
        v.string(key, `${at("inputTransformer.inputPathsMap")}.key`, { min: 1, max: 256, pattern: PATHS_KEY });
        v.string(path, `${at("inputTransformer.inputPathsMap")}.value`, { max: 256 });
      }
    }
  }
  const retry = t.RetryPolicy as Record<string, unknown> | undefined;
  if (retry !== undefined && retry !== null) {
    v.integer(retry.MaximumRetryAttempts, at("retryPolicy.maximumRetryAttempts"), { min: 0, max: 185 });
    v.integer(retry.MaximumEventAgeInSeconds, at("retryPolicy.maximumEventAgeInSeconds"), { min: 60, max: 86400 });
  }
  if (id === undefined || arn === undefined) return undefined;
  return { ...t, Id: id, Arn: arn } as StoredTarget;
}

export function targetOperations(store: EventsStore): Record<string, Operation> {
  return {
    PutTargets(input, ctx) {
      const v = new Violations();
      const ref = ruleInput(input, v);
      const list = v.list(input.Targets, "targets", { required: true, min: 1, max: 100 });
      const targets = (list ?? []).map((raw, i) => checkTarget(v, raw, i));
      const rule = loadRule(store, ctx, v, ref);

      const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
      const accepted: StoredTarget[] = [];
      for (const target of targets as StoredTarget[]) {
        const inputError = checkTargetInput(target.Id, {
          Input: target.Input as string | undefined,
          InputPath: target.InputPath as string | undefined,
          InputTransformer: target.InputTransformer as InputTransformer | undefined,
        });
        if (inputError) throw new AwsError("ValidationException", inputError);
        if (!ARN_SHAPE.test(target.Arn)) {
          failed.push({
            TargetId: target.Id,
            ErrorCode: "ValidationException",
            ErrorMessage: `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
          });
          continue;
        }
        if (
          (STATE_MACHINE_ARN.test(target.Arn) || API_DESTINATION_ARN.test(target.Arn)) &&
          target.RoleArn === undefined
        ) {
          throw new AwsError("ValidationException", `RoleArn is required for target ${target.Arn}.`);
        }
        accepted.push(target);
      }

      const byId = new Map(rule.targets.map((t) => [t.Id, t]));
      for (const t of accepted) byId.set(t.Id, t);
      if (byId.size > MAX_TARGETS_PER_RULE) {
        throw new AwsError("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
      }
      // Existing targets keep their place (replaced in place); new ones are appended.
      rule.targets = [...byId.values()];
      store.changed();
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },

    ListTargetsByRule(input, ctx) {
      const v = new Violations();
      const ref = ruleInput(input, v);
      const limit = v.integer(input.Limit, "limit", { min: 1, max: 100 });
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 2048 });
      const rule = loadRule(store, ctx, v, ref);
      const after =
        token !== undefined
          ? decodeToken<string>(token, `targets:${rule.Name}`, "ValidationException", "Invalid NextToken.")
          : undefined;
      let start = 0;
      if (after !== undefined) {
        const i = rule.targets.findIndex((t) => t.Id === after);
        start = i < 0 ? rule.targets.length : i + 1;
      }
      const { page, next } = pageOf(rule.targets, start, limit ?? 100);
      return {
        Targets: page.map((t) => JSON.parse(JSON.stringify(t))),
        ...(next !== undefined ? { NextToken: encodeToken(`targets:${rule.Name}`, page[page.length - 1]!.Id) } : {}),
      };
    },

    RemoveTargets(input, ctx) {
      const v = new Violations();
      const ref = ruleInput(input, v);
      const ids = v.list(input.Ids, "ids", { required: true, min: 1, max: 100 });
      ids?.forEach((id, i) =>
        v.string(id, `ids.${i + 1}.member`, { required: true, min: 1, max: 64, pattern: NAME_PATTERN }),
      );
      const rule = loadRule(store, ctx, v, ref);
      const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
      const remove = new Set<string>();
      for (const id of ids as string[]) {
        if (rule.targets.some((t) => t.Id === id)) remove.add(id);
        else {
          failed.push({
            TargetId: id,
            ErrorCode: "ResourceNotFoundException",
            ErrorMessage: `Rule '${rule.Name}' does not have a target with the Id '${id}'.`,
          });
        }
      }
      if (remove.size > 0) {
        rule.targets = rule.targets.filter((t) => !remove.has(t.Id));
        store.changed();
      }
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },
  };
}
