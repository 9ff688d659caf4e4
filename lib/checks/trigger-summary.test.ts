import { describe, expect, it } from "vitest";
import { buildEcsStoppedPattern } from "./ecs-pattern";
import { describeEventPattern, describeTrigger, indefiniteArticle } from "./trigger-summary";

const ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper";

describe("describeTrigger", () => {
  it("reads an ECS-stopped pattern like the seed workflow", () => {
    const pattern = buildEcsStoppedPattern({ clusterArn: ARN, command: "prod-aurora-cluster", exitCode: 0 });
    expect(describeTrigger({ kind: "eventPattern", pattern })).toBe(
      "When an ECS task in cluster audit-log-shipper with command prod-aurora-cluster stops with exit code 0",
    );
  });

  it("omits what the ECS pattern does not constrain", () => {
    expect(describeEventPattern(buildEcsStoppedPattern({ clusterArn: ARN, command: null, exitCode: null }))).toBe(
      "When an ECS task in cluster audit-log-shipper stops",
    );
    expect(describeEventPattern(buildEcsStoppedPattern({ clusterArn: ARN, command: null, exitCode: 137 }))).toBe(
      "When an ECS task in cluster audit-log-shipper stops with exit code 137",
    );
  });

  it("describes schedules in plain language", () => {
    expect(describeTrigger({ kind: "schedule", expression: "cron(0 12 * * ? *)" })).toBe("Every day at 12:00 UTC");
    expect(describeTrigger({ kind: "schedule", expression: "rate(1 hour)" })).toBe("Every hour");
  });

  it.each<[Record<string, unknown>, string]>([
    [{ source: ["aws.s3"] }, "When an event from aws.s3 arrives"],
    [
      { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
      "When an “EC2 Instance State-change Notification” event from aws.ec2 arrives",
    ],
    [
      {
        source: ["aws.ec2"],
        "detail-type": ["EC2 Instance State-change Notification"],
        detail: { state: ["stopped", "terminated"] },
      },
      "When an “EC2 Instance State-change Notification” event from aws.ec2 arrives where detail.state is one of stopped, terminated",
    ],
    [{ detail: { user: [{ prefix: "admin" }] } }, "When an event arrives where detail.user starts with admin"],
    [{ detail: { f: [{ suffix: ".csv" }] } }, "When an event arrives where detail.f ends with .csv"],
    [{ detail: { s: [{ "anything-but": ["a", "b"] }] } }, "When an event arrives where detail.s is not a or b"],
    [{ detail: { n: [{ numeric: [">", 0, "<=", 5] }] } }, "When an event arrives where detail.n is > 0 and ≤ 5"],
    [{ detail: { c: [{ exists: false }] } }, "When an event arrives where detail.c is absent"],
    [
      { detail: { m: [{ "anything-but": { suffix: "test" } }] } },
      "When an event arrives where detail.m does not end with test",
    ],
    [
      { detail: { m: [{ "anything-but": { prefix: "init" } }] } },
      "When an event arrives where detail.m does not start with init",
    ],
    [
      { detail: { m: [{ "anything-but": { wildcard: ["*/tmp/*", "*/lib/*"] } }] } },
      "When an event arrives where detail.m does not match */tmp/* or */lib/*",
    ],
    [
      { detail: { m: [{ "anything-but": { "equals-ignore-case": "x" } }] } },
      "When an event arrives where detail.m is not x (any case)",
    ],
    [{ detail: { n: [{ numeric: [">=", 10] }] } }, "When an event arrives where detail.n is ≥ 10"],
    [{ detail: { ip: [{ cidr: "10.0.0.0/8" }] } }, "When an event arrives where detail.ip is in 10.0.0.0/8"],
    [{ detail: { t: [{ "equals-ignore-case": "Stop" }] } }, "When an event arrives where detail.t is Stop (any case)"],
    [{ detail: { p: [{ wildcard: "logs/*.gz" }] } }, "When an event arrives where detail.p matches logs/*.gz"],
    [
      { source: ["x"], $or: [{ a: [1] }, { b: [2] }] },
      "When an event from x arrives where one of 2 alternatives holds",
    ],
    [
      { a: [1], b: [2], c: [3], d: [4], e: [5] },
      "When an event arrives where a is 1; b is 2; c is 3 (and 2 more conditions)",
    ],
    [{ a: [1], b: [2], c: [3], d: [4] }, "When an event arrives where a is 1; b is 2; c is 3 (and 1 more condition)"],
  ])("summarises %j", (pattern, words) => {
    expect(describeEventPattern(pattern)).toBe(words);
  });
});

describe("indefiniteArticle", () => {
  it.each([
    ["EC2 Instance State-change Notification", "an"],
    ["ECS Task State Change", "an"],
    ["S3 Object Created", "an"],
    ["AWS API Call via CloudTrail", "an"],
    ["KMS Key Rotation", "a"],
    ["Object Created", "an"],
    ["Scheduled Event", "a"],
    ["CodeBuild Build State Change", "a"],
  ])("%s takes “%s”", (phrase, article) => {
    expect(indefiniteArticle(phrase)).toBe(article);
  });
});
