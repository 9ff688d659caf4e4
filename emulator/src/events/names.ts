// Names, ARNs and the default bus: the checks every EventBridge operation shares.
import { AwsError } from "../core/aws-error";
import type { CallContext } from "../core/types";
import type { Violations } from "../core/validation";

export const NAME_PATTERN = /[\.\-_A-Za-z0-9]+/;
export const BUS_NAME_OR_ARN_PATTERN =
  /(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+/;
export const DEFAULT_BUS = "default";

/** The ARN of rule `name` on the default bus. */
export function ruleArn(ctx: CallContext, name: string): string {
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${name}`;
}

/** The ARN of the default event bus. */
export function defaultBusArn(ctx: CallContext): string {
  return `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/${DEFAULT_BUS}`;
}

/** Checks an EventBusName member (name or ARN, model constraints). */
export function checkBusName(v: Violations, value: unknown, field = "eventBusName"): string | undefined {
  return v.string(value, field, { min: 1, max: 1600, pattern: BUS_NAME_OR_ARN_PATTERN });
}

/** Only the default bus exists here: anything else is ResourceNotFoundException, as for a missing bus on AWS. */
export function requireDefaultBus(ctx: CallContext, bus: string | undefined): void {
  if (bus === undefined || bus === DEFAULT_BUS || bus === defaultBusArn(ctx)) return;
  const name = bus.startsWith("arn:") ? bus.slice(bus.lastIndexOf("/") + 1) : bus;
  throw new AwsError("ResourceNotFoundException", `Event bus ${name} does not exist.`);
}

/** The error AWS gives for a missing rule on the default bus. */
export function ruleNotFound(name: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus ${DEFAULT_BUS}.`);
}
