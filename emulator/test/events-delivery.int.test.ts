// PutEvents → rule → Step Functions target, and scheduled rules → Step Functions, through the real SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { emulatorAdmin, sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

const ROLE = "arn:aws:iam::000000000000:role/events-to-sfn";
const PASS = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });

let emu: TestEmulator;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emulatorAdmin(emu.url, "POST", "/_emulator/reset");
});

async function machine(name: string): Promise<string> {
  const out = await clients.sfn.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
  return out.stateMachineArn!;
}

async function executions(stateMachineArn: string) {
  return waitFor(async () => {
    const list = await clients.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    return list.executions?.length ? list.executions : undefined;
  });
}

describe("state machine targets", () => {
  it("a matching event starts an execution whose input is the InputTransformer's output", async () => {
    const sm = await machine("audit-check");
    await clients.events.send(
      new PutRuleCommand({
        Name: "ecs-stopped",
        EventPattern: JSON.stringify({ source: ["aws.ecs"], detail: { lastStatus: ["STOPPED"] } }),
      }),
    );
    await clients.events.send(
      new PutTargetsCommand({
        Rule: "ecs-stopped",
        Targets: [
          {
            Id: "check",
            Arn: sm,
            RoleArn: ROLE,
            InputTransformer: {
              InputPathsMap: { cluster: "$.detail.clusterArn" },
              InputTemplate:
                '{"check":{"id":"c1","slug":"s","generation":1},"trigger":{"kind":"event"},"cluster":<cluster>,"rule":"<aws.events.rule-name>","event":<aws.events.event.json>}',
            },
          },
        ],
      }),
    );
    const detail = { lastStatus: "STOPPED", clusterArn: "arn:aws:ecs:us-east-1:000000000000:cluster/main" };
    const put = await clients.events.send(
      new PutEventsCommand({
        Entries: [{ Source: "aws.ecs", DetailType: "ECS Task State Change", Detail: JSON.stringify(detail) }],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);

    const [exec] = await executions(sm);
    const described = await clients.sfn.send(new DescribeExecutionCommand({ executionArn: exec!.executionArn }));
    const input = JSON.parse(described.input!);
    expect(input).toMatchObject({
      check: { id: "c1", slug: "s", generation: 1 },
      trigger: { kind: "event" },
      cluster: detail.clusterArn,
      rule: "ecs-stopped",
    });
    expect(input.event).toMatchObject({ id: put.Entries?.[0]?.EventId, source: "aws.ecs", detail });

    const { deliveries } = await emulatorAdmin(emu.url, "GET", "/_emulator/events/deliveries?rule=ecs-stopped");
    expect(deliveries[0]).toMatchObject({ status: "succeeded", executionArn: exec!.executionArn });
  });

  it("a schedule rule starts an execution with the scheduled event", async () => {
    const sm = await machine("nightly");
    await clients.events.send(new PutRuleCommand({ Name: "nightly", ScheduleExpression: "cron(0 2 * * ? *)" }));
    await clients.events.send(
      new PutTargetsCommand({ Rule: "nightly", Targets: [{ Id: "sm", Arn: sm, RoleArn: ROLE }] }),
    );
    await emulatorAdmin(emu.url, "POST", "/_emulator/events/fire-schedule", { rule: "nightly" });
    const [exec] = await executions(sm);
    const input = JSON.parse(
      (await clients.sfn.send(new DescribeExecutionCommand({ executionArn: exec!.executionArn }))).input!,
    );
    expect(input).toMatchObject({
      source: "aws.events",
      "detail-type": "Scheduled Event",
      resources: ["arn:aws:events:us-east-1:000000000000:rule/nightly"],
      detail: {},
    });
  });

  it("records a failed delivery (missing state machine) in the log and in health", async () => {
    const missing = "arn:aws:states:us-east-1:000000000000:stateMachine:does-not-exist";
    await clients.events.send(new PutRuleCommand({ Name: "r", EventPattern: JSON.stringify({ source: ["x"] }) }));
    await clients.events.send(
      new PutTargetsCommand({ Rule: "r", Targets: [{ Id: "sm", Arn: missing, RoleArn: ROLE }] }),
    );
    await clients.events.send(new PutEventsCommand({ Entries: [{ Source: "x", DetailType: "t", Detail: "{}" }] }));
    const failed = await waitFor(async () => {
      await emulatorAdmin(emu.url, "POST", "/_emulator/events/idle", {});
      const { deliveries } = await emulatorAdmin(emu.url, "GET", "/_emulator/events/deliveries?status=failed");
      return deliveries.length ? deliveries : undefined;
    });
    expect(failed[0].error.code).toBe("StateMachineDoesNotExist");
    const health = await emulatorAdmin(emu.url, "GET", "/_emulator/health");
    expect(health.services.events.deliveries).toMatchObject({
      failed: 1,
      lastError: { code: "StateMachineDoesNotExist" },
    });
  });
});
