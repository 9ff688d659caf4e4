import { describe, expect, it } from "vitest";
import { checkSpecSchema } from "@/lib/checks/schema";
import type { CheckSpec } from "@/lib/checks/types";
import { DEMO_CLUSTER_NAME, demoChecks } from "./demo-checks";

const ctx = {
  region: "us-east-1",
  accountId: "000000000000",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
};

/** The form's draft for a spec: what an operator would have typed to create it. */
function draftOf(spec: CheckSpec) {
  return {
    ...spec,
    findingKeys: spec.findingKeys.join(", "),
    trigger:
      spec.trigger.kind === "eventPattern"
        ? { kind: "eventPattern" as const, patternText: JSON.stringify(spec.trigger.pattern, null, 2) }
        : spec.trigger,
  };
}

describe("demo checks", () => {
  const checks = demoChecks(ctx);

  it("are the story's check plus two schedule checks, with distinct names and slugs", () => {
    expect(checks.map((c) => c.name)).toEqual([
      "Aurora administrator logins",
      "Failed logins per hour",
      "DDL statements per day",
    ]);
    expect(new Set(checks.map((c) => c.slug)).size).toBe(3);
    expect(checks.map((c) => c.trigger.kind)).toEqual(["eventPattern", "schedule", "schedule"]);
  });

  it("pass the same validation the check form applies", () => {
    for (const spec of checks) {
      const parsed = checkSpecSchema().safeParse(draftOf(spec));
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    }
  });

  it("matches the log-upload task stopping cleanly with the cluster name as its command", () => {
    const aurora = checks[0]!;
    expect(aurora.trigger).toEqual({
      kind: "eventPattern",
      pattern: {
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: {
          clusterArn: ["arn:aws:ecs:us-east-1:000000000000:cluster/audit-log-shipper"],
          lastStatus: ["STOPPED"],
          containers: { exitCode: [0] },
          overrides: { containerOverrides: { command: [DEMO_CLUSTER_NAME] } },
        },
      },
    });
    expect(aurora.parameters).toEqual([
      { kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" },
      { kind: "eventPath", path: "$.time" },
    ]);
    expect(aurora.expectation).toEqual({ kind: "firstValue", op: "eq", value: 0 });
  });

  it("puts the account and region into the cluster ARN", () => {
    const pattern = demoChecks({ ...ctx, region: "eu-west-1", accountId: "123456789012" })[0]!.trigger;
    expect(JSON.stringify(pattern)).toContain("arn:aws:ecs:eu-west-1:123456789012:cluster/audit-log-shipper");
  });

  it("never splices event values into the SQL: one ? per parameter", () => {
    for (const spec of checks) {
      expect(spec.sql.replace(/--.*$/gm, "").split("?").length - 1).toBe(spec.parameters.length);
    }
  });
});
