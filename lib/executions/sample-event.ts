// Synthesized trigger events for Run now and Test trigger: the ECS sample bent until the check's pattern matches
// it, or the event a schedule rule sends.

import { randomUUID } from "node:crypto";
import ecsSample from "./samples/ecs-task-state-change.event.json";

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** `2026-11-27T23:59:59Z`: EventBridge's `time` has second precision. */
export function eventTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The published ECS Task State Change sample (a fresh copy each call). */
export function ecsSampleEvent(): Obj {
  return structuredClone(ecsSample) as Obj;
}

/** The event an EventBridge schedule rule delivers. */
export function scheduledEvent(opts: { ruleArn: string; account: string; region: string; at: Date }): Obj {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: opts.account,
    time: eventTime(opts.at),
    region: opts.region,
    resources: [opts.ruleArn],
    detail: {},
  };
}

function numericValue(spec: Json[]): number | undefined {
  let lo = -Infinity;
  let hi = Infinity;
  let loOpen = false;
  let hiOpen = false;
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const op = spec[i];
    const n = Number(spec[i + 1]);
    if (op === "=") return n;
    if (op === ">") [lo, loOpen] = [n, true];
    if (op === ">=") [lo, loOpen] = [n, false];
    if (op === "<") [hi, hiOpen] = [n, true];
    if (op === "<=") [hi, hiOpen] = [n, false];
  }
  if (Number.isFinite(lo) && Number.isFinite(hi)) return loOpen || hiOpen ? (lo + hi) / 2 : lo;
  if (Number.isFinite(lo)) return loOpen ? lo + 1 : lo;
  if (Number.isFinite(hi)) return hiOpen ? hi - 1 : hi;
  return 0;
}

function cidrAddress(cidr: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return cidr.split("/")[0];
  const parts = m.slice(1, 5).map(Number);
  parts[3] = Math.min(254, (parts[3] ?? 0) + 1);
  return parts.join(".");
}

const KEEP = Symbol("keep");
const DELETE = Symbol("delete");
type Choice = Json | typeof KEEP | typeof DELETE;

/** A value satisfying one alternative of a pattern leaf (the first one it can satisfy). */
function chooseLeaf(alternatives: Json[], current: Json): Choice {
  const scalarCurrent = Array.isArray(current) ? current[0] : current;
  for (const alt of alternatives) {
    if (!isObj(alt)) return alt;
    if ("prefix" in alt) {
      const p = alt.prefix;
      return typeof p === "string" ? `${p}sample` : isObj(p) ? `${String(p["equals-ignore-case"] ?? "")}sample` : KEEP;
    }
    if ("suffix" in alt) {
      const s = alt.suffix;
      return typeof s === "string" ? `sample${s}` : isObj(s) ? `sample${String(s["equals-ignore-case"] ?? "")}` : KEEP;
    }
    if ("equals-ignore-case" in alt) return alt["equals-ignore-case"];
    if ("wildcard" in alt) return String(alt.wildcard).replace(/\*/g, "x");
    if ("numeric" in alt && Array.isArray(alt.numeric)) return numericValue(alt.numeric);
    if ("cidr" in alt) return cidrAddress(String(alt.cidr));
    if ("exists" in alt) return alt.exists ? (current === undefined ? "sample" : KEEP) : DELETE;
    if ("anything-but" in alt) {
      const ab = alt["anything-but"];
      const excluded = Array.isArray(ab) ? ab : [ab];
      if (scalarCurrent !== undefined && !excluded.some((x) => x === scalarCurrent) && !isObj(ab)) return KEEP;
      if (excluded.every((x) => typeof x === "number")) return Math.max(...(excluded as number[])) + 1;
      return "sample-other";
    }
  }
  return KEEP;
}

function fitObject(event: Obj, pattern: Obj): void {
  for (const [key, spec] of Object.entries(pattern)) {
    if (key === "$or" && Array.isArray(spec)) {
      const first = spec.find(isObj);
      if (first) fitObject(event, first);
      continue;
    }
    if (Array.isArray(spec)) {
      const choice = chooseLeaf(spec, event[key]);
      if (choice === DELETE) delete event[key];
      else if (choice !== KEEP) event[key] = Array.isArray(event[key]) ? [choice] : choice;
      continue;
    }
    if (!isObj(spec)) continue;
    const current = event[key];
    if (Array.isArray(current)) {
      // Arrays of objects match when any element matches: fitting the first element is enough.
      if (!isObj(current[0])) current.splice(0, current.length, {});
      fitObject(current[0] as Obj, spec);
    } else if (isObj(current)) {
      fitObject(current, spec);
    } else {
      const child: Obj = {};
      event[key] = child;
      fitObject(child, spec);
    }
  }
}

/**
 * The sample with a fresh id and time, this account and region, and every field the pattern names set to a value
 * the pattern accepts (exact values, prefixes, numeric ranges, exists, anything-but, ...).
 */
export function fitEventToPattern(
  sample: Obj,
  pattern: Record<string, unknown> | null | undefined,
  opts: { account: string; region: string; at: Date },
): Obj {
  const event = structuredClone(sample);
  event.id = randomUUID();
  event.time = eventTime(opts.at);
  event.account = opts.account;
  event.region = opts.region;
  if (pattern) fitObject(event, pattern);
  alignEcsTask(event, pattern);
  return event;
}

const CLUSTER_ARN = /^arn:([\w-]+):ecs:([\w-]+):(\d{12}):cluster\/(.+)$/;

/**
 * An ECS event whose cluster was fitted gets a task ARN in that cluster (the sample's own placeholders name another
 * account and region), unless the pattern itself says something about the task ARN or the resources.
 */
function alignEcsTask(event: Obj, pattern: Record<string, unknown> | null | undefined): void {
  const detail = event.detail;
  if (!isObj(detail) || typeof detail.clusterArn !== "string") return;
  const m = CLUSTER_ARN.exec(detail.clusterArn);
  const patternDetail = pattern && isObj(pattern.detail as Json) ? (pattern.detail as Obj) : {};
  if (!m || "taskArn" in patternDetail || (pattern && "resources" in pattern)) return;
  const [, partition, region, account, cluster] = m;
  const taskArn = `arn:${partition}:ecs:${region}:${account}:task/${cluster}/${randomUUID().replace(/-/g, "")}`;
  detail.taskArn = taskArn;
  event.resources = [taskArn];
  if (Array.isArray(detail.containers))
    for (const c of detail.containers) if (isObj(c) && "taskArn" in c) c.taskArn = taskArn;
}
