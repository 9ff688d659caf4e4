// Shared by the notification integration test and `npm run bench:notify`: the story's ECS event, a hand-wired
// notification rule on the emulator (a connection and API destinations to its webhook receiver, as the reconciler's
// notification kinds wire them), and reading what the receiver got.
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import type { AwsClients } from "@/lib/aws/create-clients";
import { DEMO_CLUSTER_NAME, DEMO_ECS_CLUSTER_NAME } from "@/lib/db/demo-checks";
import {
  COMPLETED_EVENT_DETAIL_TYPE,
  COMPLETED_EVENT_SOURCE,
  MESSAGE_INPUT_PATH,
} from "@/lib/notifications/completed-event";
import type { ReconcileConfig } from "./config";

/** The story's ECS event: the log-upload task for prod-aurora-cluster stopped with exit code 0 at `time`. */
export function storyEcsEvent(time: string, accountId = "000000000000", region = "us-east-1") {
  return {
    Source: "aws.ecs",
    DetailType: "ECS Task State Change",
    Time: new Date(time),
    Detail: JSON.stringify({
      clusterArn: `arn:aws:ecs:${region}:${accountId}:cluster/${DEMO_ECS_CLUSTER_NAME}`,
      lastStatus: "STOPPED",
      containers: [{ name: "uploader", exitCode: 0, lastStatus: "STOPPED" }],
      overrides: { containerOverrides: [{ name: "uploader", command: [DEMO_CLUSTER_NAME] }] },
    }),
  };
}

export interface ReceivedRequest {
  receivedAt: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What the emulator's webhook receiver `name` recorded, oldest first. */
export async function receivedRequests(emulatorUrl: string, name: string): Promise<ReceivedRequest[]> {
  const r = await fetch(`${emulatorUrl}/_emulator/webhooks/${name}`);
  return r.ok ? ((await r.json()) as ReceivedRequest[]) : [];
}

/** Waits until receiver `name` has recorded `n` requests (deliveries are asynchronous), then answers them all. */
export async function waitForRequests(
  emulatorUrl: string,
  name: string,
  n: number,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<ReceivedRequest[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const got = await receivedRequests(emulatorUrl, name);
    if (got.length >= n) return got;
    if (Date.now() > deadline) throw new Error(`${name} has ${got.length} requests, expected ${n}`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
  }
}

/**
 * A rule `rule` matching the completed events of `checkIds`, with two API destination targets (one connection with
 * an API key header): the Slack message (InputPath) to receiver `slackReceiver`, the whole event to `eventsReceiver`.
 */
export async function wireCompletedEvents(opts: {
  aws: AwsClients;
  emulatorUrl: string;
  config: ReconcileConfig;
  rule: string;
  checkIds: string[];
  slackReceiver: string;
  eventsReceiver: string;
}): Promise<void> {
  const { aws, emulatorUrl, rule } = opts;
  const conn = await aws.events.send(
    new CreateConnectionCommand({
      Name: `${rule}-conn`,
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-acc-test", ApiKeyValue: "s3cret" } },
    }),
  );
  const destination = async (name: string, receiver: string) =>
    (
      await aws.events.send(
        new CreateApiDestinationCommand({
          Name: name,
          ConnectionArn: conn.ConnectionArn!,
          InvocationEndpoint: `${emulatorUrl}/_emulator/webhooks/${receiver}`,
          HttpMethod: "POST",
          InvocationRateLimitPerSecond: 50,
        }),
      )
    ).ApiDestinationArn!;
  const slack = await destination(`${rule}-slack`, opts.slackReceiver);
  const events = await destination(`${rule}-events`, opts.eventsReceiver);
  await aws.events.send(
    new PutRuleCommand({
      Name: rule,
      EventPattern: JSON.stringify({
        source: [COMPLETED_EVENT_SOURCE],
        "detail-type": [COMPLETED_EVENT_DETAIL_TYPE],
        detail: { check: { id: opts.checkIds } },
      }),
    }),
  );
  await aws.events.send(
    new PutTargetsCommand({
      Rule: rule,
      Targets: [
        { Id: "slack", Arn: slack, RoleArn: opts.config.eventsRoleArn, InputPath: MESSAGE_INPUT_PATH.slack },
        { Id: "events", Arn: events, RoleArn: opts.config.eventsRoleArn },
      ],
    }),
  );
}
