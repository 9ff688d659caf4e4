// What the notification settings should be in EventBridge (pure): per webhook / Slack destination one connection
// (API_KEY auth carrying the secret header, or a fixed header for Slack — a connection must have some auth) and
// one API destination; per check notification rule one EventBridge rule matching the state machine's
// "Audit Check Completed" events of that check and verdicts, targeting the API destination or SNS topic with the
// event's ready-made message (InputPath); per destination one test rule that Send test's synthetic event matches.
import { createHash } from "node:crypto";
import type { Verdict } from "@/lib/checks/execution-contract";
import { shortHash } from "@/lib/checks/slug";
import { canonicalJson } from "@/lib/canonical-json";
import {
  COMPLETED_EVENT_DETAIL_TYPE,
  COMPLETED_EVENT_SOURCE,
  MESSAGE_INPUT_PATH,
} from "@/lib/notifications/completed-event";
import type { DestinationKind, NotificationMode } from "@/lib/notifications/schema";
import { CHECK_ID_TAG, MANAGED_BY_TAG, MANAGED_BY_VALUE, type ReconcileConfig } from "./config";
import type { RuleSpec } from "./rule-resource";
import type { SpecTarget } from "./targets-resource";

/** The tag naming the destination a notification rule delivers to. */
export const DESTINATION_ID_TAG = "audit-notification-destination-id";
/** What marks a connection or API destination as ours: they carry no tags, so their Description says it. */
export const MANAGED_MARK = `(managed by ${MANAGED_BY_VALUE}; spec `;
/** The one target of a notification rule. */
export const NOTIFY_TARGET_ID = "notify";
/** The header a Slack destination's connection sends: AWS requires auth on a connection, Slack ignores it. */
export const SLACK_DUMMY_HEADER = { name: "X-Audit-Checks-Console", value: "slack" } as const;
/** Requests per second per API destination: Slack accepts about one message per second per webhook. */
export const RATE_LIMIT_PER_SECOND: Record<"slack" | "webhook", number> = { slack: 1, webhook: 10 };
const NAME_MAX = 64;

/** A destination as the reconciler needs it: secrets decrypted by the store, never logged. */
export interface NotificationDestinationSpec {
  id: string;
  name: string;
  kind: DestinationKind;
  url: string | null;
  topicArn: string | null;
  secretHeaderName: string | null;
  secretHeaderValue: string | null;
  /** A keyed digest of the secrets (HMAC under the secrets key): a changed secret changes the spec hash. */
  secretDigest: string;
}

export interface NotificationRuleSpec {
  checkId: string;
  destinationId: string;
  verdicts: Verdict[];
  mode: NotificationMode;
}

/** The check a notification rule belongs to (name and slug for naming the rule). */
export interface NotificationCheckRef {
  id: string;
  slug: string;
  name: string;
}

export interface DesiredConnection {
  name: string;
  destinationId: string;
  destinationName: string;
  description: string;
  apiKeyName: string;
  /** Secret: only ever sent to AWS. */
  apiKeyValue: string;
}

export interface DesiredApiDestination {
  name: string;
  destinationId: string;
  destinationName: string;
  connectionName: string;
  description: string;
  /** Secret for Slack (the URL is the credential): only ever sent to AWS. */
  endpoint: string;
  rateLimitPerSecond: number;
}

/** Where a notification rule's target points: an API destination (ARN known once it exists) or an SNS topic. */
export type TargetRef = { kind: "api-destination"; name: string } | { kind: "sns"; arn: string };

export interface DesiredNotificationRule extends RuleSpec {
  checkId: string | null;
  checkName: string | null;
  destinationId: string;
  destinationName: string;
  targetRef: TargetRef;
  inputPath: string;
}

/** Everything the notification settings want, by AWS name. */
export interface DesiredNotifications {
  connections: DesiredConnection[];
  apiDestinations: DesiredApiDestination[];
  rules: DesiredNotificationRule[];
}

/** The connection and API destination of a destination (two namespaces, one name). */
export function destinationResourceName(config: ReconcileConfig, destinationName: string): string {
  return `${config.rulePrefix}${destinationName}`.slice(0, NAME_MAX);
}

/**
 * `<prefix>notify.<slug>.<hash>`: the dots keep these apart from the checks' own rules (a slug has no dot), the
 * hash of check id and destination id makes the name unique when the slug is cut to fit 64 characters.
 */
export function notificationRuleName(config: ReconcileConfig, slug: string, checkId: string, destinationId: string) {
  const hash = shortHash(`${checkId}:${destinationId}`);
  const head = `${config.rulePrefix}notify.`;
  const room = Math.max(1, NAME_MAX - head.length - hash.length - 1);
  return `${head}${slug.slice(0, room)}.${hash}`;
}

/** `<prefix>notify-test.<hash>`: the rule Send test's synthetic event of one destination matches. */
export function testRuleName(config: ReconcileConfig, destinationId: string): string {
  return `${config.rulePrefix}notify-test.${shortHash(destinationId)}`;
}

/** Whether a rule name under the prefix is a notification rule (a check's rule name never has a dot). */
export function isNotificationRuleName(config: ReconcileConfig, name: string): boolean {
  return name.startsWith(config.rulePrefix) && name.slice(config.rulePrefix.length).includes(".");
}

/** The check id Send test's synthetic completed event carries, so only the destination's test rule matches it. */
export function testCheckId(destinationId: string): string {
  return `notification-test:${destinationId}`;
}

const VERDICT_ORDER: Verdict[] = ["FAIL", "ERROR", "PASS"];

/**
 * The event pattern of a notification rule. Every run: the check's completed events with one of the verdicts.
 * Only changes: those with `verdictChanged` true, plus — unless PASS is chosen anyway — the recovery: PASS after one
 * of the chosen verdicts, so the default (FAIL, ERROR) also says when things are fine again.
 */
export function notificationPattern(checkId: string, verdicts: Verdict[], mode: NotificationMode) {
  const chosen = VERDICT_ORDER.filter((v) => verdicts.includes(v));
  const head = { source: [COMPLETED_EVENT_SOURCE], "detail-type": [COMPLETED_EVENT_DETAIL_TYPE] };
  const check = { id: [checkId] };
  if (mode === "every") return { ...head, detail: { check, verdict: chosen } };
  const changed = { verdict: chosen, verdictChanged: [true] };
  const bad = chosen.filter((v) => v !== "PASS");
  if (chosen.includes("PASS") || bad.length === 0) return { ...head, detail: { check, ...changed } };
  return {
    ...head,
    detail: { check, $or: [changed, { verdict: ["PASS"], previousVerdict: bad }] },
  };
}

function specHash(spec: unknown): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex").slice(0, 16);
}

function describe(what: string, hash: string): string {
  const tail = ` ${MANAGED_MARK}${hash})`;
  const room = 512 - tail.length;
  return `${what.length > room ? `${what.slice(0, room - 1)}…` : what}${tail}`;
}

/** Whether a Description was written by this console (connections and API destinations carry no tags). */
export function isManagedDescription(description: string | null | undefined): boolean {
  return !!description && description.includes(MANAGED_MARK);
}

export function desiredNotifications(
  config: ReconcileConfig,
  checks: NotificationCheckRef[],
  destinations: NotificationDestinationSpec[],
  rules: NotificationRuleSpec[],
): DesiredNotifications {
  const out: DesiredNotifications = { connections: [], apiDestinations: [], rules: [] };
  const byId = new Map(destinations.map((d) => [d.id, d]));
  const target = (d: NotificationDestinationSpec): TargetRef =>
    d.kind === "sns"
      ? { kind: "sns", arn: d.topicArn ?? "" }
      : { kind: "api-destination", name: destinationResourceName(config, d.name) };
  const ruleOf = (
    name: string,
    what: string,
    d: NotificationDestinationSpec,
    check: NotificationCheckRef | null,
    pattern: object,
  ): DesiredNotificationRule => {
    const eventPattern = JSON.stringify(pattern);
    const tags: Record<string, string> = {
      [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
      [DESTINATION_ID_TAG]: d.id,
      ...(check ? { [CHECK_ID_TAG]: check.id } : {}),
    };
    const targetRef = target(d);
    const inputPath = MESSAGE_INPUT_PATH[d.kind];
    return {
      name,
      description: describe(what, specHash({ eventPattern: JSON.parse(eventPattern), tags, targetRef, inputPath })),
      state: "ENABLED",
      eventPattern,
      scheduleExpression: null,
      tags,
      checkId: check?.id ?? null,
      checkName: check?.name ?? null,
      destinationId: d.id,
      destinationName: d.name,
      targetRef,
      inputPath,
    };
  };

  for (const d of destinations) {
    if (d.kind !== "sns") {
      const name = destinationResourceName(config, d.name);
      const header =
        d.kind === "webhook" && d.secretHeaderName && d.secretHeaderValue
          ? { name: d.secretHeaderName, value: d.secretHeaderValue }
          : SLACK_DUMMY_HEADER;
      const hash = specHash({ header: header.name, secret: d.secretDigest, kind: d.kind });
      out.connections.push({
        name,
        destinationId: d.id,
        destinationName: d.name,
        description: describe(`Notification destination “${d.name}”`, hash),
        apiKeyName: header.name,
        apiKeyValue: header.value,
      });
      const rateLimitPerSecond = RATE_LIMIT_PER_SECOND[d.kind];
      out.apiDestinations.push({
        name,
        destinationId: d.id,
        destinationName: d.name,
        connectionName: name,
        description: describe(
          `Notification destination “${d.name}”`,
          specHash({ secret: d.secretDigest, rateLimitPerSecond, connection: name }),
        ),
        endpoint: d.url ?? "",
        rateLimitPerSecond,
      });
    }
    out.rules.push(
      ruleOf(testRuleName(config, d.id), `Send test of notification destination “${d.name}”`, d, null, {
        source: [COMPLETED_EVENT_SOURCE],
        "detail-type": [COMPLETED_EVENT_DETAIL_TYPE],
        detail: { check: { id: [testCheckId(d.id)] } },
      }),
    );
  }

  const checksById = new Map(checks.map((c) => [c.id, c]));
  for (const r of rules) {
    const d = byId.get(r.destinationId);
    const check = checksById.get(r.checkId);
    if (!d || !check) continue;
    out.rules.push(
      ruleOf(
        notificationRuleName(config, check.slug, check.id, d.id),
        `Notification of audit check “${check.name}” to “${d.name}”`,
        d,
        check,
        notificationPattern(check.id, r.verdicts, r.mode),
      ),
    );
  }
  return out;
}

/** The target a notification rule wants, given the API destinations' ARNs (null: not created yet). */
export function notificationTarget(
  config: ReconcileConfig,
  rule: DesiredNotificationRule,
  apiDestinationArns: Map<string, string>,
): SpecTarget {
  if (rule.targetRef.kind === "sns")
    return { Id: NOTIFY_TARGET_ID, Arn: rule.targetRef.arn, InputPath: rule.inputPath };
  const arn =
    apiDestinationArns.get(rule.targetRef.name) ??
    `arn:${config.partition}:events:${config.region}:${config.accountId}:api-destination/${rule.targetRef.name}/(created by this pass)`;
  return { Id: NOTIFY_TARGET_ID, Arn: arn, RoleArn: config.eventsRoleArn, InputPath: rule.inputPath };
}
