// The notification wiring end to end on the emulator process (real SDK over HTTP) and a fresh database: the
// reconciler creates the connection, API destination and rules; a completed event is delivered by EventBridge to
// the emulator's webhook receiver as the event's ready-made Slack message (change-only: once, then the recovery);
// out-of-band changes are repaired; removing the settings removes the wiring.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  DescribeRuleCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  UpdateApiDestinationCommand,
} from "@aws-sdk/client-eventbridge";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import type { AwsClients } from "@/lib/aws/create-clients";
import { createCheck } from "@/lib/db/checks";
import { setCheckNotifications } from "@/lib/db/check-notifications";
import { setPrismaClient } from "@/lib/db/client";
import { createDestination, deleteDestination } from "@/lib/db/notification-destinations";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { resetEnvCache } from "@/lib/env";
import type { CompletedEventDetail } from "@/lib/notifications/completed-event";
import { ruleHealth } from "@/lib/notifications/delivery";
import { encryptSecret, maskUrl } from "@/lib/notifications/secrets";
import { dbNotificationStore } from "@/lib/notifications/store";
import { emulatorAwsClients } from "@/lib/testing/emulator-aws";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { patternsEqual } from "./compare";
import { destinationResourceName, notificationPattern, notificationRuleName } from "./notification-desired";
import { Reconciler } from "./reconciler";
import { dbCheckStore } from "./runtime";
import { makeCheck, testConfig } from "./test-fixtures";

const actor: Actor = { id: "notify-test", displayName: "Notify test" };
let emu: EmulatorProcess;
let db: TestDatabase;
let aws: AwsClients;

const reconciler = () =>
  new Reconciler({
    events: aws.events,
    sfn: aws.sfn,
    config: testConfig,
    store: dbCheckStore,
    notifications: dbNotificationStore,
  });

const receiverUrl = (name: string) => `${emu.url}/_emulator/webhooks/${name}`;
const received = async (name: string): Promise<Array<{ body: unknown; headers: Record<string, string> }>> =>
  (await fetch(receiverUrl(name))).json() as never;

/** Waits until the receiver holds `count` requests (or `ms` pass), then returns them. */
async function receivedAfter(name: string, count: number, ms = 6_000) {
  const end = Date.now() + ms;
  let got = await received(name);
  while (got.length < count && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    got = await received(name);
  }
  return got;
}

async function setup(receiver: string) {
  const m = makeCheck({ slug: `admin-logins-${receiver}`, name: `Admin logins ${receiver}` });
  const spec: CheckSpec = {
    name: m.name,
    slug: m.slug,
    description: m.description,
    sql: m.sql,
    catalog: m.catalog,
    database: m.database,
    workgroup: m.workgroup,
    outputLocation: m.outputLocation,
    parameters: m.parameters,
    trigger: m.trigger,
    expectation: m.expectation,
    enabled: m.enabled,
    findingKeys: m.findingKeys,
  };
  const check = await createCheck(spec, actor);
  const url = receiverUrl(receiver);
  const destination = await createDestination(
    {
      name: receiver,
      kind: "slack",
      urlEncrypted: encryptSecret(url),
      urlMasked: maskUrl(url),
      topicArn: null,
      secretHeaderName: null,
      secretHeaderEncrypted: null,
    },
    actor,
  );
  await setCheckNotifications(
    check.id,
    [{ destinationId: destination.id, verdicts: ["FAIL", "ERROR"], mode: "change" }],
    actor,
  );
  return { check, destination };
}

function completed(checkId: string, over: Partial<CompletedEventDetail>): CompletedEventDetail {
  return {
    check: { id: checkId, slug: "admin-logins", generation: 1 },
    verdict: "FAIL",
    verdictChanged: true,
    firstValue: "3",
    trigger: "event",
    executionArn: "arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:x",
    messages: {
      slack: {
        text: `FAIL ${over.verdict ?? "FAIL"}`,
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "*FAIL*" } }],
      },
      webhook: { version: "1" },
      text: "FAIL",
    },
    ...over,
  };
}

async function put(detail: CompletedEventDetail) {
  const r = await aws.events.send(
    new PutEventsCommand({
      Entries: [{ Source: "audit-checks", DetailType: "Audit Check Completed", Detail: JSON.stringify(detail) }],
    }),
  );
  expect(r.FailedEntryCount ?? 0).toBe(0);
}

beforeAll(async () => {
  process.env.ACC_SECRETS_KEY = "c".repeat(64);
  [emu, db] = await Promise.all([startEmulator(), createPostgresTestDatabase("notify")]);
  // Delivery health reads CloudWatch through the process-wide clients: point them at this emulator.
  process.env.AWS_ENDPOINT_URL = emu.url;
  resetEnvCache();
  setPrismaClient(db.client);
  aws = emulatorAwsClients(emu);
});

afterAll(async () => {
  setPrismaClient(undefined);
  delete process.env.ACC_SECRETS_KEY;
  delete process.env.AWS_ENDPOINT_URL;
  resetEnvCache();
  await Promise.allSettled([emu?.stop(), db?.drop()]);
});

beforeEach(async () => {
  await emu.reset();
  await db.client.checkNotification.deleteMany({});
  await db.client.notificationDestination.deleteMany({});
  await db.client.check.deleteMany({});
});

describe("notification wiring on the emulator", () => {
  it("creates connection, API destination and rule; delivers a changed FAIL once, a repeat never, the recovery once", async () => {
    const { check } = await setup("slack-it");
    const report = await reconciler().reconcile();
    expect(report.notifications?.error).toBeNull();
    expect(report.notifications?.outcomes.filter((o) => !o.applied)).toEqual([]);

    const name = destinationResourceName(testConfig, "slack-it");
    const connection = await aws.events.send(new DescribeConnectionCommand({ Name: name }));
    expect(connection.AuthorizationType).toBe("API_KEY");
    const api = await aws.events.send(new DescribeApiDestinationCommand({ Name: name }));
    expect(api.InvocationEndpoint).toBe(receiverUrl("slack-it"));
    expect(api.InvocationRateLimitPerSecond).toBe(1);
    const ruleName = notificationRuleName(
      testConfig,
      check.slug,
      check.id,
      (await db.client.notificationDestination.findFirstOrThrow()).id,
    );
    const rule = await aws.events.send(new DescribeRuleCommand({ Name: ruleName }));
    expect(patternsEqual(rule.EventPattern, notificationPattern(check.id, ["FAIL", "ERROR"], "change"))).toBe(true);
    const targets = (await aws.events.send(new ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
    expect(targets).toEqual([
      expect.objectContaining({
        Arn: api.ApiDestinationArn,
        InputPath: "$.detail.messages.slack",
        RoleArn: testConfig.eventsRoleArn,
      }),
    ]);

    // The first FAIL (changed): exactly one message, the event's Slack message as the body.
    await put(completed(check.id, { verdict: "FAIL", verdictChanged: true }));
    let got = await receivedAfter("slack-it", 1);
    expect(got).toHaveLength(1);
    expect(got[0]!.body).toMatchObject({ text: "FAIL FAIL" });
    // The same FAIL again (not changed): nothing more.
    await put(completed(check.id, { verdict: "FAIL", verdictChanged: false, previousVerdict: "FAIL" }));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await received("slack-it")).toHaveLength(1);
    // Another check's FAIL: nothing.
    await put(completed("6d1b2c3a-0000-4000-8000-000000000000", { verdict: "FAIL", verdictChanged: true }));
    // The recovery to PASS: one more.
    await put(completed(check.id, { verdict: "PASS", verdictChanged: true, previousVerdict: "FAIL" }));
    got = await receivedAfter("slack-it", 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(await received("slack-it")).toHaveLength(2);
    expect(got[1]!.body).toMatchObject({ text: "FAIL PASS" });

    // A second pass changes nothing.
    const again = await reconciler().reconcile();
    expect(again.notifications?.items.every((i) => i.action === "noop")).toBe(true);
    expect(again.notifications?.outcomes).toEqual([]);
  });

  it("every-run mode sends each matching run", async () => {
    const { check, destination } = await setup("every-it");
    await setCheckNotifications(
      check.id,
      [{ destinationId: destination.id, verdicts: ["FAIL"], mode: "every" }],
      actor,
    );
    await reconciler().reconcile();
    await put(completed(check.id, { verdict: "FAIL", verdictChanged: true }));
    await put(completed(check.id, { verdict: "FAIL", verdictChanged: false, previousVerdict: "FAIL" }));
    expect(await receivedAfter("every-it", 2)).toHaveLength(2);
    // Delivery health: both invocations counted on the notification rule, none failed.
    const ruleName = notificationRuleName(testConfig, check.slug, check.id, destination.id);
    expect((await ruleHealth([ruleName])).get(ruleName)).toEqual({ invocations: 2, failedInvocations: 0 });
  });

  it("a refusing receiver shows as a failed invocation; the run's event is not lost silently", async () => {
    const { check, destination } = await setup("refuse-it");
    await reconciler().reconcile();
    const behavior = await fetch(`${receiverUrl("refuse-it")}/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: 400 }),
    });
    expect(behavior.ok).toBe(true);
    await put(completed(check.id, { verdict: "FAIL", verdictChanged: true }));
    const ruleName = notificationRuleName(testConfig, check.slug, check.id, destination.id);
    const end = Date.now() + 10_000;
    let h = (await ruleHealth([ruleName])).get(ruleName);
    while ((h?.failedInvocations ?? 0) === 0 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      h = (await ruleHealth([ruleName])).get(ruleName);
    }
    expect(h?.failedInvocations).toBe(1);
  });

  it("repairs a rule's pattern and an API destination's endpoint changed outside the console", async () => {
    const { check, destination } = await setup("drift-it");
    await reconciler().reconcile();
    const ruleName = notificationRuleName(testConfig, check.slug, check.id, destination.id);
    const name = destinationResourceName(testConfig, "drift-it");
    await aws.events.send(new PutRuleCommand({ Name: ruleName, EventPattern: '{"source":["elsewhere"]}' }));
    const api = await aws.events.send(new DescribeApiDestinationCommand({ Name: name }));
    await aws.events.send(
      new UpdateApiDestinationCommand({
        Name: name,
        ConnectionArn: api.ConnectionArn,
        InvocationEndpoint: "https://example.invalid/x",
        HttpMethod: "POST",
      }),
    );
    const plan = await reconciler().plan();
    const changed = plan.notifications!.items.filter((i) => i.action === "update").map((i) => i.name);
    expect(changed.sort()).toEqual([name, ruleName].sort());
    await reconciler().reconcile();
    expect((await aws.events.send(new DescribeApiDestinationCommand({ Name: name }))).InvocationEndpoint).toBe(
      receiverUrl("drift-it"),
    );
    const rule = await aws.events.send(new DescribeRuleCommand({ Name: ruleName }));
    expect(patternsEqual(rule.EventPattern, notificationPattern(check.id, ["FAIL", "ERROR"], "change"))).toBe(true);
  });

  it("removing the notification and the destination deletes the rules, the API destination and the connection", async () => {
    const { check, destination } = await setup("gone-it");
    await reconciler().reconcile();
    await setCheckNotifications(check.id, [], actor);
    await deleteDestination(destination.id, actor);
    const report = await reconciler().reconcile();
    expect(report.notifications?.outcomes.every((o) => o.applied && o.action === "delete")).toBe(true);
    const name = destinationResourceName(testConfig, "gone-it");
    await expect(aws.events.send(new DescribeConnectionCommand({ Name: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(aws.events.send(new DescribeApiDestinationCommand({ Name: name }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    await expect(
      aws.events.send(
        new DescribeRuleCommand({ Name: notificationRuleName(testConfig, check.slug, check.id, destination.id) }),
      ),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});
