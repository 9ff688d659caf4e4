import { describe, expect, it } from "vitest";
import { ecsFieldErrors, ecsPatternText } from "./ecs-builder";
import { recognizeEcsStoppedPattern } from "./ecs-pattern";
import { parseEventPattern } from "./event-pattern";

const ARN = "arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper";

describe("ecsFieldErrors", () => {
  it("accepts a full builder", () => {
    expect(ecsFieldErrors({ clusterArn: ARN, command: "prod", exitCode: "0" })).toEqual({});
    expect(ecsFieldErrors({ clusterArn: ` ${ARN} `, command: "", exitCode: "" })).toEqual({});
    expect(ecsFieldErrors({ clusterArn: ARN, command: "", exitCode: "-1" })).toEqual({});
  });

  it("names the field with the problem", () => {
    expect(Object.keys(ecsFieldErrors({ clusterArn: "", command: "", exitCode: "0" }))).toEqual(["clusterArn"]);
    expect(ecsFieldErrors({ clusterArn: ARN, command: "", exitCode: "zero" }).exitCode?.[0]).toMatch(/whole number/);
    expect(ecsFieldErrors({ clusterArn: ARN, command: "", exitCode: "1.5" }).exitCode).toBeDefined();
  });
});

describe("ecsPatternText", () => {
  it("is a valid pattern the form can recognise again", () => {
    const text = ecsPatternText({ clusterArn: ARN, command: " prod-aurora-cluster ", exitCode: " 0 " });
    const parsed = parseEventPattern(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(recognizeEcsStoppedPattern(parsed.pattern)).toEqual({
        clusterArn: ARN,
        command: "prod-aurora-cluster",
        exitCode: 0,
      });
  });

  it("leaves out empty or unreadable fields instead of matching on them", () => {
    const text = ecsPatternText({ clusterArn: ARN, command: "", exitCode: "x" });
    expect(text).not.toContain("exitCode");
    expect(text).not.toContain("command");
  });
});
