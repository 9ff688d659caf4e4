// Rule operations: PutRule (upsert), DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule.
import { AwsError } from "../core/aws-error";
import { decodeToken, encodeToken, pageOf } from "../core/paging";
import type { CallContext, Operation } from "../core/types";
import { Violations } from "../core/validation";
import { compilePattern, compileSchedule } from "./engines";
import { checkBusName, DEFAULT_BUS, NAME_PATTERN, requireDefaultBus, ruleArn, ruleNotFound } from "./names";
import type { EventsStore, RuleState, StoredRule } from "./store";
import { checkTags } from "./tags";

/** AWS's default quota of rules per event bus; `--max-rules-per-bus N` raises it (as a Service Quotas increase would). */
export const MAX_RULES_PER_BUS = 300;
const RULE_STATES: RuleState[] = ["ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"];

export interface RuleOpsDeps {
  /** Rules allowed on the bus (default MAX_RULES_PER_BUS). */
  maxRules?: number;
  store: EventsStore;
  /** Called after any change to rules, so the scheduler and pattern cache see it. */
  onRulesChanged(): void;
}

/** Validates Name / EventBusName shared by the single-rule operations; returns the rule name. */
function ruleNameInput(input: Record<string, unknown>, ctx: CallContext, field = "Name", wireField = "name"): string {
  const v = new Violations();
  const name = v.string(input[field], wireField, { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
  const bus = checkBusName(v, input.EventBusName);
  v.throwIfAny();
  requireDefaultBus(ctx, bus);
  return name!;
}

/** How DescribeRule / ListRules show a rule (absent members omitted). */
export function ruleView(rule: StoredRule): Record<string, unknown> {
  return {
    Name: rule.Name,
    Arn: rule.Arn,
    ...(rule.EventPattern !== undefined ? { EventPattern: rule.EventPattern } : {}),
    ...(rule.ScheduleExpression !== undefined ? { ScheduleExpression: rule.ScheduleExpression } : {}),
    State: rule.State,
    ...(rule.Description !== undefined ? { Description: rule.Description } : {}),
    ...(rule.RoleArn !== undefined ? { RoleArn: rule.RoleArn } : {}),
    EventBusName: DEFAULT_BUS,
  };
}

export function ruleOperations({
  store,
  onRulesChanged,
  maxRules = MAX_RULES_PER_BUS,
}: RuleOpsDeps): Record<string, Operation> {
  return {
    PutRule(input, ctx) {
      const v = new Violations();
      const name = v.string(input.Name, "name", { required: true, min: 1, max: 64, pattern: NAME_PATTERN });
      const schedule = v.string(input.ScheduleExpression, "scheduleExpression", { max: 256 });
      const pattern = v.string(input.EventPattern, "eventPattern", { max: 4096 });
      const state = v.string(input.State, "state");
      if (state !== undefined && !RULE_STATES.includes(state as RuleState)) {
        v.add(
          `Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(", ")}]`,
        );
      }
      const description = v.string(input.Description, "description", { max: 512 });
      const roleArn = v.string(input.RoleArn, "roleArn", { min: 1, max: 1600 });
      const bus = checkBusName(v, input.EventBusName);
      const tags = checkTags(v, input.Tags, "tags", false);
      v.throwIfAny();
      requireDefaultBus(ctx, bus);

      if (!pattern && !schedule) {
        throw new AwsError("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
      }
      if (pattern) {
        const compiled = compilePattern(pattern);
        if (!compiled.ok) throw new AwsError("InvalidEventPatternException", compiled.message);
      }
      if (schedule) {
        const parsed = compileSchedule(schedule);
        if (!parsed.ok) throw new AwsError("ValidationException", parsed.message);
      }

      const existing = store.get(name!);
      if (!existing && store.size >= maxRules) {
        throw new AwsError("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
      }
      // An upsert: omitted members are reset; targets, tags and creation time survive an update
      // (tags given on update are ignored, as on AWS: use TagResource).
      const rule: StoredRule = {
        Name: name!,
        Arn: ruleArn(ctx, name!),
        ...(pattern ? { EventPattern: pattern } : {}),
        ...(schedule ? { ScheduleExpression: schedule } : {}),
        State: (state as RuleState | undefined) ?? "ENABLED",
        ...(description !== undefined ? { Description: description } : {}),
        ...(roleArn !== undefined ? { RoleArn: roleArn } : {}),
        createdAt: existing?.createdAt ?? Date.now(),
        targets: existing?.targets ?? [],
        tags: existing ? existing.tags : (tags ?? []),
      };
      store.put(rule);
      onRulesChanged();
      return { RuleArn: rule.Arn };
    },

    DescribeRule(input, ctx) {
      const name = ruleNameInput(input, ctx);
      const rule = store.get(name);
      if (!rule) throw ruleNotFound(name);
      return { ...ruleView(rule), CreatedBy: ctx.accountId };
    },

    ListRules(input, ctx) {
      const v = new Violations();
      const prefix = v.string(input.NamePrefix, "namePrefix", { min: 1, max: 64, pattern: NAME_PATTERN });
      const limit = v.integer(input.Limit, "limit", { min: 1, max: 100 });
      const token = v.string(input.NextToken, "nextToken", { min: 1, max: 2048 });
      const bus = checkBusName(v, input.EventBusName);
      v.throwIfAny();
      requireDefaultBus(ctx, bus);
      const rules = store.list().filter((r) => prefix === undefined || r.Name.startsWith(prefix));
      // The token remembers the last name shown, so rules added or deleted between pages do not shift it.
      const after =
        token !== undefined
          ? decodeToken<string>(token, `rules:${prefix ?? ""}`, "ValidationException", "Invalid NextToken.")
          : undefined;
      const start = after === undefined ? 0 : rules.findIndex((r) => r.Name > after);
      const { page, next } = pageOf(rules, start < 0 ? rules.length : start, limit ?? 100);
      return {
        Rules: page.map(ruleView),
        ...(next !== undefined ? { NextToken: encodeToken(`rules:${prefix ?? ""}`, page[page.length - 1]!.Name) } : {}),
      };
    },

    DeleteRule(input, ctx) {
      const name = ruleNameInput(input, ctx);
      const rule = store.get(name);
      if (!rule) return {}; // deleting a missing rule succeeds on AWS
      if (rule.targets.length > 0)
        throw new AwsError("ValidationException", "Rule can't be deleted since it has targets.");
      store.delete(name);
      onRulesChanged();
      return {};
    },

    EnableRule(input, ctx) {
      return setState(input, ctx, "ENABLED");
    },

    DisableRule(input, ctx) {
      return setState(input, ctx, "DISABLED");
    },
  };

  function setState(input: Record<string, unknown>, ctx: CallContext, state: RuleState) {
    const name = ruleNameInput(input, ctx);
    const rule = store.get(name);
    if (!rule) throw ruleNotFound(name);
    if (rule.State !== state) {
      rule.State = state;
      store.changed();
      onRulesChanged();
    }
    return {};
  }
}
