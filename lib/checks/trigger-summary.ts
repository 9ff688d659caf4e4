// One sentence per trigger for lists and headers, so operators never have to read pattern JSON.
import { clusterNameFromArn, recognizeEcsStoppedPattern } from "./ecs-pattern";
import { describeSchedule } from "./schedule";
import type { Trigger } from "./types";

const MAX_CONDITIONS = 3;

const NUMERIC_SYMBOL: Record<string, string> = { "<": "<", "<=": "≤", "=": "=", ">": ">", ">=": "≥" };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function quote(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function describeMatcher(m: unknown): string {
  if (!isObj(m)) return quote(m);
  const [op] = Object.keys(m);
  const v = op === undefined ? undefined : m[op];
  switch (op) {
    case "prefix":
      return `starts with ${isObj(v) ? quote(v["equals-ignore-case"]) + " (any case)" : quote(v)}`;
    case "suffix":
      return `ends with ${isObj(v) ? quote(v["equals-ignore-case"]) + " (any case)" : quote(v)}`;
    case "anything-but":
      if (isObj(v)) {
        const [inner] = Object.keys(v);
        const what = inner === undefined ? "" : v[inner];
        const list = Array.isArray(what) ? what.map(quote).join(" or ") : quote(what);
        if (inner === "prefix") return `does not start with ${list}`;
        if (inner === "suffix") return `does not end with ${list}`;
        if (inner === "wildcard") return `does not match ${list}`;
        return `is not ${list} (any case)`;
      }
      return `is not ${Array.isArray(v) ? v.map(quote).join(" or ") : quote(v)}`;
    case "numeric": {
      const parts: string[] = [];
      const arr = Array.isArray(v) ? v : [];
      for (let i = 0; i + 1 < arr.length; i += 2)
        parts.push(`${NUMERIC_SYMBOL[String(arr[i])] ?? quote(arr[i])} ${quote(arr[i + 1])}`);
      return `is ${parts.join(" and ")}`;
    }
    case "exists":
      return v === false ? "is absent" : "is present";
    case "cidr":
      return `is in ${quote(v)}`;
    case "equals-ignore-case":
      return `is ${quote(v)} (any case)`;
    case "wildcard":
      return `matches ${quote(v)}`;
    default:
      return JSON.stringify(m);
  }
}

function describeLeaf(path: string, values: unknown[]): string {
  const plain = values.filter((v) => !isObj(v));
  const ops = values.filter(isObj);
  const parts: string[] = [];
  if (plain.length === 1) parts.push(`is ${quote(plain[0])}`);
  else if (plain.length > 1) parts.push(`is one of ${plain.map(quote).join(", ")}`);
  for (const op of ops) parts.push(describeMatcher(op));
  return `${path} ${parts.join(" or ")}`;
}

function conditions(pattern: Record<string, unknown>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key === "$or" && Array.isArray(value)) {
      out.push(`one of ${value.length} alternatives holds`);
    } else if (Array.isArray(value)) {
      out.push(describeLeaf(path, value));
    } else if (isObj(value)) {
      out.push(...conditions(value, path));
    }
  }
  return out;
}

// Letters whose English name starts with a vowel sound: "an ECS …", "an S3 …", but "a CloudTrail …".
const VOWEL_SOUND_LETTERS = "AEFHILMNORSX";

/** "a" or "an" before `phrase`: by its first letter's sound when it opens with an acronym (EC2, S3), else by vowel. */
export function indefiniteArticle(phrase: string): "a" | "an" {
  const word = phrase.trim().split(/\s/)[0] ?? "";
  const acronym = /^[A-Z][A-Z0-9]+\b/.test(word) && !/[a-z]/.test(word);
  if (acronym) return VOWEL_SOUND_LETTERS.includes(word[0] ?? "") ? "an" : "a";
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

function singleString(v: unknown): string | undefined {
  return Array.isArray(v) && v.length === 1 && typeof v[0] === "string" ? v[0] : undefined;
}

/** A readable summary of any event pattern; ECS-task-stopped patterns read like the seed workflow. */
export function describeEventPattern(pattern: Record<string, unknown>): string {
  const ecs = recognizeEcsStoppedPattern(pattern);
  if (ecs) {
    const command = ecs.command === null ? "" : ` with command ${ecs.command}`;
    const exit = ecs.exitCode === null ? "" : ` with exit code ${ecs.exitCode}`;
    return `When an ECS task in cluster ${clusterNameFromArn(ecs.clusterArn)}${command} stops${exit}`;
  }
  const source = singleString(pattern.source);
  const detailType = singleString(pattern["detail-type"]);
  const rest: Record<string, unknown> = { ...pattern };
  let head = "When an event arrives";
  if (source !== undefined && detailType !== undefined) {
    head = `When ${indefiniteArticle(detailType)} “${detailType}” event from ${source} arrives`;
    delete rest.source;
    delete rest["detail-type"];
  } else if (source !== undefined) {
    head = `When an event from ${source} arrives`;
    delete rest.source;
  }
  const conds = conditions(rest);
  if (conds.length === 0) return head;
  const shown = conds.slice(0, MAX_CONDITIONS).join("; ");
  const more =
    conds.length > MAX_CONDITIONS
      ? ` (and ${conds.length - MAX_CONDITIONS} more condition${conds.length - MAX_CONDITIONS === 1 ? "" : "s"})`
      : "";
  return `${head} where ${shown}${more}`;
}

/** The trigger in words: an event description or the schedule's plain-language form. */
export function describeTrigger(trigger: Trigger): string {
  return trigger.kind === "schedule" ? describeSchedule(trigger.expression) : describeEventPattern(trigger.pattern);
}
