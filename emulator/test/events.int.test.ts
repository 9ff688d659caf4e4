// EventBridge through the real SDK client against an in-process emulator.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-eventbridge";
import { emulatorAdmin, sdkClients, startTestEmulator, waitFor, type TestEmulator } from "./helpers";

const FIXTURES = path.resolve(__dirname, "../../fixtures/seed");
const ACCOUNT = "000000000000";
const ARN = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:rule/${name}`;
const QUEUE = "arn:aws:sqs:us-east-1:000000000000:audit-queue"; // a target the emulator records only

let emu: TestEmulator;
let eb: EventBridgeClient;

beforeAll(async () => {
  emu = await startTestEmulator();
  eb = sdkClients(emu.url).events;
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emulatorAdmin(emu.url, "POST", "/_emulator/reset");
});

async function rejection(
  p: Promise<unknown>,
): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as never;
  }
  throw new Error("expected the call to fail");
}

type Delivery = { ruleName: string; targetId: string; status: string; input: string; eventId: string };
async function deliveries(rule?: string): Promise<Delivery[]> {
  await emulatorAdmin(emu.url, "POST", "/_emulator/events/idle", {});
  const q = rule ? `?rule=${encodeURIComponent(rule)}` : "";
  return (await emulatorAdmin<{ deliveries: Delivery[] }>(emu.url, "GET", `/_emulator/events/deliveries${q}`))
    .deliveries;
}

describe("PutRule / DescribeRule", () => {
  it("creates a rule, describes it, and upserts with omitted fields reset", async () => {
    const pattern = JSON.stringify({ source: ["aws.ecs"] });
    const put = await eb.send(
      new PutRuleCommand({
        Name: "r1",
        EventPattern: pattern,
        Description: "first",
        RoleArn: "arn:aws:iam::000000000000:role/x",
      }),
    );
    expect(put.RuleArn).toBe(ARN("r1"));
    const d = await eb.send(new DescribeRuleCommand({ Name: "r1" }));
    expect(d).toMatchObject({
      Name: "r1",
      Arn: ARN("r1"),
      EventPattern: pattern,
      State: "ENABLED",
      Description: "first",
      EventBusName: "default",
      CreatedBy: ACCOUNT,
    });
    expect(d.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    await eb.send(new PutRuleCommand({ Name: "r1", ScheduleExpression: "rate(5 minutes)", State: "DISABLED" }));
    const d2 = await eb.send(new DescribeRuleCommand({ Name: "r1", EventBusName: "default" }));
    expect(d2.ScheduleExpression).toBe("rate(5 minutes)");
    expect(d2.State).toBe("DISABLED");
    expect(d2.EventPattern).toBeUndefined();
    expect(d2.Description).toBeUndefined();
    expect(d2.RoleArn).toBeUndefined();
  });

  it("accepts the default bus by ARN and refuses any other bus", async () => {
    await eb.send(
      new PutRuleCommand({
        Name: "r1",
        EventPattern: '{"source":["a"]}',
        EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
      }),
    );
    const err = await rejection(
      eb.send(new PutRuleCommand({ Name: "r2", EventPattern: '{"source":["a"]}', EventBusName: "custom" })),
    );
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe("Event bus custom does not exist.");
  });

  it("answers AWS's exceptions for invalid input", async () => {
    const bad = await rejection(eb.send(new PutRuleCommand({ Name: "bad name!", EventPattern: '{"source":["a"]}' })));
    expect(bad.name).toBe("ValidationException");
    expect(bad.$metadata.httpStatusCode).toBe(400);
    expect(bad.message).toContain("Member must satisfy regular expression pattern");
    expect(
      (await rejection(eb.send(new PutRuleCommand({ Name: "x".repeat(65), EventPattern: '{"source":["a"]}' }))))
        .message,
    ).toContain("length less than or equal to 64");
    const neither = await rejection(eb.send(new PutRuleCommand({ Name: "r" })));
    expect(neither.name).toBe("ValidationException");
    expect(neither.message).toBe("Parameter(s) EventPattern or ScheduleExpression must be specified.");
    const pattern = await rejection(eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":"aws.ecs"}' })));
    expect(pattern.name).toBe("InvalidEventPatternException");
    expect(pattern.message).toMatch(/^Event pattern is not valid. Reason: /);
    expect((await rejection(eb.send(new PutRuleCommand({ Name: "r", EventPattern: "{not json" })))).name).toBe(
      "InvalidEventPatternException",
    );
    const schedule = await rejection(
      eb.send(new PutRuleCommand({ Name: "r", ScheduleExpression: "cron(0 12 * * * *)" })),
    );
    expect(schedule.name).toBe("ValidationException");
    expect(schedule.message).toBe("Parameter ScheduleExpression is not valid.");
    const state = await rejection(
      eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}', State: "ON" as never })),
    );
    expect(state.name).toBe("ValidationException");
    expect(state.message).toContain("enum value set");
    const desc = await rejection(
      eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}', Description: "d".repeat(513) })),
    );
    expect(desc.name).toBe("ValidationException");
  });

  it("refuses the 301st rule with LimitExceededException", async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        eb.send(new PutRuleCommand({ Name: `bulk-${i}`, EventPattern: '{"source":["a"]}' })),
      ),
    );
    const err = await rejection(
      eb.send(new PutRuleCommand({ Name: "one-too-many", EventPattern: '{"source":["a"]}' })),
    );
    expect(err.name).toBe("LimitExceededException");
    // Updating an existing rule is still fine at the limit.
    await eb.send(new PutRuleCommand({ Name: "bulk-0", EventPattern: '{"source":["b"]}' }));
  });

  it("raises the rule quota with --max-rules-per-bus, as a quota increase would", async () => {
    const raised = await startTestEmulator({ options: { "max-rules-per-bus": "2" } });
    try {
      const client = sdkClients(raised.url).events;
      await client.send(new PutRuleCommand({ Name: "q-1", EventPattern: '{"source":["a"]}' }));
      await client.send(new PutRuleCommand({ Name: "q-2", EventPattern: '{"source":["a"]}' }));
      expect(
        (await rejection(client.send(new PutRuleCommand({ Name: "q-3", EventPattern: '{"source":["a"]}' })))).name,
      ).toBe("LimitExceededException");
    } finally {
      await raised.close();
    }
  });

  it("DescribeRule of a missing rule is ResourceNotFoundException", async () => {
    const err = await rejection(eb.send(new DescribeRuleCommand({ Name: "missing" })));
    expect(err.name).toBe("ResourceNotFoundException");
    expect(err.message).toBe("Rule missing does not exist on EventBus default.");
  });
});

describe("ListRules", () => {
  it("filters by NamePrefix and pages with Limit / NextToken in name order", async () => {
    for (const name of ["b-2", "a-1", "b-1", "c-1", "b-3"])
      await eb.send(new PutRuleCommand({ Name: name, EventPattern: '{"source":["a"]}' }));
    const all = await eb.send(new ListRulesCommand({}));
    expect(all.Rules?.map((r) => r.Name)).toEqual(["a-1", "b-1", "b-2", "b-3", "c-1"]);
    expect(all.NextToken).toBeUndefined();
    expect(all.Rules?.[0]).toMatchObject({ Arn: ARN("a-1"), State: "ENABLED", EventBusName: "default" });

    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await eb.send(new ListRulesCommand({ NamePrefix: "b-", Limit: 2, NextToken: token }));
      names.push(...(page.Rules ?? []).map((r) => r.Name!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(names).toEqual(["b-1", "b-2", "b-3"]);
    expect(pages).toBe(2);
  });

  it("refuses a bad token and an out-of-range Limit", async () => {
    expect((await rejection(eb.send(new ListRulesCommand({ NextToken: "garbage" })))).name).toBe("ValidationException");
    expect((await rejection(eb.send(new ListRulesCommand({ Limit: 101 })))).name).toBe("ValidationException");
    expect((await rejection(eb.send(new ListRulesCommand({ Limit: 0 })))).name).toBe("ValidationException");
  });
});

describe("EnableRule / DisableRule / DeleteRule", () => {
  it("toggles the state and refuses missing rules", async () => {
    await eb.send(new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}' }));
    await eb.send(new DisableRuleCommand({ Name: "r1" }));
    expect((await eb.send(new DescribeRuleCommand({ Name: "r1" }))).State).toBe("DISABLED");
    await eb.send(new EnableRuleCommand({ Name: "r1" }));
    expect((await eb.send(new DescribeRuleCommand({ Name: "r1" }))).State).toBe("ENABLED");
    expect((await rejection(eb.send(new EnableRuleCommand({ Name: "nope" })))).name).toBe("ResourceNotFoundException");
    expect((await rejection(eb.send(new DisableRuleCommand({ Name: "nope" })))).name).toBe("ResourceNotFoundException");
  });

  it("refuses to delete a rule with targets, then deletes it; deleting twice succeeds", async () => {
    await eb.send(new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}' }));
    await eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t1", Arn: QUEUE }] }));
    const err = await rejection(eb.send(new DeleteRuleCommand({ Name: "r1" })));
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe("Rule can't be deleted since it has targets.");
    await eb.send(new RemoveTargetsCommand({ Rule: "r1", Ids: ["t1"] }));
    await eb.send(new DeleteRuleCommand({ Name: "r1" }));
    await eb.send(new DeleteRuleCommand({ Name: "r1" }));
    expect((await rejection(eb.send(new DescribeRuleCommand({ Name: "r1" })))).name).toBe("ResourceNotFoundException");
  });
});

describe("PutTargets / ListTargetsByRule / RemoveTargets", () => {
  const SM = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:audit`;
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/events-to-sfn`;

  beforeEach(async () => {
    await eb.send(new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}' }));
  });

  it("adds, replaces in place, lists with paging and removes targets", async () => {
    const put = await eb.send(
      new PutTargetsCommand({
        Rule: "r1",
        Targets: [
          {
            Id: "t1",
            Arn: SM,
            RoleArn: ROLE,
            InputTransformer: { InputPathsMap: { s: "$.source" }, InputTemplate: '{"s": <s>}' },
          },
          { Id: "t2", Arn: QUEUE, Input: '{"a":1}' },
          { Id: "t3", Arn: QUEUE, InputPath: "$.detail" },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    await eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t2", Arn: QUEUE, Input: '{"a":2}' }] }));

    const first = await eb.send(new ListTargetsByRuleCommand({ Rule: "r1", Limit: 2 }));
    expect(first.Targets?.map((t) => t.Id)).toEqual(["t1", "t2"]);
    expect(first.Targets?.[0]).toEqual({
      Id: "t1",
      Arn: SM,
      RoleArn: ROLE,
      InputTransformer: { InputPathsMap: { s: "$.source" }, InputTemplate: '{"s": <s>}' },
    });
    expect(first.Targets?.[1]?.Input).toBe('{"a":2}');
    const second = await eb.send(new ListTargetsByRuleCommand({ Rule: "r1", Limit: 2, NextToken: first.NextToken }));
    expect(second.Targets?.map((t) => t.Id)).toEqual(["t3"]);
    expect(second.NextToken).toBeUndefined();

    const removed = await eb.send(new RemoveTargetsCommand({ Rule: "r1", Ids: ["t1", "ghost"] }));
    expect(removed.FailedEntryCount).toBe(1);
    expect(removed.FailedEntries?.[0]).toMatchObject({ TargetId: "ghost", ErrorCode: "ResourceNotFoundException" });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: "r1" }))).Targets?.map((t) => t.Id)).toEqual([
      "t2",
      "t3",
    ]);
  });

  it("allows at most 5 targets per rule (LimitExceededException, nothing applied)", async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ Id: `t${i}`, Arn: QUEUE }));
    await eb.send(new PutTargetsCommand({ Rule: "r1", Targets: five }));
    const err = await rejection(eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t5", Arn: QUEUE }] })));
    expect(err.name).toBe("LimitExceededException");
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: "r1" }))).Targets).toHaveLength(5);
  });

  it("refuses invalid targets", async () => {
    const both = await rejection(
      eb.send(
        new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t1", Arn: QUEUE, Input: "{}", InputPath: "$.detail" }] }),
      ),
    );
    expect(both.name).toBe("ValidationException");
    expect(both.message).toBe("Only one of Input, InputPath, or InputTransformer must be provided for target t1.");
    const noRole = await rejection(eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t1", Arn: SM }] })));
    expect(noRole.name).toBe("ValidationException");
    expect(noRole.message).toContain("RoleArn is required");
    const badId = await rejection(
      eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "bad id", Arn: QUEUE }] })),
    );
    expect(badId.name).toBe("ValidationException");
    expect(badId.message).toContain("targets.1.member.id");
    const badTemplate = await rejection(
      eb.send(
        new PutTargetsCommand({
          Rule: "r1",
          Targets: [{ Id: "t1", Arn: QUEUE, InputTransformer: { InputTemplate: '{"a": <undefinedVar>}' } }],
        }),
      ),
    );
    expect(badTemplate.message).toBe("InputTemplate for target t1 contains invalid placeholder undefinedVar.");
    const badJson = await rejection(
      eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [{ Id: "t1", Arn: QUEUE, Input: "{nope" }] })),
    );
    expect(badJson.name).toBe("ValidationException");
    const none = await rejection(eb.send(new PutTargetsCommand({ Rule: "r1", Targets: [] })));
    expect(none.name).toBe("ValidationException");

    const badArn = await eb.send(
      new PutTargetsCommand({
        Rule: "r1",
        Targets: [
          { Id: "t1", Arn: "not-an-arn" },
          { Id: "t2", Arn: QUEUE },
        ],
      }),
    );
    expect(badArn.FailedEntryCount).toBe(1);
    expect(badArn.FailedEntries?.[0]).toMatchObject({ TargetId: "t1", ErrorCode: "ValidationException" });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: "r1" }))).Targets?.map((t) => t.Id)).toEqual(["t2"]);
  });

  it("answers ResourceNotFoundException for a missing rule", async () => {
    expect(
      (await rejection(eb.send(new PutTargetsCommand({ Rule: "nope", Targets: [{ Id: "t", Arn: QUEUE }] })))).name,
    ).toBe("ResourceNotFoundException");
    expect((await rejection(eb.send(new ListTargetsByRuleCommand({ Rule: "nope" })))).name).toBe(
      "ResourceNotFoundException",
    );
    expect((await rejection(eb.send(new RemoveTargetsCommand({ Rule: "nope", Ids: ["t"] })))).name).toBe(
      "ResourceNotFoundException",
    );
  });
});

describe("tags", () => {
  it("applies PutRule tags on create only, then tags, lists and untags", async () => {
    await eb.send(
      new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}', Tags: [{ Key: "team", Value: "audit" }] }),
    );
    await eb.send(
      new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}', Tags: [{ Key: "ignored", Value: "x" }] }),
    );
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: ARN("r1") }))).Tags).toEqual([
      { Key: "team", Value: "audit" },
    ]);
    await eb.send(
      new TagResourceCommand({
        ResourceARN: ARN("r1"),
        Tags: [
          { Key: "team", Value: "sec" },
          { Key: "env", Value: "dev" },
        ],
      }),
    );
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: ARN("r1") }))).Tags).toEqual([
      { Key: "team", Value: "sec" },
      { Key: "env", Value: "dev" },
    ]);
    await eb.send(new UntagResourceCommand({ ResourceARN: ARN("r1"), TagKeys: ["team", "absent"] }));
    expect((await eb.send(new ListTagsForResourceCommand({ ResourceARN: ARN("r1") }))).Tags).toEqual([
      { Key: "env", Value: "dev" },
    ]);
  });

  it("refuses missing rules and duplicate keys", async () => {
    expect((await rejection(eb.send(new ListTagsForResourceCommand({ ResourceARN: ARN("nope") })))).name).toBe(
      "ResourceNotFoundException",
    );
    expect(
      (await rejection(eb.send(new TagResourceCommand({ ResourceARN: ARN("nope"), Tags: [{ Key: "a", Value: "b" }] }))))
        .name,
    ).toBe("ResourceNotFoundException");
    expect(
      (await rejection(eb.send(new UntagResourceCommand({ ResourceARN: ARN("nope"), TagKeys: ["a"] })))).name,
    ).toBe("ResourceNotFoundException");
    await eb.send(new PutRuleCommand({ Name: "r1", EventPattern: '{"source":["a"]}' }));
    const dup = await rejection(
      eb.send(
        new TagResourceCommand({
          ResourceARN: ARN("r1"),
          Tags: [
            { Key: "a", Value: "1" },
            { Key: "a", Value: "2" },
          ],
        }),
      ),
    );
    expect(dup.name).toBe("ValidationException");
    expect(dup.message).toBe("Invalid parameter: Duplicated keys are not allowed.");
  });
});

describe("PutEvents and delivery", () => {
  it("answers per-entry results and delivers to matching enabled rules only", async () => {
    await eb.send(
      new PutRuleCommand({
        Name: "ecs",
        EventPattern: JSON.stringify({ source: ["aws.ecs"], detail: { lastStatus: ["STOPPED"] } }),
      }),
    );
    await eb.send(new PutTargetsCommand({ Rule: "ecs", Targets: [{ Id: "q", Arn: QUEUE }] }));
    await eb.send(
      new PutRuleCommand({ Name: "off", State: "DISABLED", EventPattern: JSON.stringify({ source: ["aws.ecs"] }) }),
    );
    await eb.send(new PutTargetsCommand({ Rule: "off", Targets: [{ Id: "q", Arn: QUEUE }] }));
    await eb.send(new PutRuleCommand({ Name: "other", EventPattern: JSON.stringify({ source: ["my.app"] }) }));
    await eb.send(new PutTargetsCommand({ Rule: "other", Targets: [{ Id: "q", Arn: QUEUE }] }));

    const time = new Date("2024-01-02T03:04:05Z");
    const res = await eb.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: "aws.ecs",
            DetailType: "ECS Task State Change",
            Detail: JSON.stringify({ lastStatus: "STOPPED" }),
            Resources: ["arn:x"],
            Time: time,
          },
          { DetailType: "x", Detail: "{}" },
          { Source: "s", DetailType: "x", Detail: "[1,2]" },
          { Source: "aws.ecs", DetailType: "ECS Task State Change", Detail: JSON.stringify({ lastStatus: "RUNNING" }) },
        ],
      }),
    );
    expect(res.FailedEntryCount).toBe(2);
    expect(res.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.Entries?.[1]).toEqual({
      ErrorCode: "InvalidArgument",
      ErrorMessage: "Parameter Source is not valid. Reason: Source is a required argument.",
    });
    expect(res.Entries?.[2]).toEqual({ ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." });
    expect(res.Entries?.[3]?.EventId).toBeDefined();

    const got = await waitFor(async () => {
      const d = await deliveries();
      return d.length >= 1 ? d : undefined;
    });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      ruleName: "ecs",
      targetId: "q",
      status: "recorded",
      eventId: res.Entries?.[0]?.EventId,
    });
    expect(JSON.parse(got[0]!.input)).toEqual({
      version: "0",
      id: res.Entries?.[0]?.EventId,
      "detail-type": "ECS Task State Change",
      source: "aws.ecs",
      account: ACCOUNT,
      time: "2024-01-02T03:04:05Z",
      region: "us-east-1",
      resources: ["arn:x"],
      detail: { lastStatus: "STOPPED" },
    });
  });

  it("applies the target's InputTransformer with the predefined placeholders", async () => {
    await eb.send(new PutRuleCommand({ Name: "ecs", EventPattern: JSON.stringify({ source: ["aws.ecs"] }) }));
    await eb.send(
      new PutTargetsCommand({
        Rule: "ecs",
        Targets: [
          {
            Id: "q",
            Arn: QUEUE,
            InputTransformer: {
              InputPathsMap: { status: "$.detail.lastStatus", code: "$.detail.containers[0].exitCode" },
              InputTemplate:
                '{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "status": <status>, "text": "exit <code>", "event": <aws.events.event.json>}',
            },
          },
        ],
      }),
    );
    const detail = { lastStatus: "STOPPED", containers: [{ exitCode: 0 }] };
    const res = await eb.send(
      new PutEventsCommand({ Entries: [{ Source: "aws.ecs", DetailType: "T", Detail: JSON.stringify(detail) }] }),
    );
    const [d] = await waitFor(async () => ((await deliveries("ecs")).length ? deliveries("ecs") : undefined));
    const input = JSON.parse(d!.input);
    expect(input).toMatchObject({ rule: "ecs", arn: ARN("ecs"), status: "STOPPED", text: "exit 0" });
    expect(input.event).toMatchObject({ id: res.Entries?.[0]?.EventId, source: "aws.ecs", detail });
  });

  it("accepts sources starting with aws. (unlike AWS) and refuses more than 10 entries", async () => {
    const ok = await eb.send(new PutEventsCommand({ Entries: [{ Source: "aws.ecs", DetailType: "x", Detail: "{}" }] }));
    expect(ok.FailedEntryCount).toBe(0);
    const entries = Array.from({ length: 11 }, () => ({ Source: "a", DetailType: "x", Detail: "{}" }));
    const err = await rejection(eb.send(new PutEventsCommand({ Entries: entries })));
    expect(err.name).toBe("ValidationException");
    expect((await rejection(eb.send(new PutEventsCommand({ Entries: [] })))).name).toBe("ValidationException");
    const huge = await rejection(
      eb.send(
        new PutEventsCommand({
          Entries: [{ Source: "a", DetailType: "x", Detail: JSON.stringify({ s: "x".repeat(270_000) }) }],
        }),
      ),
    );
    expect(huge.name).toBe("ValidationException");
  });
});

describe("TestEventPattern", () => {
  const event = {
    id: "1",
    account: "123456789012",
    source: "aws.ecs",
    time: "2024-01-01T00:00:00Z",
    region: "us-east-1",
    resources: [],
    "detail-type": "ECS Task State Change",
    detail: { lastStatus: "STOPPED" },
  };
  it("answers whether a pattern matches", async () => {
    const yes = await eb.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"lastStatus":["STOPPED"]}}',
        Event: JSON.stringify(event),
      }),
    );
    expect(yes.Result).toBe(true);
    const no = await eb.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"lastStatus":["RUNNING"]}}',
        Event: JSON.stringify(event),
      }),
    );
    expect(no.Result).toBe(false);
  });

  it("matches the original rule pattern (placeholders filled) against the original event", async () => {
    const original = fs.readFileSync(path.join(FIXTURES, "seed-ecs-task-state-change.event.json"), "utf8");
    const ev = JSON.parse(original);
    const pattern = JSON.parse(fs.readFileSync(path.join(FIXTURES, "seed-rule-pattern.json"), "utf8"));
    pattern.detail.clusterArn = [ev.detail.clusterArn];
    pattern.detail.overrides.containerOverrides.command = [ev.detail.overrides.containerOverrides[0].command[0]];
    expect(
      (await eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: original }))).Result,
    ).toBe(true);
    pattern.detail.containers.exitCode = [1];
    expect(
      (await eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: original }))).Result,
    ).toBe(false);
  });

  it("refuses an invalid pattern or event", async () => {
    expect(
      (
        await rejection(
          eb.send(new TestEventPatternCommand({ EventPattern: '{"source":"x"}', Event: JSON.stringify(event) })),
        )
      ).name,
    ).toBe("InvalidEventPatternException");
    const { id: _id, ...noId } = event;
    const err = await rejection(
      eb.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify(noId) })),
    );
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe("Parameter Event is not valid.");
    expect(
      (await rejection(eb.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: "{nope" }))))
        .name,
    ).toBe("ValidationException");
  });
});

describe("schedule rules", () => {
  it("fire on their rate when the clock advances, with the scheduled-event shape; disabled rules do not", async () => {
    await eb.send(new PutRuleCommand({ Name: "every-minute", ScheduleExpression: "rate(1 minute)" }));
    await eb.send(new PutTargetsCommand({ Rule: "every-minute", Targets: [{ Id: "q", Arn: QUEUE }] }));
    await eb.send(new PutRuleCommand({ Name: "off", ScheduleExpression: "rate(1 minute)", State: "DISABLED" }));
    await eb.send(new PutTargetsCommand({ Rule: "off", Targets: [{ Id: "q", Arn: QUEUE }] }));
    await eb.send(new PutRuleCommand({ Name: "daily", ScheduleExpression: "cron(0 0 * * ? *)" }));
    await eb.send(new PutTargetsCommand({ Rule: "daily", Targets: [{ Id: "q", Arn: QUEUE }] }));

    const adv = await emulatorAdmin<{ fired: number }>(emu.url, "POST", "/_emulator/events/advance-time", {
      minutes: 3,
    });
    expect(adv.fired).toBeGreaterThanOrEqual(3);
    const got = await deliveries("every-minute");
    expect(got.length).toBeGreaterThanOrEqual(3);
    expect(got.length).toBeLessThanOrEqual(4);
    const ev = JSON.parse(got[0]!.input);
    expect(ev).toMatchObject({
      version: "0",
      source: "aws.events",
      "detail-type": "Scheduled Event",
      resources: [ARN("every-minute")],
      detail: {},
      account: ACCOUNT,
      region: "us-east-1",
    });
    expect(ev.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    const times = got.map((d) => JSON.parse(d.input).time);
    expect(new Set(times).size).toBe(times.length);
    expect(await deliveries("off")).toHaveLength(0);

    // The delivery log keeps the newest 500 records: without this, a day of every-minute fires after midnight would
    // push the daily delivery out whenever the test runs after about 08:20 UTC.
    await eb.send(new DisableRuleCommand({ Name: "every-minute" }));
    await emulatorAdmin(emu.url, "POST", "/_emulator/events/advance-time", { minutes: 24 * 60 });
    const daily = await deliveries("daily");
    expect(daily).toHaveLength(1);
    expect(JSON.parse(daily[0]!.input).time).toMatch(/T00:00:00Z$/);
  });

  it("fire-schedule fires a rule now", async () => {
    await eb.send(new PutRuleCommand({ Name: "weekly", ScheduleExpression: "cron(0 9 ? * 2 *)" }));
    await eb.send(new PutTargetsCommand({ Rule: "weekly", Targets: [{ Id: "q", Arn: QUEUE }] }));
    const fired = await emulatorAdmin<{ event: { source: string } }>(
      emu.url,
      "POST",
      "/_emulator/events/fire-schedule",
      { rule: "weekly" },
    );
    expect(fired.event.source).toBe("aws.events");
    expect(await deliveries("weekly")).toHaveLength(1);
    await expect(emulatorAdmin(emu.url, "POST", "/_emulator/events/fire-schedule", { rule: "nope" })).rejects.toThrow(
      /404|400/,
    );
  });
});

describe("persistence", () => {
  it("keeps rules, targets and tags across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-restart-"));
    try {
      const a = await startTestEmulator({ dataDir: dir });
      const c1 = sdkClients(a.url).events;
      await c1.send(
        new PutRuleCommand({
          Name: "keep",
          EventPattern: '{"source":["a"]}',
          Description: "d",
          Tags: [{ Key: "k", Value: "v" }],
        }),
      );
      await c1.send(new PutTargetsCommand({ Rule: "keep", Targets: [{ Id: "t", Arn: QUEUE, Input: '{"x":1}' }] }));
      await c1.send(new DisableRuleCommand({ Name: "keep" }));
      await a.close();

      const b = await startTestEmulator({ dataDir: dir });
      const c2 = sdkClients(b.url).events;
      expect(await c2.send(new DescribeRuleCommand({ Name: "keep" }))).toMatchObject({
        Description: "d",
        State: "DISABLED",
        EventPattern: '{"source":["a"]}',
      });
      expect((await c2.send(new ListTargetsByRuleCommand({ Rule: "keep" }))).Targets).toEqual([
        { Id: "t", Arn: QUEUE, Input: '{"x":1}' },
      ]);
      expect((await c2.send(new ListTagsForResourceCommand({ ResourceARN: ARN("keep") }))).Tags).toEqual([
        { Key: "k", Value: "v" },
      ]);
      await b.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
