// What the reconciler needs to know about this installation, read once from lib/env.ts (tests build their own).
import { env } from "@/lib/env";

/** The tag that makes a rule ours: without it a rule is never changed or deleted. */
export const MANAGED_BY_TAG = "managed-by";
export const MANAGED_BY_VALUE = "audit-checks-console";
/** The tag naming the check a rule belongs to (finds the leftover rule of a renamed or deleted check). */
export const CHECK_ID_TAG = "audit-check-id";
/** Rules of this console live on the default bus (schedules can only live there). */
export const EVENT_BUS = "default";

export interface ReconcileConfig {
  region: string;
  accountId: string;
  rulePrefix: string;
  stateMachineName: string;
  stateMachineRoleArn: string;
  eventsRoleArn: string;
  /** The DynamoDB table holding each check's last verdict (the state machine's memory for verdictChanged). */
  verdictTableName: string;
  /** The console's public URL without a trailing slash: notification messages link to execution pages under it. */
  consoleUrl: string;
  /** "aws" or the partition of the role ARNs (aws-cn, aws-us-gov). */
  partition: string;
}

/** The configuration the environment describes (validated by lib/env.ts; throws EnvError listing bad variables). */
export function reconcileConfigFromEnv(): ReconcileConfig {
  return {
    region: env.AWS_REGION,
    accountId: env.AWS_ACCOUNT_ID,
    rulePrefix: env.RULE_PREFIX,
    stateMachineName: env.STATE_MACHINE_NAME,
    stateMachineRoleArn: env.STATE_MACHINE_ROLE_ARN,
    eventsRoleArn: env.EVENTS_ROLE_ARN,
    verdictTableName: env.VERDICT_TABLE_NAME,
    consoleUrl: env.ACC_PUBLIC_URL,
    partition: env.STATE_MACHINE_ROLE_ARN.split(":")[1] || "aws",
  };
}

/** The shared state machine's ARN (deterministic: the reconciler never has to look it up). */
export function stateMachineArn(c: ReconcileConfig): string {
  return `arn:${c.partition}:states:${c.region}:${c.accountId}:stateMachine:${c.stateMachineName}`;
}

/** `<prefix><slug>`: the one rule of a check. */
export function ruleNameFor(c: ReconcileConfig, slug: string): string {
  return `${c.rulePrefix}${slug}`;
}

/** The verdict table's ARN. */
export function verdictTableArn(c: ReconcileConfig): string {
  return `arn:${c.partition}:dynamodb:${c.region}:${c.accountId}:table/${c.verdictTableName}`;
}
