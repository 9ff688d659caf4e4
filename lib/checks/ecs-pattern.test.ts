import { describe, expect, it } from "vitest";
import {
  buildEcsStoppedPattern,
  clusterArnError,
  clusterNameFromArn,
  recognizeEcsStoppedPattern,
  type EcsStoppedSpec,
} from "./ecs-pattern";
import { patternGrammarProblems } from "./event-pattern";

const ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper";

describe("buildEcsStoppedPattern", () => {
  it("produces the seed rule's shape", () => {
    expect(buildEcsStoppedPattern({ clusterArn: ARN, command: "prod-aurora-cluster", exitCode: 0 })).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: {
        clusterArn: [ARN],
        lastStatus: ["STOPPED"],
        containers: { exitCode: [0] },
        overrides: { containerOverrides: { command: ["prod-aurora-cluster"] } },
      },
    });
  });

  it("leaves out what the operator left empty", () => {
    const p = buildEcsStoppedPattern({ clusterArn: ARN, command: null, exitCode: null });
    expect(p).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: { clusterArn: [ARN], lastStatus: ["STOPPED"] },
    });
    expect(buildEcsStoppedPattern({ clusterArn: ARN, command: "", exitCode: 1 }).detail).not.toHaveProperty(
      "overrides",
    );
  });

  it("always follows the pattern grammar", () => {
    for (const spec of [
      { clusterArn: ARN, command: "x", exitCode: 0 },
      { clusterArn: ARN, command: null, exitCode: 137 },
      { clusterArn: ARN, command: "クラスター", exitCode: null },
    ]) {
      expect(patternGrammarProblems(buildEcsStoppedPattern(spec))).toEqual([]);
    }
  });
});

describe("recognizeEcsStoppedPattern", () => {
  it.each<EcsStoppedSpec>([
    { clusterArn: ARN, command: "prod-aurora-cluster", exitCode: 0 },
    { clusterArn: ARN, command: null, exitCode: 1 },
    { clusterArn: ARN, command: "c", exitCode: null },
    { clusterArn: ARN, command: null, exitCode: null },
  ])("round-trips %j", (spec) => {
    expect(recognizeEcsStoppedPattern(buildEcsStoppedPattern(spec))).toEqual(spec);
  });

  it("recognises the seed pattern regardless of key order", () => {
    const seed = {
      detail: {
        overrides: { containerOverrides: { command: ["Aurora クラスター名"] } },
        lastStatus: ["STOPPED"],
        containers: { exitCode: [0] },
        clusterArn: ["ECSクラスター ARN"],
      },
      "detail-type": ["ECS Task State Change"],
      source: ["aws.ecs"],
    };
    expect(recognizeEcsStoppedPattern(seed)).toEqual({
      clusterArn: "ECSクラスター ARN",
      command: "Aurora クラスター名",
      exitCode: 0,
    });
  });

  it.each<[string, unknown]>([
    [
      "other source",
      {
        source: ["aws.ec2"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [ARN], lastStatus: ["STOPPED"] },
      },
    ],
    [
      "RUNNING",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [ARN], lastStatus: ["RUNNING"] },
      },
    ],
    [
      "two clusters",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [ARN, ARN], lastStatus: ["STOPPED"] },
      },
    ],
    [
      "prefix operator",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [{ prefix: "arn" }], lastStatus: ["STOPPED"] },
      },
    ],
    [
      "extra field",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [ARN], lastStatus: ["STOPPED"], group: ["x"] },
      },
    ],
    [
      "extra top-level",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        account: ["1"],
        detail: { clusterArn: [ARN], lastStatus: ["STOPPED"] },
      },
    ],
    [
      "string exit code",
      {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: { clusterArn: [ARN], lastStatus: ["STOPPED"], containers: { exitCode: ["0"] } },
      },
    ],
    ["not an object", "x"],
    ["null", null],
  ])("does not recognise %s", (_l, pattern) => {
    expect(recognizeEcsStoppedPattern(pattern)).toBeNull();
  });
});

describe("cluster ARNs", () => {
  it("checks the ARN shape", () => {
    expect(clusterArnError(ARN)).toBeNull();
    expect(clusterArnError("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/x")).toBeNull();
    expect(clusterArnError("")).toMatch(/Enter the ECS cluster ARN/);
    expect(clusterArnError("audit-log-shipper")).toMatch(/not an ECS cluster ARN/);
    expect(clusterArnError("arn:aws:ecs:us-east-1:123:cluster/x")).toMatch(/not an ECS cluster ARN/);
  });

  it("takes the cluster name from the ARN", () => {
    expect(clusterNameFromArn(ARN)).toBe("audit-log-shipper");
    expect(clusterNameFromArn("just-a-name")).toBe("just-a-name");
  });
});
