// Tag operations on rules: TagResource, UntagResource, ListTagsForResource.
import { AwsError } from "../core/aws-error";
import type { CallContext, Operation } from "../core/types";
import { Violations } from "../core/validation";
import { ruleNotFound } from "./names";
import type { EventsStore, StoredRule, Tag } from "./store";

const MAX_TAGS_PER_RESOURCE = 50;

/** Checks a TagList member; duplicate keys are refused as AWS does. */
export function checkTags(v: Violations, value: unknown, field: string, required: boolean): Tag[] | undefined {
  const list = v.list(value, field, { required });
  if (!list) return undefined;
  const tags: Tag[] = [];
  list.forEach((item, i) => {
    const t = (item ?? {}) as Record<string, unknown>;
    const key = v.string(t.Key, `${field}.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
    const val = v.string(t.Value, `${field}.${i + 1}.member.value`, { required: true, min: 0, max: 256 });
    if (key !== undefined && val !== undefined) tags.push({ Key: key, Value: val });
  });
  if (new Set(tags.map((t) => t.Key)).size < tags.length) {
    throw new AwsError("ValidationException", "Invalid parameter: Duplicated keys are not allowed.");
  }
  return tags;
}

/** The rule an events ARN names in this region/account, or ResourceNotFoundException. */
function ruleForArn(store: EventsStore, ctx: CallContext, arn: string): StoredRule {
  const m = /^arn:aws[\w-]*:events:([^:]+):([^:]+):rule\/(?:default\/)?([^/]+)$/.exec(arn);
  if (!m) {
    if (!/^arn:aws[\w-]*:/.test(arn))
      throw new AwsError(
        "ValidationException",
        `Parameter ResourceARN is not valid. Reason: Provided Arn is not in correct format.`,
      );
    throw new AwsError("ResourceNotFoundException", `Resource ${arn} does not exist.`);
  }
  const [, region, account, name] = m;
  const rule = store.get(name!);
  if (region !== ctx.region || account !== ctx.accountId || !rule) throw ruleNotFound(name!);
  return rule;
}

export function tagOperations(store: EventsStore): Record<string, Operation> {
  return {
    TagResource(input, ctx) {
      const v = new Violations();
      const arn = v.string(input.ResourceARN, "resourceARN", { required: true, min: 1, max: 1600 });
      const tags = checkTags(v, input.Tags, "tags", true);
      v.throwIfAny();
      const rule = ruleForArn(store, ctx, arn!);
      const merged = new Map(rule.tags.map((t) => [t.Key, t.Value]));
      for (const t of tags!) merged.set(t.Key, t.Value);
      if (merged.size > MAX_TAGS_PER_RESOURCE) {
        throw new AwsError("LimitExceededException", `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`);
      }
      rule.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
      store.changed();
      return {};
    },

    UntagResource(input, ctx) {
      const v = new Violations();
      const arn = v.string(input.ResourceARN, "resourceARN", { required: true, min: 1, max: 1600 });
      const keys = v.list(input.TagKeys, "tagKeys", { required: true });
      keys?.forEach((k, i) => v.string(k, `tagKeys.${i + 1}.member`, { required: true, min: 1, max: 128 }));
      v.throwIfAny();
      const rule = ruleForArn(store, ctx, arn!);
      const drop = new Set(keys as string[]);
      rule.tags = rule.tags.filter((t) => !drop.has(t.Key));
      store.changed();
      return {};
    },

    ListTagsForResource(input, ctx) {
      const v = new Violations();
      const arn = v.string(input.ResourceARN, "resourceARN", { required: true, min: 1, max: 1600 });
      v.throwIfAny();
      const rule = ruleForArn(store, ctx, arn!);
      return { Tags: rule.tags.map((t) => ({ ...t })) };
    },
  };
}
