// Step Functions names and ARNs: the name rules AWS applies (InvalidName) and ARN parsing (InvalidArn).
import { AwsError } from "../core/aws-error";

export type MachineType = "STANDARD" | "EXPRESS";

// AWS forbids whitespace, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / and control characters.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff]/u;
const LONE_SURROGATE = /[\ud800-\udfff]/;

/** Throws InvalidName unless `name` is 1–80 characters without the characters AWS forbids. */
export function assertValidName(name: string, what: "state machine" | "execution"): void {
  // Length counts code points the way the service does for ASCII names; surrogates are refused anyway.
  if (name.length < 1 || name.length > 80) {
    throw new AwsError("InvalidName", `Invalid Name: '${name}' (the ${what} name must be 1 to 80 characters)`);
  }
  if (FORBIDDEN.test(name) || LONE_SURROGATE.test(name)) {
    throw new AwsError("InvalidName", `Invalid Name: '${name}'`);
  }
}

/** The ARN of a state machine in this region/account. */
export function stateMachineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

/** The ARN of an execution: `execution:` for STANDARD, `express:` (with a run id) for EXPRESS. */
export function executionArn(
  region: string,
  accountId: string,
  machineName: string,
  name: string,
  type: MachineType,
  runId: string,
): string {
  return type === "EXPRESS"
    ? `arn:aws:states:${region}:${accountId}:express:${machineName}:${name}:${runId}`
    : `arn:aws:states:${region}:${accountId}:execution:${machineName}:${name}`;
}

export interface ParsedArn {
  region: string;
  accountId: string;
  resourceType: string;
  /** The parts after the resource type (e.g. [machineName] or [machineName, executionName]). */
  parts: string[];
}

const ARN_RE = /^arn:aws[a-z-]*:states:([a-z0-9-]*):(\d{12}):([A-Za-z]+):(.+)$/;

/** Parses a Step Functions ARN; throws InvalidArn when it is not one. */
export function parseStatesArn(arn: unknown, field: string): ParsedArn {
  if (typeof arn !== "string" || arn.length < 1 || arn.length > 256) {
    throw new AwsError("InvalidArn", `Invalid Arn: '${String(arn)}'`);
  }
  const m = ARN_RE.exec(arn);
  if (!m) throw new AwsError("InvalidArn", `Invalid Arn: 'Unable to parse ARN ${field}: ${arn}'`);
  return { region: m[1]!, accountId: m[2]!, resourceType: m[3]!, parts: m[4]!.split(":") };
}

/** Checks that `arn` names a state machine (no version/alias qualifier); returns the machine name. */
export function parseStateMachineArn(arn: unknown, field = "stateMachineArn"): { arn: string; name: string } {
  const p = parseStatesArn(arn, field);
  if (p.resourceType !== "stateMachine" || p.parts.length < 1 || p.parts[0] === "") {
    throw new AwsError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${p.resourceType}'`);
  }
  if (p.parts.length > 1) {
    // Versions and aliases are not emulated: a qualified ARN cannot name an existing machine.
    throw new AwsError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(arn)}'`);
  }
  return { arn: arn as string, name: p.parts[0]! };
}

/** Checks that `arn` names an execution (STANDARD or EXPRESS). */
export function parseExecutionArn(arn: unknown, field = "executionArn"): string {
  const p = parseStatesArn(arn, field);
  const ok =
    (p.resourceType === "execution" && p.parts.length === 2) || (p.resourceType === "express" && p.parts.length === 3);
  if (!ok)
    throw new AwsError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${p.resourceType}'`);
  return arn as string;
}

const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Throws InvalidArn unless `roleArn` looks like an IAM role ARN. */
export function assertRoleArn(roleArn: unknown): string {
  if (typeof roleArn !== "string" || !ROLE_ARN_RE.test(roleArn)) {
    throw new AwsError("InvalidArn", `Invalid Arn: 'Role ARN is not valid: ${String(roleArn)}'`);
  }
  return roleArn;
}
