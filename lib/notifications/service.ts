// Saving destinations (secrets encrypted before they reach the data module), applying notification changes to AWS
// right away, and Send test: a synthetic "Audit Check Completed" event put on the bus that only the destination's
// test rule matches, so the message takes the same path as a real one (EventBridge → API destination / SNS).
import "server-only";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { Actor } from "@/lib/actor";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import {
  createDestination,
  getDestinationWithSecrets,
  updateDestination,
  type DestinationRecord,
  type DestinationWrite,
} from "@/lib/db/notification-destinations";
import { env } from "@/lib/env";
import { OperatorError } from "@/lib/errors";
import { reconcileConfigFromEnv } from "@/lib/reconcile/config";
import { testCheckId, testRuleName } from "@/lib/reconcile/notification-desired";
import { runLockedPass } from "@/lib/reconcile/runtime";
import {
  COMPLETED_EVENT_DETAIL_TYPE,
  COMPLETED_EVENT_SOURCE,
  WEBHOOK_MESSAGE_VERSION,
  type CompletedEventDetail,
} from "./completed-event";
import { receivedRequests, receiverName, ruleHealth } from "./delivery";
import { destinationSchema, type DestinationInput } from "./schema";
import { decryptSecret, encryptSecret, maskUrl } from "./secrets";

/** The destination form's schema under this installation's mode (http only against the emulator). */
export function destinationFormSchema(editing: boolean) {
  return destinationSchema({ allowHttp: env.ACC_AWS_MODE === "emulator", editing });
}

function toWrite(input: DestinationInput): DestinationWrite {
  const web = input.kind !== "sns";
  const header = input.kind === "webhook" && input.secretHeaderName ? input.secretHeaderName : null;
  return {
    name: input.name,
    kind: input.kind,
    urlEncrypted: web && input.url ? encryptSecret(input.url) : null,
    urlMasked: web && input.url ? maskUrl(input.url) : null,
    topicArn: input.kind === "sns" ? input.topicArn : null,
    secretHeaderName: header,
    secretHeaderEncrypted: header && input.secretHeaderValue ? encryptSecret(input.secretHeaderValue) : null,
  };
}

export function saveNewDestination(input: DestinationInput, actor: Actor): Promise<DestinationRecord> {
  return createDestination(toWrite(input), actor);
}

export function saveDestination(
  id: string,
  expectedVersion: number,
  input: DestinationInput,
  actor: Actor,
): Promise<DestinationRecord> {
  const web = input.kind !== "sns";
  return updateDestination(
    id,
    expectedVersion,
    toWrite(input),
    { url: web && !input.url, secretHeader: !input.secretHeaderValue },
    actor,
  );
}

export interface WiringOutcome {
  ok: boolean;
  message: string;
}

const WAIT_MS = 8_000;

/** Applies the notification wiring now (a pass under the reconcile lock); what happened, in a sentence. */
export async function applyNotificationsNow(): Promise<WiringOutcome> {
  const pending: WiringOutcome = {
    ok: true,
    message: `Saved. AWS is being updated in the background (the reconciler runs every ${env.RECONCILE_INTERVAL_SECONDS} s).`,
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<WiringOutcome>((resolve) => (timer = setTimeout(() => resolve(pending), WAIT_MS)));
  const run = (async (): Promise<WiringOutcome> => {
    try {
      const r = await runLockedPass({ scope: { checkIds: new Set(), deleted: [] }, waitMs: WAIT_MS });
      if (!r.ran) return pending;
      const n = r.value.notifications;
      if (n?.error) return { ok: false, message: n.error };
      const failed = n?.outcomes.filter((o) => !o.applied) ?? [];
      if (failed.length)
        return { ok: false, message: failed.map((o) => `${o.name}: ${o.message ?? "failed"}`).join(" ") };
      const applied = n?.outcomes.length ?? 0;
      return {
        ok: true,
        message: applied ? `Applied to AWS (${applied} change${applied === 1 ? "" : "s"}).` : "AWS already matched.",
      };
    } catch (error) {
      const e = describeAwsError(error);
      return { ok: false, message: `Applying to AWS failed: ${e.code}: ${e.message}. The background pass will retry.` };
    }
  })();
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The synthetic completed event of a test: every kind's message says it is a test of this destination. */
export function testEventDetail(destinationName: string, at: Date): CompletedEventDetail {
  const text = `Test message from the Audit Checks Console: destination “${destinationName}” works (${at.toISOString()}).`;
  return {
    check: { id: "", slug: "notification-test", generation: 0 },
    verdict: "PASS",
    verdictChanged: false,
    trigger: "test",
    executionArn: "",
    messages: {
      slack: {
        text,
        blocks: [
          { type: "header", text: { type: "plain_text", text: "Test notification" } },
          {
            type: "section",
            text: { type: "mrkdwn", text: `*${destinationName}* receives audit check notifications.` },
          },
          {
            type: "context",
            elements: [{ type: "mrkdwn", text: `Sent ${at.toISOString()} from ${env.ACC_PUBLIC_URL}` }],
          },
        ],
      },
      webhook: { version: WEBHOOK_MESSAGE_VERSION, test: true, destination: destinationName, sentAt: at.toISOString() },
      text,
    },
  };
}

export interface TestOutcome {
  eventId: string;
  /** true: seen at the receiver or counted as delivered; false: counted as failed; null: not known yet. */
  delivered: boolean | null;
  message: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends a test through AWS: makes sure the wiring is applied, puts the test event, then watches for the outcome
 * for a few seconds — the emulator's receiver when the URL points at it, else the test rule's delivery metrics.
 */
export async function sendTest(destinationId: string): Promise<TestOutcome> {
  const d = await getDestinationWithSecrets(destinationId);
  if (!d) throw new OperatorError("This destination no longer exists; someone else deleted it.");
  const wiring = await applyNotificationsNow();
  if (!wiring.ok) throw new OperatorError(`The destination's AWS wiring is not in place: ${wiring.message}`);
  const url = d.urlEncrypted ? decryptSecret(d.urlEncrypted) : null;
  const receiver = receiverName(url);
  const rule = testRuleName(reconcileConfigFromEnv(), d.id);
  const before = receiver ? (await receivedRequests(receiver).catch(() => [])).length : 0;
  // Counts before the test, so earlier tests' invocations are not taken for this one's.
  const counted = async () => (await ruleHealth([rule], new Date()).catch(() => null))?.get(rule) ?? null;
  const base = await counted();
  const at = new Date();
  const detail = {
    ...testEventDetail(d.name, at),
    check: { id: testCheckId(d.id), slug: "notification-test", generation: 0 },
  };
  const out = await awsClients().events.send(
    new PutEventsCommand({
      Entries: [
        {
          Source: COMPLETED_EVENT_SOURCE,
          DetailType: COMPLETED_EVENT_DETAIL_TYPE,
          Detail: JSON.stringify(detail),
          EventBusName: "default",
        },
      ],
    }),
  );
  const entry = out.Entries?.[0];
  if (!entry?.EventId)
    throw new OperatorError(
      `EventBridge did not accept the test event: ${entry?.ErrorCode ?? "unknown"}: ${entry?.ErrorMessage ?? ""}`,
    );
  const eventId = entry.EventId;
  for (let i = 0; i < 16; i++) {
    await sleep(500);
    if (receiver) {
      const got = await receivedRequests(receiver).catch(() => null);
      if (got && got.length > before)
        return { eventId, delivered: true, message: `Delivered: the receiver “${receiver}” got the message.` };
    }
    const h = await counted();
    if (h && base && h.failedInvocations > base.failedInvocations)
      return {
        eventId,
        delivered: false,
        message: `EventBridge could not deliver to “${d.name}” (FailedInvocations of ${rule}). Check the URL or topic.`,
      };
    if (h && base && h.invocations > base.invocations && !receiver && i >= 3)
      return { eventId, delivered: true, message: `Delivered: EventBridge invoked the target of ${rule}.` };
  }
  return {
    eventId,
    delivered: null,
    message: `Sent (event ${eventId}). No outcome within 8 s; delivery health below shows it once AWS reports it (CloudWatch lags a few minutes).`,
  };
}
