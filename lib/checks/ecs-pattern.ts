// The "ECS task stopped" builder: the seed workflow's rule (seed-rule-pattern.json) as three fields,
// and the way back from a stored pattern to those fields so the form can reopen the builder.

export interface EcsStoppedSpec {
  clusterArn: string;
  /** The container override command (first element); null matches any command. */
  command: string | null;
  /** Any container's exit code; null matches any exit code. */
  exitCode: number | null;
}

const ECS_CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/;

/** Why `arn` is not an ECS cluster ARN, or null. */
export function clusterArnError(arn: string): string | null {
  if (arn.trim() === "")
    return "Enter the ECS cluster ARN, e.g. arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper.";
  return ECS_CLUSTER_ARN.test(arn.trim())
    ? null
    : "That is not an ECS cluster ARN. It should read like arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper: a region, a 12-digit account and a cluster name of letters A–Z, digits, - and _.";
}

/** The cluster name at the end of an ECS cluster ARN (or the input when it is not one). */
export function clusterNameFromArn(arn: string): string {
  const m = /:cluster\/(.+)$/.exec(arn);
  return m?.[1] ?? arn;
}

/** The EventBridge pattern matching an ECS task in the cluster that stops as described. */
export function buildEcsStoppedPattern(spec: EcsStoppedSpec): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    clusterArn: [spec.clusterArn.trim()],
    lastStatus: ["STOPPED"],
  };
  if (spec.exitCode !== null) detail.containers = { exitCode: [spec.exitCode] };
  if (spec.command !== null && spec.command !== "")
    detail.overrides = { containerOverrides: { command: [spec.command] } };
  return { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"], detail };
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function only<T>(v: unknown, test: (x: unknown) => x is T): T | undefined {
  return Array.isArray(v) && v.length === 1 && test(v[0]) ? v[0] : undefined;
}

const isString = (x: unknown): x is string => typeof x === "string";
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);

function sameKeys(o: Record<string, unknown>, allowed: string[], required: string[]): boolean {
  const keys = Object.keys(o);
  return keys.every((k) => allowed.includes(k)) && required.every((k) => keys.includes(k));
}

/** The builder fields for a pattern the builder could have produced, or null for any other pattern. */
export function recognizeEcsStoppedPattern(pattern: unknown): EcsStoppedSpec | null {
  if (!isObj(pattern) || !sameKeys(pattern, ["source", "detail-type", "detail"], ["source", "detail-type", "detail"]))
    return null;
  if (only(pattern.source, isString) !== "aws.ecs") return null;
  if (only(pattern["detail-type"], isString) !== "ECS Task State Change") return null;
  const detail = pattern.detail;
  if (
    !isObj(detail) ||
    !sameKeys(detail, ["clusterArn", "lastStatus", "containers", "overrides"], ["clusterArn", "lastStatus"])
  )
    return null;
  const clusterArn = only(detail.clusterArn, isString);
  if (clusterArn === undefined || only(detail.lastStatus, isString) !== "STOPPED") return null;
  let exitCode: number | null = null;
  if (detail.containers !== undefined) {
    if (!isObj(detail.containers) || !sameKeys(detail.containers, ["exitCode"], ["exitCode"])) return null;
    const code = only(detail.containers.exitCode, isNumber);
    if (code === undefined) return null;
    exitCode = code;
  }
  let command: string | null = null;
  if (detail.overrides !== undefined) {
    const o = detail.overrides;
    if (!isObj(o) || !sameKeys(o, ["containerOverrides"], ["containerOverrides"])) return null;
    const co = o.containerOverrides;
    if (!isObj(co) || !sameKeys(co, ["command"], ["command"])) return null;
    const cmd = only(co.command, isString);
    if (cmd === undefined) return null;
    command = cmd;
  }
  return { clusterArn, command, exitCode };
}
