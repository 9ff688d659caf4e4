// Amazon SNS (AWS query protocol, API version 2010-03-31): topics, subscriptions and Publish. HTTP/HTTPS
// subscriptions receive a real POST of SNS's JSON envelope (Type "Notification", MessageId, TopicArn, Subject,
// Message, Timestamp, MessageAttributes, with AWS's x-amz-sns-* headers), retried on failure; they are confirmed at
// once (no SubscriptionConfirmation round trip). Other protocols (email, sms, sqs, lambda, ...) are accepted and their
// deliveries recorded, not sent. GET /_emulator/sns/deliveries shows every delivery.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import { JsonSnapshot } from "../core/persistence";
import { XmlMap } from "../core/query-protocol";
import type { CallContext, Operation, ServiceDefinition, ServiceDeps } from "../core/types";

interface Tag {
  Key: string;
  Value: string;
}
interface StoredSubscription {
  SubscriptionArn: string;
  Protocol: string;
  Endpoint: string;
  Attributes: Record<string, string>;
}
interface StoredTopic {
  TopicArn: string;
  Name: string;
  Attributes: Record<string, string>;
  Tags: Tag[];
  subscriptions: StoredSubscription[];
}
interface Snapshot {
  version: 1;
  topics: StoredTopic[];
}

export interface SnsDelivery {
  at: string;
  messageId: string;
  topicArn: string;
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  status: "succeeded" | "failed" | "recorded" | "pending";
  attempts: number;
  httpStatus?: number;
  error?: string;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const PROTOCOLS = new Set(["http", "https", "email", "email-json", "sms", "sqs", "lambda", "application", "firehose"]);
const MAX_MESSAGE_BYTES = 262_144;
const MAX_DELIVERIES = 500;
const HTTP_TIMEOUT_MS = 15_000;

function invalid(what: string): AwsError {
  return new AwsError("InvalidParameter", `Invalid parameter: ${what}`);
}
function topicNotFound(): AwsError {
  return new AwsError("NotFound", "Topic does not exist", 404);
}
function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** `--sns-retry-delays-ms 100,500`: waits between HTTP delivery attempts ("none": a single attempt). */
function retryDelays(options: Record<string, string> | undefined): number[] {
  const raw = options?.["sns-retry-delays-ms"];
  if (raw === undefined) return [200, 1000, 3000];
  const delays = raw.trim() === "" || raw === "none" ? [] : raw.split(",").map((s) => Number(s.trim()));
  if (delays.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`--sns-retry-delays-ms must be comma-separated milliseconds, got ${JSON.stringify(raw)}`);
  return delays;
}

export function createSnsService(deps: ServiceDeps): ServiceDefinition {
  const snapshot = new JsonSnapshot<Snapshot>(deps.stateDir);
  const topics = new Map<string, StoredTopic>();
  const saved = snapshot.load();
  if (saved?.version === 1) for (const t of saved.topics) topics.set(t.TopicArn, t);
  snapshot.track(() => ({ version: 1, topics: [...topics.values()] }));
  const delays = retryDelays(deps.config.options);
  const log: SnsDelivery[] = [];
  const pending = new Set<Promise<void>>();
  let stopped = false;
  let published = 0;

  function topic(arnValue: unknown): StoredTopic {
    const arn = str(arnValue);
    if (arn === undefined || !/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(arn))
      throw invalid("TopicArn");
    const t = topics.get(arn);
    if (!t) throw topicNotFound();
    return t;
  }

  function topicAttributes(t: StoredTopic, ctx: CallContext): Record<string, string> {
    return {
      TopicArn: t.TopicArn,
      Owner: ctx.accountId,
      DisplayName: "",
      Policy: JSON.stringify({
        Version: "2008-10-17",
        Id: "__default_policy_ID",
        Statement: [
          {
            Sid: "__default_statement_ID",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"],
            Resource: t.TopicArn,
            Condition: { StringEquals: { "AWS:SourceOwner": ctx.accountId } },
          },
        ],
      }),
      SubscriptionsConfirmed: String(t.subscriptions.length),
      SubscriptionsPending: "0",
      SubscriptionsDeleted: "0",
      ...t.Attributes,
    };
  }

  function findSubscription(arn: string): { topic: StoredTopic; sub: StoredSubscription } | undefined {
    for (const t of topics.values()) {
      const sub = t.subscriptions.find((s) => s.SubscriptionArn === arn);
      if (sub) return { topic: t, sub };
    }
    return undefined;
  }

  function record(d: SnsDelivery): SnsDelivery {
    log.push(d);
    if (log.length > MAX_DELIVERIES) log.splice(0, log.length - MAX_DELIVERIES);
    return d;
  }

  async function deliverHttp(d: SnsDelivery, body: string, headers: Record<string, string>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      d.attempts = attempt + 1;
      d.at = new Date().toISOString();
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), HTTP_TIMEOUT_MS);
      let error: string;
      try {
        const res = await fetch(d.endpoint, { method: "POST", headers, body, signal: controller.signal });
        await res.arrayBuffer().catch(() => undefined);
        d.httpStatus = res.status;
        if (res.status >= 200 && res.status < 300) {
          d.status = "succeeded";
          return;
        }
        error = `HTTP ${res.status}`;
      } catch (err) {
        error = controller.signal.aborted ? "Timeout" : `Unreachable: ${(err as Error).message}`;
      } finally {
        clearTimeout(timer);
      }
      // SNS retries every failure of an HTTP/S endpoint under its delivery policy (here: the short local schedule).
      const delay = delays[attempt];
      if (stopped || delay === undefined) {
        d.status = "failed";
        d.error = error;
        console.warn(`[emulator] sns: delivery of ${d.messageId} to ${d.endpoint} failed: ${error}`);
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  function fanOut(
    t: StoredTopic,
    messageId: string,
    message: string,
    subject: string | undefined,
    attributes: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string }>,
    ctx: CallContext,
  ): void {
    const timestamp = new Date().toISOString();
    for (const sub of t.subscriptions) {
      const d = record({
        at: timestamp,
        messageId,
        topicArn: t.TopicArn,
        subscriptionArn: sub.SubscriptionArn,
        protocol: sub.Protocol,
        endpoint: sub.Endpoint,
        status: "pending",
        attempts: 0,
      });
      if (sub.Protocol !== "http" && sub.Protocol !== "https") {
        d.status = "recorded";
        continue;
      }
      const raw = sub.Attributes.RawMessageDelivery === "true";
      const envelope = {
        Type: "Notification",
        MessageId: messageId,
        TopicArn: t.TopicArn,
        ...(subject !== undefined ? { Subject: subject } : {}),
        Message: message,
        Timestamp: timestamp,
        SignatureVersion: "1",
        // Not a real signature: nothing local can verify one against AWS's certificate.
        Signature: Buffer.from(`emulator:${messageId}`).toString("base64"),
        SigningCertURL: `https://sns.${ctx.region}.amazonaws.com/SimpleNotificationService-emulator.pem`,
        UnsubscribeURL: `https://sns.${ctx.region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(sub.SubscriptionArn)}`,
        ...(Object.keys(attributes).length > 0
          ? {
              MessageAttributes: Object.fromEntries(
                Object.entries(attributes).map(([k, a]) => [
                  k,
                  { Type: a.DataType ?? "String", Value: a.StringValue ?? a.BinaryValue ?? "" },
                ]),
              ),
            }
          : {}),
      };
      const headers: Record<string, string> = {
        "content-type": "text/plain; charset=UTF-8",
        "user-agent": "Amazon Simple Notification Service Agent",
        "x-amz-sns-message-type": "Notification",
        "x-amz-sns-message-id": messageId,
        "x-amz-sns-topic-arn": t.TopicArn,
        "x-amz-sns-subscription-arn": sub.SubscriptionArn,
        ...(raw ? { "x-amz-sns-rawdelivery": "true" } : {}),
      };
      const job = deliverHttp(d, raw ? message : JSON.stringify(envelope), headers).finally(() => pending.delete(job));
      pending.add(job);
    }
  }

  const operations: Record<string, Operation> = {
    CreateTopic(input, ctx) {
      const name = str(input.Name);
      const attributes = (input.Attributes ?? {}) as Record<string, string>;
      const fifo = attributes.FifoTopic === "true";
      if (name === undefined || !(fifo ? FIFO_NAME : TOPIC_NAME).test(name)) throw invalid("Topic Name");
      const arn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
      const existing = topics.get(arn);
      const tags = Array.isArray(input.Tags) ? (input.Tags as Tag[]) : [];
      if (existing) {
        // CreateTopic is idempotent for the same name and attributes.
        for (const [k, v] of Object.entries(attributes))
          if (existing.Attributes[k] !== undefined && existing.Attributes[k] !== v)
            throw invalid("Attributes Reason: Topic already exists with different attributes");
        return { TopicArn: arn };
      }
      topics.set(arn, { TopicArn: arn, Name: name, Attributes: { ...attributes }, Tags: tags, subscriptions: [] });
      snapshot.changed();
      return { TopicArn: arn };
    },

    DeleteTopic(input) {
      const arn = str(input.TopicArn);
      if (arn === undefined) throw invalid("TopicArn");
      // Deleting a topic that does not exist is not an error on AWS.
      if (topics.delete(arn)) snapshot.changed();
      return {};
    },

    GetTopicAttributes(input, ctx) {
      return { Attributes: new XmlMap(topicAttributes(topic(input.TopicArn), ctx)) };
    },

    SetTopicAttributes(input) {
      const t = topic(input.TopicArn);
      const name = str(input.AttributeName);
      if (name === undefined) throw invalid("AttributeName");
      const value = str(input.AttributeValue);
      if (value === undefined) delete t.Attributes[name];
      else t.Attributes[name] = value;
      snapshot.changed();
      return {};
    },

    ListTopics(input) {
      const all = [...topics.keys()].sort();
      const start =
        str(input.NextToken) !== undefined ? Number(Buffer.from(str(input.NextToken)!, "base64url").toString()) : 0;
      if (!Number.isInteger(start) || start < 0) throw invalid("NextToken");
      const page = all.slice(start, start + 100);
      const next = start + 100 < all.length ? Buffer.from(String(start + 100)).toString("base64url") : undefined;
      return { Topics: page.map((TopicArn) => ({ TopicArn })), ...(next ? { NextToken: next } : {}) };
    },

    Subscribe(input) {
      const t = topic(input.TopicArn);
      const protocol = str(input.Protocol);
      if (protocol === undefined || !PROTOCOLS.has(protocol))
        throw invalid(`Amazon SNS does not support this protocol string: ${protocol ?? ""}`);
      const endpoint = str(input.Endpoint) ?? "";
      if (protocol === "http" || protocol === "https") {
        let ok = false;
        try {
          ok = new URL(endpoint).protocol === `${protocol}:`;
        } catch {
          ok = false;
        }
        if (!ok) throw invalid(`Endpoint Reason: ${protocol.toUpperCase()} endpoint should start with ${protocol}://`);
      }
      const attributes = (input.Attributes ?? {}) as Record<string, string>;
      const existing = t.subscriptions.find((s) => s.Protocol === protocol && s.Endpoint === endpoint);
      if (existing) return { SubscriptionArn: existing.SubscriptionArn };
      const sub: StoredSubscription = {
        SubscriptionArn: `${t.TopicArn}:${randomUUID()}`,
        Protocol: protocol,
        Endpoint: endpoint,
        Attributes: { ...attributes },
      };
      t.subscriptions.push(sub);
      snapshot.changed();
      return { SubscriptionArn: sub.SubscriptionArn };
    },

    Unsubscribe(input) {
      const arn = str(input.SubscriptionArn);
      if (arn === undefined) throw invalid("SubscriptionArn");
      const found = findSubscription(arn);
      if (!found) throw new AwsError("NotFound", "Subscription does not exist", 404);
      found.topic.subscriptions = found.topic.subscriptions.filter((s) => s !== found.sub);
      snapshot.changed();
      return {};
    },

    ListSubscriptionsByTopic(input, ctx) {
      const t = topic(input.TopicArn);
      return {
        Subscriptions: t.subscriptions.map((s) => ({
          SubscriptionArn: s.SubscriptionArn,
          Owner: ctx.accountId,
          Protocol: s.Protocol,
          Endpoint: s.Endpoint,
          TopicArn: t.TopicArn,
        })),
      };
    },

    GetSubscriptionAttributes(input, ctx) {
      const found = findSubscription(str(input.SubscriptionArn) ?? "");
      if (!found) throw new AwsError("NotFound", "Subscription does not exist", 404);
      const { topic: t, sub } = found;
      return {
        Attributes: new XmlMap({
          SubscriptionArn: sub.SubscriptionArn,
          TopicArn: t.TopicArn,
          Owner: ctx.accountId,
          Protocol: sub.Protocol,
          Endpoint: sub.Endpoint,
          ConfirmationWasAuthenticated: "true",
          PendingConfirmation: "false",
          RawMessageDelivery: "false",
          ...sub.Attributes,
        }),
      };
    },

    Publish(input, ctx) {
      const target = str(input.TopicArn) ?? str(input.TargetArn);
      if (target === undefined) {
        if (str(input.PhoneNumber) !== undefined) return { MessageId: randomUUID() };
        throw invalid("TopicArn or TargetArn Reason: no value for required parameter");
      }
      const t = topic(target);
      const message = str(input.Message);
      if (message === undefined || message.length === 0) throw invalid("Empty message");
      if (Buffer.byteLength(message, "utf8") > MAX_MESSAGE_BYTES) throw invalid("Message too long");
      const subject = str(input.Subject);
      if (subject !== undefined && (subject.length === 0 || subject.length > 100 || /[\r\n]/.test(subject)))
        throw invalid("Subject");
      const attributes = (input.MessageAttributes ?? {}) as Record<string, { DataType?: string; StringValue?: string }>;
      for (const [name, a] of Object.entries(attributes)) {
        if (!a || typeof a.DataType !== "string")
          throw invalid(`The message attribute '${name}' must contain non-empty message attribute type.`);
        if (a.StringValue === undefined && (a as { BinaryValue?: string }).BinaryValue === undefined)
          throw invalid(
            `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${a.DataType}'.`,
          );
      }
      const messageId = randomUUID();
      published++;
      fanOut(t, messageId, message, subject, attributes, ctx);
      return { MessageId: messageId };
    },

    TagResource(input) {
      const t = topic(input.ResourceArn);
      for (const tag of (Array.isArray(input.Tags) ? input.Tags : []) as Tag[]) {
        const existing = t.Tags.find((x) => x.Key === tag.Key);
        if (existing) existing.Value = tag.Value;
        else t.Tags.push({ Key: tag.Key, Value: tag.Value });
      }
      snapshot.changed();
      return {};
    },

    ListTagsForResource(input) {
      return { Tags: topic(input.ResourceArn).Tags.map((x) => ({ ...x })) };
    },
  };

  return {
    name: "sns",
    targetPrefix: "AmazonSimpleNotificationService",
    jsonVersion: "1.0",
    query: { version: "2010-03-31", xmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/" },
    operations,
    async stop() {
      stopped = true;
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await snapshot.flush();
    },
    async reset() {
      topics.clear();
      log.length = 0;
      published = 0;
      snapshot.clear();
    },
    health() {
      return {
        topics: topics.size,
        subscriptions: [...topics.values()].reduce((n, t) => n + t.subscriptions.length, 0),
        published,
      };
    },
    admin: {
      deliveries(input) {
        const topicArn = str(input.topicArn);
        return {
          deliveries: log.filter((d) => topicArn === undefined || d.topicArn === topicArn).map((d) => ({ ...d })),
        };
      },
      async idle() {
        while (pending.size > 0) await Promise.allSettled([...pending]);
        return {};
      },
    },
  };
}
