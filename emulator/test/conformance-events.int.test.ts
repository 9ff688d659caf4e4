// EventBridge as an outside tester sees it: a separate emulator process at http://localhost:<port>, the real SDK,
// typical argument combinations and each modeled error, every raw answer checked against the service model.
import { beforeAll, describe, expect, it } from "vitest";
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
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
import { loadModels } from "./model-check";
import { errorOf, conformanceEmulator } from "./outside";

const ACCOUNT = "000000000000";
const REGION = "us-east-1";
const SM = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:conformance-missing`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/events`;

const c = conformanceEmulator();

const pattern = (p: object) => JSON.stringify(p);

describe("PutRule / DescribeRule", () => {
  it("creates, describes with every member, and upserts resetting omitted members", async () => {
    const put = await c.events.send(
      new PutRuleCommand({
        Name: "cf.rule-1",
        EventPattern: pattern({ source: ["aws.ecs"] }),
        Description: "d",
        State: "DISABLED",
        RoleArn: ROLE,
      }),
    );
    expect(put.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/cf.rule-1`);
    const d = await c.events.send(new DescribeRuleCommand({ Name: "cf.rule-1" }));
    expect(d).toMatchObject({
      Name: "cf.rule-1",
      Arn: put.RuleArn,
      EventPattern: pattern({ source: ["aws.ecs"] }),
      State: "DISABLED",
      Description: "d",
      RoleArn: ROLE,
      EventBusName: "default",
      CreatedBy: ACCOUNT,
    });
    await c.events.send(new PutRuleCommand({ Name: "cf.rule-1", ScheduleExpression: "rate(5 minutes)" }));
    const again = await c.events.send(new DescribeRuleCommand({ Name: "cf.rule-1", EventBusName: "default" }));
    expect(again.State).toBe("ENABLED");
    expect(again.ScheduleExpression).toBe("rate(5 minutes)");
    expect(again.EventPattern).toBeUndefined();
    expect(again.Description).toBeUndefined();
  });

  it("accepts the typical schedule expressions", async () => {
    for (const expr of [
      "rate(1 minute)",
      "rate(2 hours)",
      "rate(1 day)",
      "cron(0 12 * * ? *)",
      "cron(15 10 ? * 6L 2030)",
      "cron(0/15 * ? * MON-FRI *)",
      "cron(0 8 1W * ? *)",
      "cron(0 9 ? * 2#1 *)",
    ]) {
      await c.events.send(new PutRuleCommand({ Name: "cf-schedule", ScheduleExpression: expr }));
    }
    for (const expr of [
      "rate(1 minutes)",
      "rate(0 minutes)",
      "rate(5 minute)",
      "cron(* * * * *)",
      "cron(0 12 * * * *)",
      "every 5 minutes",
      "cron(0 12 ? * ? *)",
    ]) {
      const err = await errorOf(c.events.send(new PutRuleCommand({ Name: "cf-schedule", ScheduleExpression: expr })));
      expect(err.name, expr).toBe("ValidationException");
    }
  });

  it("answers ValidationException for bad names, enums and missing pattern/schedule", async () => {
    for (const Name of ["has space", "a".repeat(65), "slash/name", "é", ""]) {
      const err = await errorOf(c.events.send(new PutRuleCommand({ Name, EventPattern: pattern({ source: ["x"] }) })));
      expect(err.name, Name).toBe("ValidationException");
      expect(err.$metadata?.httpStatusCode).toBe(400);
    }
    expect((await errorOf(c.events.send(new PutRuleCommand({ Name: "cf-none" })))).name).toBe("ValidationException");
    expect(
      (await errorOf(c.events.send(new PutRuleCommand({ Name: "cf-x", EventPattern: "{}", State: "ON" as never }))))
        .name,
    ).toBe("ValidationException");
    expect(
      (
        await errorOf(
          c.events.send(
            new PutRuleCommand({ Name: "cf-x", EventPattern: pattern({ a: ["b"] }), Description: "d".repeat(513) }),
          ),
        )
      ).name,
    ).toBe("ValidationException");
  });

  it("answers InvalidEventPatternException for invalid patterns", async () => {
    const bad = [
      "not json",
      pattern({ source: "aws.ecs" }),
      pattern({ source: [] }),
      pattern({ detail: { n: [{ numeric: [">", "x"] }] } }),
      pattern({ detail: { n: [{ unknownOp: 1 }] } }),
      pattern({ detail: { ip: [{ cidr: "999.1.1.1/8" }] } }),
      "[]",
    ];
    for (const p of bad) {
      const err = await errorOf(c.events.send(new PutRuleCommand({ Name: "cf-bad", EventPattern: p })));
      expect(err.name, p).toBe("InvalidEventPatternException");
    }
  });

  it("DescribeRule / EnableRule / DisableRule of a missing rule, and another bus, are ResourceNotFoundException", async () => {
    for (const cmd of [
      new DescribeRuleCommand({ Name: "cf-missing" }),
      new EnableRuleCommand({ Name: "cf-missing" }),
      new DisableRuleCommand({ Name: "cf-missing" }),
    ]) {
      const err = await errorOf(c.events.send(cmd as never));
      expect(err.name).toBe("ResourceNotFoundException");
      expect(err.message).toBe("Rule cf-missing does not exist on EventBus default.");
    }
    for (const cmd of [
      new DescribeRuleCommand({ Name: "x", EventBusName: "custom-bus" }),
      new DeleteRuleCommand({ Name: "x", EventBusName: "custom-bus" }),
      new ListRulesCommand({ EventBusName: "custom-bus" }),
    ]) {
      expect((await errorOf(c.events.send(cmd as never))).name).toBe("ResourceNotFoundException");
    }
  });
});

describe("ListRules", () => {
  it("pages with Limit / NextToken, in name order, filtered by NamePrefix", async () => {
    const names = ["cf-list-e", "cf-list-a", "cf-list-c", "cf-list-b", "cf-list-d"];
    for (const Name of names)
      await c.events.send(new PutRuleCommand({ Name, EventPattern: pattern({ source: ["x"] }) }));
    await c.events.send(new PutRuleCommand({ Name: "cf-other", EventPattern: pattern({ source: ["x"] }) }));
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await c.events.send(new ListRulesCommand({ NamePrefix: "cf-list-", Limit: 2, NextToken }));
      expect(page.Rules!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Rules!.map((r) => r.Name!));
      for (const r of page.Rules!)
        expect(r).toMatchObject({
          Arn: expect.stringMatching(/^arn:aws:events:/),
          State: "ENABLED",
          EventBusName: "default",
        });
      NextToken = page.NextToken;
      pages++;
    } while (NextToken && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].sort());
    const none = await c.events.send(new ListRulesCommand({ NamePrefix: "cf-nothing" }));
    expect(none.Rules).toEqual([]);
    expect(none.NextToken).toBeUndefined();
  });

  it("refuses Limit out of 1..100 and a token that is not one of its own", async () => {
    for (const Limit of [0, 101])
      expect((await errorOf(c.events.send(new ListRulesCommand({ Limit })))).name).toBe("ValidationException");
    expect((await errorOf(c.events.send(new ListRulesCommand({ NextToken: "garbage" })))).name).toBe(
      "ValidationException",
    );
  });
});

describe("targets", () => {
  beforeAll(async () => {
    await c.events.send(new PutRuleCommand({ Name: "cf-targets", EventPattern: pattern({ source: ["cf.targets"] }) }));
  });

  it("PutTargets / ListTargetsByRule (paged) / RemoveTargets with partial failures", async () => {
    const put = await c.events.send(
      new PutTargetsCommand({
        Rule: "cf-targets",
        Targets: [
          { Id: "t1", Arn: SM, RoleArn: ROLE, Input: '{"a":1}' },
          { Id: "t2", Arn: SM, RoleArn: ROLE, InputPath: "$.detail" },
          {
            Id: "t3",
            Arn: SM,
            RoleArn: ROLE,
            InputTransformer: { InputPathsMap: { s: "$.source" }, InputTemplate: '{"s": <s>}' },
          },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    const first = await c.events.send(new ListTargetsByRuleCommand({ Rule: "cf-targets", Limit: 2 }));
    expect(first.Targets!.map((t) => t.Id)).toEqual(["t1", "t2"]);
    expect(first.Targets![0]).toMatchObject({ Id: "t1", Arn: SM, RoleArn: ROLE, Input: '{"a":1}' });
    const second = await c.events.send(
      new ListTargetsByRuleCommand({ Rule: "cf-targets", Limit: 2, NextToken: first.NextToken }),
    );
    expect(second.Targets!.map((t) => t.Id)).toEqual(["t3"]);
    expect(second.Targets![0]!.InputTransformer).toEqual({
      InputPathsMap: { s: "$.source" },
      InputTemplate: '{"s": <s>}',
    });
    expect(second.NextToken).toBeUndefined();

    const removed = await c.events.send(new RemoveTargetsCommand({ Rule: "cf-targets", Ids: ["t1", "nope"] }));
    expect(removed.FailedEntryCount).toBe(1);
    expect(removed.FailedEntries).toEqual([
      expect.objectContaining({ TargetId: "nope", ErrorCode: expect.any(String) }),
    ]);
    await c.events.send(new RemoveTargetsCommand({ Rule: "cf-targets", Ids: ["t2", "t3"] }));
    expect((await c.events.send(new ListTargetsByRuleCommand({ Rule: "cf-targets" }))).Targets).toEqual([]);
  });

  it("more than 5 targets on a rule is LimitExceededException and changes nothing", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: SM, RoleArn: ROLE }));
    const err = await errorOf(c.events.send(new PutTargetsCommand({ Rule: "cf-targets", Targets: six })));
    expect(err.name).toBe("LimitExceededException");
    expect((await c.events.send(new ListTargetsByRuleCommand({ Rule: "cf-targets" }))).Targets).toEqual([]);
    await c.events.send(new PutTargetsCommand({ Rule: "cf-targets", Targets: six.slice(0, 5) }));
    expect((await errorOf(c.events.send(new PutTargetsCommand({ Rule: "cf-targets", Targets: [six[5]!] })))).name).toBe(
      "LimitExceededException",
    );
    await c.events.send(new RemoveTargetsCommand({ Rule: "cf-targets", Ids: six.slice(0, 5).map((t) => t.Id) }));
  });

  it("refuses conflicting inputs, bad ids and a missing rule", async () => {
    const both = await errorOf(
      c.events.send(
        new PutTargetsCommand({
          Rule: "cf-targets",
          Targets: [{ Id: "t", Arn: SM, RoleArn: ROLE, Input: "{}", InputPath: "$.detail" }],
        }),
      ),
    );
    expect(both.name).toBe("ValidationException");
    const badId = await errorOf(
      c.events.send(new PutTargetsCommand({ Rule: "cf-targets", Targets: [{ Id: "bad id", Arn: SM, RoleArn: ROLE }] })),
    );
    expect(badId.name).toBe("ValidationException");
    const badInput = await errorOf(
      c.events.send(
        new PutTargetsCommand({
          Rule: "cf-targets",
          Targets: [{ Id: "t", Arn: SM, RoleArn: ROLE, Input: "{not json" }],
        }),
      ),
    );
    expect(badInput.name).toBe("ValidationException");
    for (const cmd of [
      new PutTargetsCommand({ Rule: "cf-missing", Targets: [{ Id: "t", Arn: SM, RoleArn: ROLE }] }),
      new ListTargetsByRuleCommand({ Rule: "cf-missing" }),
      new RemoveTargetsCommand({ Rule: "cf-missing", Ids: ["t"] }),
    ]) {
      expect((await errorOf(c.events.send(cmd as never))).name).toBe("ResourceNotFoundException");
    }
  });

  it("DeleteRule is refused while targets exist, then succeeds; deleting twice succeeds", async () => {
    await c.events.send(new PutRuleCommand({ Name: "cf-delete", EventPattern: pattern({ source: ["x"] }) }));
    await c.events.send(new PutTargetsCommand({ Rule: "cf-delete", Targets: [{ Id: "t", Arn: SM, RoleArn: ROLE }] }));
    const err = await errorOf(c.events.send(new DeleteRuleCommand({ Name: "cf-delete" })));
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe("Rule can't be deleted since it has targets.");
    await c.events.send(new RemoveTargetsCommand({ Rule: "cf-delete", Ids: ["t"] }));
    await c.events.send(new DeleteRuleCommand({ Name: "cf-delete" }));
    await c.events.send(new DeleteRuleCommand({ Name: "cf-delete" }));
    expect((await errorOf(c.events.send(new DescribeRuleCommand({ Name: "cf-delete" })))).name).toBe(
      "ResourceNotFoundException",
    );
  });

  it("EnableRule / DisableRule flip the state", async () => {
    await c.events.send(new DisableRuleCommand({ Name: "cf-targets" }));
    expect((await c.events.send(new DescribeRuleCommand({ Name: "cf-targets" }))).State).toBe("DISABLED");
    await c.events.send(new EnableRuleCommand({ Name: "cf-targets" }));
    expect((await c.events.send(new DescribeRuleCommand({ Name: "cf-targets" }))).State).toBe("ENABLED");
  });
});

describe("PutEvents", () => {
  it("answers one entry per event, with per-entry errors and 200", async () => {
    const out = await c.events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: "cf.app",
            DetailType: "Thing Happened",
            Detail: '{"a":1}',
            Resources: ["arn:aws:s3:::b"],
            Time: new Date("2024-05-01T00:00:00Z"),
          },
          { Source: "aws.ecs", DetailType: "ECS Task State Change", Detail: '{"lastStatus":"STOPPED"}' },
          { Source: "cf.app", DetailType: "Broken", Detail: "{not json" },
          { DetailType: "No source", Detail: "{}" },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries).toHaveLength(4);
    expect(out.Entries![0]!.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries![1]!.EventId).toBeTruthy();
    expect(out.Entries![2]).toMatchObject({ ErrorCode: "MalformedDetail" });
    expect(out.Entries![3]).toMatchObject({ ErrorCode: "InvalidArgument" });
    expect(out.Entries![3]!.EventId).toBeUndefined();
  });

  it("refuses 0 or more than 10 entries with ValidationException", async () => {
    const entry = { Source: "cf.app", DetailType: "x", Detail: "{}" };
    expect(
      (await errorOf(c.events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })))).name,
    ).toBe("ValidationException");
    expect((await errorOf(c.events.send(new PutEventsCommand({ Entries: [] })))).name).toBe("ValidationException");
  });
});

describe("TestEventPattern", () => {
  const event = {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "EC2 Instance State-change Notification",
    source: "aws.ec2",
    account: "111122223333",
    time: "2017-12-22T18:43:48Z",
    region: "us-west-1",
    resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    detail: {
      "instance-id": "i-1234567890abcdef0",
      state: "terminated",
      "source-ip": "10.0.0.123",
      c: { count: 5, price: 10.5, flag: false, nothing: null },
      tags: ["prod", "web"],
      list: [
        { name: "a", code: 0 },
        { name: "b", code: 1 },
      ],
      Environment: "PRODUCTION",
      filename: "logs/2024/app.log",
      empty: "",
      none: [],
      text5: "5",
      v6: "2001:db8::1",
      deep: [{ a: [{ b: 1 }, { b: 2 }] }],
    },
  };
  // [pattern, expected] in the spirit of the content-filtering examples of the EventBridge user guide.
  const cases: Array<[object, boolean]> = [
    [{ source: ["aws.ec2"] }, true],
    [{ source: ["aws.ec2", "aws.s3"], "detail-type": ["EC2 Instance State-change Notification"] }, true],
    [{ source: ["aws.s3"] }, false],
    [{ detail: { state: ["running"] } }, false],
    [{ detail: { state: [{ prefix: "term" }] } }, true],
    [{ detail: { state: [{ suffix: "ated" }] } }, true],
    [{ detail: { state: [{ "anything-but": "terminated" }] } }, false],
    [{ detail: { state: [{ "anything-but": ["running", "stopped"] }] } }, true],
    [{ detail: { state: [{ "anything-but": { prefix: "term" } }] } }, false],
    [{ detail: { c: { count: [{ numeric: [">", 0, "<=", 5] }] } } }, true],
    [{ detail: { c: { count: [{ numeric: ["<", 5] }] } } }, false],
    [{ detail: { c: { price: [{ numeric: ["=", 10.5] }] } } }, true],
    [{ detail: { c: { count: [5] } } }, true],
    [{ detail: { c: { count: ["5"] } } }, false],
    [{ detail: { c: { flag: [false] } } }, true],
    [{ detail: { c: { nothing: [null] } } }, true],
    [{ detail: { c: { missing: [{ exists: false }] } } }, true],
    [{ detail: { state: [{ exists: true }] } }, true],
    [{ detail: { state: [{ exists: false }] } }, false],
    [{ detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } }, true],
    [{ detail: { "source-ip": [{ cidr: "10.0.1.0/24" }] } }, false],
    [{ detail: { Environment: [{ "equals-ignore-case": "production" }] } }, true],
    [{ detail: { filename: [{ wildcard: "logs/*/app.log" }] } }, true],
    [{ detail: { filename: [{ wildcard: "*.txt" }] } }, false],
    [{ detail: { tags: ["web"] } }, true],
    [{ detail: { tags: ["dev"] } }, false],
    [{ detail: { list: { code: [1] } } }, true],
    [{ detail: { list: { name: ["c"] } } }, false],
    [{ detail: { $or: [{ state: ["running"] }, { c: { count: [5] } }] } }, true],
    [{ detail: { $or: [{ state: ["running"] }, { c: { count: [6] } }] } }, false],
    [{ resources: [{ prefix: "arn:aws:ec2:" }] }, true],
    [{ account: ["111122223333"], region: [{ prefix: "us-" }] }, true],
    // Edge cases of the user guide: exists on an intermediate node, null and "", empty arrays, numbers vs strings.
    [{ detail: { c: [{ exists: false }] } }, true],
    [{ detail: { c: [{ exists: true }] } }, false],
    [{ detail: { c: { nothing: [{ exists: true }] } } }, true],
    [{ detail: { empty: [""] } }, true],
    [{ detail: { none: [{ exists: true }] } }, false],
    [{ detail: { none: [{ exists: false }] } }, true],
    [{ detail: { text5: [{ numeric: [">", 1] }] } }, false],
    [{ detail: { c: { count: [5.0] } } }, true],
    [{ detail: { filename: [{ prefix: { "equals-ignore-case": "LOGS/" } }] } }, true],
    [{ detail: { filename: [{ suffix: { "equals-ignore-case": ".LOG" } }] } }, true],
    [{ detail: { Environment: [{ "anything-but": { "equals-ignore-case": ["production"] } }] } }, false],
    [{ detail: { filename: [{ "anything-but": { wildcard: "*.log" } }] } }, false],
    [{ detail: { filename: [{ "anything-but": { suffix: ".txt" } }] } }, true],
    [{ detail: { c: { count: [{ "anything-but": [1, 2] }] } } }, true],
    [{ detail: { missing: [{ "anything-but": "x" }] } }, false],
    [{ detail: { v6: [{ cidr: "2001:db8::/32" }] } }, true],
    [{ detail: { deep: { a: { b: [2] } } } }, true],
    [{ detail: { c: { price: [{ numeric: [">=", 10, "<", 11] }] }, state: [{ prefix: "t" }] } }, true],
  ];
  it.each(cases.map(([p, expected], i) => [i, JSON.stringify(p), expected] as const))(
    "case %i: %s → %s",
    async (_i, p, expected) => {
      const out = await c.events.send(new TestEventPatternCommand({ EventPattern: p, Event: JSON.stringify(event) }));
      expect(out.Result).toBe(expected);
    },
  );

  it("refuses an invalid pattern (InvalidEventPatternException) or an event missing envelope fields (ValidationException)", async () => {
    expect(
      (
        await errorOf(
          c.events.send(new TestEventPatternCommand({ EventPattern: '{"source":"x"}', Event: JSON.stringify(event) })),
        )
      ).name,
    ).toBe("InvalidEventPatternException");
    // id, account, source, time, region and detail-type are mandatory in the event.
    for (const field of ["id", "account", "source", "time", "region", "detail-type"] as const) {
      const partial: Record<string, unknown> = { ...event };
      delete partial[field];
      const err = await errorOf(
        c.events.send(
          new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify(partial) }),
        ),
      );
      expect(err.name, field).toBe("ValidationException");
    }
  });

  it("answers an event without resources (the API reference calls it required; AWS does not refuse it)", async () => {
    const withoutResources: Record<string, unknown> = { ...event };
    delete withoutResources.resources;
    const ask = (pattern: unknown) =>
      c.events.send(
        new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(withoutResources) }),
      );
    expect((await ask({ source: [event.source] })).Result).toBe(true);
    expect((await ask({ resources: [{ exists: false }] })).Result).toBe(true);
    expect((await ask({ resources: [{ exists: true }] })).Result).toBe(false);
    expect((await ask({ resources: [{ prefix: "arn:" }] })).Result).toBe(false);
  });

  it("refuses a wildcard pattern that is too complex with AWS's message", async () => {
    const err = await errorOf(
      c.events.send(
        new TestEventPatternCommand({
          EventPattern: JSON.stringify({ resources: [{ wildcard: "*:*:*:*:*:event-bus/*" }] }),
          Event: JSON.stringify(event),
        }),
      ),
    );
    expect(err.name).toBe("InvalidEventPatternException");
    expect(err.message).toBe(
      "Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
    );
    const put = await errorOf(
      c.events.send(
        new PutRuleCommand({
          Name: "too-complex",
          EventPattern: JSON.stringify({ detail: { arn: [{ wildcard: "*:*:*:*:*:event-bus/*" }] } }),
        }),
      ),
    );
    expect(put.name).toBe("InvalidEventPatternException");
  });
});

describe("tags", () => {
  it("TagResource / ListTagsForResource / UntagResource, and ResourceNotFoundException for a missing rule", async () => {
    const { RuleArn } = await c.events.send(
      new PutRuleCommand({
        Name: "cf-tags",
        EventPattern: pattern({ source: ["x"] }),
        Tags: [{ Key: "team", Value: "sec" }],
      }),
    );
    await c.events.send(
      new TagResourceCommand({
        ResourceARN: RuleArn,
        Tags: [
          { Key: "env", Value: "prod" },
          { Key: "team", Value: "audit" },
        ],
      }),
    );
    const tags = (await c.events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags!;
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({ team: "audit", env: "prod" });
    await c.events.send(new UntagResourceCommand({ ResourceARN: RuleArn, TagKeys: ["team", "absent"] }));
    expect((await c.events.send(new ListTagsForResourceCommand({ ResourceARN: RuleArn }))).Tags).toEqual([
      { Key: "env", Value: "prod" },
    ]);
    const missing = `arn:aws:events:${REGION}:${ACCOUNT}:rule/cf-no-such-rule`;
    expect((await errorOf(c.events.send(new ListTagsForResourceCommand({ ResourceARN: missing })))).name).toBe(
      "ResourceNotFoundException",
    );
    expect(
      (await errorOf(c.events.send(new TagResourceCommand({ ResourceARN: missing, Tags: [{ Key: "a", Value: "b" }] }))))
        .name,
    ).toBe("ResourceNotFoundException");
  });
});

describe("the model checker itself", () => {
  // The conformance tests rely on it: it must flag what the SDK would silently tolerate.
  const models = loadModels();
  const events = models.get("AWSEvents")!;
  const sfn = models.get("AWSStepFunctions")!;

  it("flags unknown members, nulls, missing required members, wrong types, enums and millisecond timestamps", () => {
    expect(events.checkOutput("DescribeRule", { Name: "r", State: "ENABLED" })).toEqual([]);
    expect(events.checkOutput("DescribeRule", { Name: "r", Bogus: 1 })).toEqual([
      "DescribeRule.Bogus: member not in the schema",
    ]);
    expect(events.checkOutput("PutRule", { RuleArn: null })).toHaveLength(1);
    expect(events.checkOutput("DescribeRule", { State: "ON" })[0]).toMatch(/State: not one of DISABLED\|ENABLED\|/);
    expect(events.checkOutput("PutEvents", { FailedEntryCount: "0" })[0]).toMatch(/expected a number/);
    expect(sfn.checkOutput("StartExecution", { executionArn: "arn", startDate: 1_700_000_000 })).toEqual([]);
    expect(sfn.checkOutput("StartExecution", { executionArn: "arn", startDate: 1_700_000_000_000 })[0]).toMatch(
      /not epoch seconds/,
    );
    expect(sfn.checkOutput("StartExecution", { executionArn: "arn" })).toEqual([
      "StartExecution.startDate: required member missing",
    ]);
  });

  it("derives the shapes from the installed SDK clients: protocols, operations, enums and each operation's errors", () => {
    expect([...models.keys()].sort()).toEqual([
      "AWSEvents",
      "AWSStepFunctions",
      "AmazonAthena",
      "DynamoDB_20120810",
      "GraniteServiceVersion20100801",
    ]);
    expect(models.get("DynamoDB_20120810")!.jsonVersion).toBe("1.0");
    expect(models.get("GraniteServiceVersion20100801")!.has("GetMetricData")).toBe(true);
    expect([events.jsonVersion, sfn.jsonVersion, models.get("AmazonAthena")!.jsonVersion]).toEqual([
      "1.1",
      "1.0",
      "1.1",
    ]);
    expect(
      events.has("PutRule") && sfn.has("StartExecution") && models.get("AmazonAthena")!.has("GetQueryResults"),
    ).toBe(true);
    expect(events.has("NoSuchOperation")).toBe(false);
    expect(
      sfn.checkOutput("DescribeExecution", {
        executionArn: "a",
        stateMachineArn: "s",
        startDate: 1_700_000_000,
        status: "DONE",
      })[0],
    ).toMatch(/not one of ABORTED\|FAILED/);
    expect(sfn.errorsOf("DescribeExecution")).toEqual(expect.arrayContaining(["ExecutionDoesNotExist", "InvalidArn"]));
    expect(events.errorsOf("PutRule")).toEqual(
      expect.arrayContaining(["ResourceNotFoundException", "InvalidEventPatternException"]),
    );
  });

  it("flags error answers without the header, body type or message, or with a code the operation cannot answer", () => {
    const ok = events.checkError(
      "DescribeRule",
      400,
      { "x-amzn-errortype": "ResourceNotFoundException" },
      { __type: "ResourceNotFoundException", message: "m" },
    );
    expect(ok).toEqual([]);
    expect(events.checkError("DescribeRule", 400, {}, {})).toHaveLength(3);
    expect(
      sfn.checkError(
        "DescribeExecution",
        400,
        { "x-amzn-errortype": "InvalidName" },
        { __type: "InvalidName", message: "m" },
      )[0],
    ).toMatch(/not one this operation answers/);
    expect(
      events.checkError(
        "PutRule",
        400,
        { "x-amzn-errortype": "InternalException" },
        { __type: "InternalException", message: "m" },
      )[0],
    ).toMatch(/HTTP 400/);
  });
});
