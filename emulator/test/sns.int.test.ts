// SNS through the real SDK client (AWS query protocol, XML answers): topics, HTTP subscriptions that receive SNS's
// JSON envelope at the emulator's webhook receiver, and SNS topics as EventBridge rule targets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  type SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  type EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { emulatorAdmin, sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

let emulator: TestEmulator;
let sns: SNSClient;
let events: EventBridgeClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ options: { "sns-retry-delays-ms": "50", "events-retry-delays-ms": "50" } });
  ({ sns, events } = sdkClients(emulator.url));
});
afterAll(async () => {
  await emulator?.close();
});

async function rejection(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

const received = (name: string) => emulatorAdmin(emulator.url, "GET", `/_emulator/webhooks/${name}`);

describe("topics and subscriptions", () => {
  it("creates (idempotently), describes, lists and deletes a topic", async () => {
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({ Name: "audit-alerts", Tags: [{ Key: "k", Value: "v" }] }),
    );
    expect(TopicArn).toBe("arn:aws:sns:us-east-1:000000000000:audit-alerts");
    expect((await sns.send(new CreateTopicCommand({ Name: "audit-alerts" }))).TopicArn).toBe(TopicArn);
    const attrs = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(attrs.Attributes).toMatchObject({ TopicArn, Owner: "000000000000", SubscriptionsConfirmed: "0" });
    expect((await sns.send(new ListTopicsCommand({}))).Topics).toContainEqual({ TopicArn });
    await sns.send(new DeleteTopicCommand({ TopicArn }));
    const gone = await rejection(sns.send(new GetTopicAttributesCommand({ TopicArn })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe("Topic does not exist");
    expect(gone.$metadata?.httpStatusCode).toBe(404);
    const badName = await rejection(sns.send(new CreateTopicCommand({ Name: "bad name!" })));
    expect(badName.name).toBe("InvalidParameterException");
    expect(badName.message).toBe("Invalid parameter: Topic Name");
  });

  it("posts the SNS envelope to an HTTP subscription; raw delivery posts the message itself", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "fanout" }));
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${emulator.url}/_emulator/webhooks/sns-env` }),
    );
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:fanout:[\w-]+$/);
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "http",
        Endpoint: `${emulator.url}/_emulator/webhooks/sns-raw`,
        Attributes: { RawMessageDelivery: "true" },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "ops@example.com" }));
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(subs.Subscriptions?.map((s) => s.Protocol)).toEqual(["http", "http", "email"]);

    const { MessageId } = await sns.send(
      new PublishCommand({
        TopicArn,
        Subject: "FAIL: administrator logins",
        Message: "3 logins ✓ <b>&",
        MessageAttributes: { verdict: { DataType: "String", StringValue: "FAIL" } },
      }),
    );
    const [env] = await waitFor(async () => {
      const got = await received("sns-env");
      return got.length > 0 ? got : undefined;
    });
    expect(env.headers).toMatchObject({
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-topic-arn": TopicArn,
      "x-amz-sns-subscription-arn": SubscriptionArn,
      "x-amz-sns-message-id": MessageId,
    });
    expect(env.body).toMatchObject({
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: "FAIL: administrator logins",
      Message: "3 logins ✓ <b>&",
      MessageAttributes: { verdict: { Type: "String", Value: "FAIL" } },
    });
    expect(Date.parse(env.body.Timestamp)).toBeGreaterThan(0);
    const raw = await waitFor(async () => {
      const got = await received("sns-raw");
      return got.length > 0 ? got : undefined;
    });
    expect(raw[0].body).toBe("3 logins ✓ <b>&");
    const log = await emulatorAdmin(
      emulator.url,
      "GET",
      `/_emulator/sns/deliveries?topicArn=${encodeURIComponent(TopicArn!)}`,
    );
    expect(log.deliveries.map((d: { protocol: string; status: string }) => `${d.protocol}:${d.status}`).sort()).toEqual(
      ["email:recorded", "http:succeeded", "http:succeeded"],
    );

    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    expect((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions).toHaveLength(2);
  });

  it("refuses a publish to a missing topic or without a message", async () => {
    const missing = await rejection(
      sns.send(new PublishCommand({ TopicArn: "arn:aws:sns:us-east-1:000000000000:nope", Message: "x" })),
    );
    expect(missing).toBeInstanceOf(NotFoundException);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "empty" }));
    const empty = await rejection(sns.send(new PublishCommand({ TopicArn, Message: "" })));
    expect(empty.name).toBe("InvalidParameterException");
    expect(empty.message).toBe("Invalid parameter: Empty message");
  });
});

describe("SNS topic as a rule target", () => {
  it("publishes the transformed input; a missing topic is a failed invocation", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "from-rule" }));
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${emulator.url}/_emulator/webhooks/sns-rule` }),
    );
    await events.send(new PutRuleCommand({ Name: "to-sns", EventPattern: JSON.stringify({ source: ["test.sns"] }) }));
    await events.send(
      new PutTargetsCommand({
        Rule: "to-sns",
        Targets: [
          { Id: "topic", Arn: TopicArn, InputPath: "$.detail.text" },
          { Id: "gone", Arn: "arn:aws:sns:us-east-1:000000000000:deleted-topic" },
        ],
      }),
    );
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "test.sns", DetailType: "Audit Check Completed", Detail: JSON.stringify({ text: "FAIL" }) },
        ],
      }),
    );
    await emulatorAdmin(emulator.url, "GET", "/_emulator/events/idle");
    const got = await waitFor(async () => {
      const r = await received("sns-rule");
      return r.length > 0 ? r : undefined;
    });
    expect(got[0].body).toMatchObject({ Type: "Notification", TopicArn, Message: '"FAIL"' });
    const deliveries = (await emulatorAdmin(emulator.url, "GET", "/_emulator/events/deliveries?rule=to-sns"))
      .deliveries;
    expect(deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ targetId: "topic", status: "succeeded" }),
        expect.objectContaining({
          targetId: "gone",
          status: "failed",
          error: expect.objectContaining({ code: "NotFound" }),
        }),
      ]),
    );
  });
});
