// CloudWatch GetMetricData through the real SDK client: the AWS/Events invocation metrics that the emulator's own
// rule deliveries recorded, per rule, as the console's delivery health reads them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  type EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { emulatorAdmin, sdkClients, startTestEmulator, type TestEmulator } from "./helpers";

let emulator: TestEmulator;
let events: EventBridgeClient;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ options: { "events-retry-delays-ms": "none" } });
  ({ events, cloudwatch } = sdkClients(emulator.url));
});
afterAll(async () => {
  await emulator?.close();
});

async function ruleTo(receiver: string): Promise<void> {
  const { ConnectionArn } = await events.send(
    new CreateConnectionCommand({
      Name: `c-${receiver}`,
      AuthorizationType: "API_KEY",
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "x-key", ApiKeyValue: "v" } },
    }),
  );
  const { ApiDestinationArn } = await events.send(
    new CreateApiDestinationCommand({
      Name: `d-${receiver}`,
      ConnectionArn,
      InvocationEndpoint: `${emulator.url}/_emulator/webhooks/${receiver}`,
      HttpMethod: "POST",
    }),
  );
  await events.send(
    new PutRuleCommand({ Name: `notify-${receiver}`, EventPattern: JSON.stringify({ source: [receiver] }) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: `notify-${receiver}`,
      Targets: [{ Id: "hook", Arn: ApiDestinationArn, RoleArn: "arn:aws:iam::000000000000:role/r" }],
    }),
  );
}

const query = (id: string, metricName: string, rule: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: "AWS/Events", MetricName: metricName, Dimensions: [{ Name: "RuleName", Value: rule }] },
    Period: 3600,
    Stat: "Sum",
  },
});

describe("GetMetricData for AWS/Events", () => {
  it("sums Invocations and FailedInvocations per rule", async () => {
    await ruleTo("cw-ok");
    await ruleTo("cw-fail");
    await fetch(`${emulator.url}/_emulator/webhooks/cw-fail/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: 500 }),
    });
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: "cw-ok", DetailType: "t", Detail: "{}" },
          { Source: "cw-ok", DetailType: "t", Detail: "{}" },
          { Source: "cw-fail", DetailType: "t", Detail: "{}" },
        ],
      }),
    );
    await emulatorAdmin(emulator.url, "GET", "/_emulator/events/idle");

    const now = Date.now();
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 24 * 3600 * 1000),
        EndTime: new Date(now + 60_000),
        MetricDataQueries: [
          query("okInv", "Invocations", "notify-cw-ok"),
          query("okFail", "FailedInvocations", "notify-cw-ok"),
          query("failInv", "Invocations", "notify-cw-fail"),
          query("failFail", "FailedInvocations", "notify-cw-fail"),
        ],
      }),
    );
    const byId = Object.fromEntries(
      (out.MetricDataResults ?? []).map((r) => [r.Id, r.Values!.reduce((a, b) => a + b, 0)]),
    );
    expect(byId).toEqual({ okInv: 2, okFail: 0, failInv: 1, failFail: 1 });
    const inv = out.MetricDataResults!.find((r) => r.Id === "okInv")!;
    expect(inv).toMatchObject({ Label: "Invocations", StatusCode: "Complete" });
    expect(inv.Timestamps![0]).toBeInstanceOf(Date);
    expect(inv.Timestamps![0]!.getTime()).toBeLessThanOrEqual(now);
  });

  it("answers CloudWatch's errors", async () => {
    const now = Date.now();
    let err: Error | undefined;
    try {
      await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(now - 3600_000),
          EndTime: new Date(now),
          MetricDataQueries: [
            {
              ...query("a", "Invocations", "r"),
              MetricStat: { ...query("a", "Invocations", "r").MetricStat!, Period: 61 },
            },
          ],
        }),
      );
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe("InvalidParameterValueException");
    expect(err?.message).toBe("The parameter MetricDataQueries.member.1.MetricStat.Period must be a multiple of 60.");
    expect((err as unknown as { Code?: string }).Code).toBe("InvalidParameterValue");
  });
});
