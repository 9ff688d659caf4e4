// TagResource / UntagResource / ListTagsForResource on state machines (the taggable resource emulated here).
import { AwsError } from "../core/aws-error";
import type { Operation } from "../core/types";
import { Violations } from "../core/validation";
import { parseStatesArn } from "./arns";
import type { StatesContext } from "./service-context";
import type { MachineRecord } from "./store";

/** AWS's limit of tags per resource. */
export const TAG_LIMIT = 50;

/** Reads a `[{key, value}]` list, recording constraint violations; returns it as a map. */
export function readTagList(v: Violations, value: unknown, field: string): Record<string, string> | undefined {
  const list = v.list(value, field);
  if (!list) return undefined;
  const tags: Record<string, string> = {};
  list.forEach((item, i) => {
    const t = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const key = v.string(t.key, `${field}.${i + 1}.member.key`, { required: true, min: 1, max: 128 });
    const val = v.string(t.value, `${field}.${i + 1}.member.value`, { max: 256 }) ?? "";
    if (key !== undefined) tags[key] = val;
  });
  return tags;
}

function requireTaggable(ctx: StatesContext, arn: unknown): MachineRecord {
  const parsed = parseStatesArn(arn, "resourceArn");
  if (parsed.resourceType !== "stateMachine" && parsed.resourceType !== "activity") {
    throw new AwsError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${parsed.resourceType}'`);
  }
  const machine = ctx.store.machines.get(arn as string);
  if (!machine)
    throw new AwsError("ResourceNotFound", `Resource not found: '${String(arn)}'`, 400, { resourceName: arn });
  return machine;
}

/** The tagging operations (state machines are the taggable resource), keyed by AWS operation name. */
export function tagOperations(ctx: StatesContext): Record<string, Operation> {
  const TagResource: Operation = (input) => {
    const v = new Violations();
    v.string(input.resourceArn, "resourceArn", { required: true, min: 1, max: 256 });
    const tags = readTagList(v, input.tags, "tags");
    if (input.tags === undefined) v.add("Value null at 'tags' failed to satisfy constraint: Member must not be null");
    v.throwIfAny();
    const machine = requireTaggable(ctx, input.resourceArn);
    const merged = { ...machine.tags, ...tags };
    if (Object.keys(merged).length > TAG_LIMIT) {
      throw new AwsError("TooManyTags", `Too many tags: the limit is ${TAG_LIMIT} per resource`, 400, {
        resourceName: machine.arn,
      });
    }
    ctx.store.putMachine({ ...machine, tags: merged });
    return {};
  };

  const UntagResource: Operation = (input) => {
    const v = new Violations();
    v.string(input.resourceArn, "resourceArn", { required: true, min: 1, max: 256 });
    const keys = v.list(input.tagKeys, "tagKeys", { required: true });
    v.throwIfAny();
    const machine = requireTaggable(ctx, input.resourceArn);
    const tags = { ...machine.tags };
    for (const k of keys ?? []) delete tags[String(k)];
    ctx.store.putMachine({ ...machine, tags });
    return {};
  };

  const ListTagsForResource: Operation = (input) => {
    const v = new Violations();
    v.string(input.resourceArn, "resourceArn", { required: true, min: 1, max: 256 });
    v.throwIfAny();
    const machine = requireTaggable(ctx, input.resourceArn);
    return { tags: Object.entries(machine.tags).map(([key, value]) => ({ key, value })) };
  };

  return { TagResource, UntagResource, ListTagsForResource };
}
