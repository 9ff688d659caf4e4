// deploy/cloudformation.json is generated (npm run deploy:template) and its IAM policies are `npm run iam`'s:
// resolved for concrete stack parameters, each role's policy and trust equal buildIamPolicies for the same values.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  EVENTS_ROLE_NAME,
  buildCloudFormationTemplate,
  cloudFormationText,
  iamInputFor,
} from "@/lib/deploy/cloudformation";
import { buildIamPolicies } from "@/lib/reconcile/iam-policies";

const VALUES = {
  partition: "aws",
  region: "eu-west-1",
  account: "123456789012",
  stateMachineName: "audit-checks-runner",
  rulePrefix: "audit-check-",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "audits",
  bucket: "acme-athena-results",
  prefix: "audit-checks",
  verdictTableName: "audit-checks-verdicts",
};
const PARAMS: Record<string, string> = {
  "AWS::Partition": VALUES.partition,
  "AWS::Region": VALUES.region,
  "AWS::AccountId": VALUES.account,
  StateMachineName: VALUES.stateMachineName,
  RulePrefix: VALUES.rulePrefix,
  Catalog: VALUES.catalog,
  Database: VALUES.database,
  Workgroup: VALUES.workgroup,
  ResultsBucket: VALUES.bucket,
  ResultsPrefix: VALUES.prefix,
  VerdictTableName: VALUES.verdictTableName,
};

/** What CloudFormation makes of Fn::Sub with these parameters (the only intrinsic the policies use). */
function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === "object") {
    const sub = (value as Record<string, unknown>)["Fn::Sub"];
    if (typeof sub === "string") {
      return sub.replace(/\$\{([\w:]+)\}/g, (_, name: string) => {
        if (!(name in PARAMS)) throw new Error(`unknown reference ${name}`);
        return PARAMS[name]!;
      });
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return value;
}

type Role = {
  Properties: { RoleName: unknown; AssumeRolePolicyDocument: unknown; Policies: Array<{ PolicyDocument: unknown }> };
};

describe("deploy/cloudformation.json", () => {
  it("is what npm run deploy:template generates now", () => {
    expect(readFileSync(path.join(__dirname, "cloudformation.json"), "utf8")).toBe(cloudFormationText());
  });

  it("grants exactly npm run iam's policies and trust for the stack's parameters", () => {
    const resources = buildCloudFormationTemplate().Resources as unknown as Record<string, Role>;
    const expected = buildIamPolicies(iamInputFor(VALUES));
    const events = resources.EventsRole!.Properties;
    const sm = resources.StateMachineRole!.Properties;
    const consoleRole = resources.ConsoleTaskRole!.Properties;
    expect(resolve(events.Policies[0]!.PolicyDocument)).toEqual(expected.eventsRole.policy);
    expect(resolve(events.AssumeRolePolicyDocument)).toEqual(expected.eventsRole.trust);
    expect(resolve(sm.Policies[0]!.PolicyDocument)).toEqual(expected.stateMachineRole.policy);
    expect(resolve(sm.AssumeRolePolicyDocument)).toEqual(expected.stateMachineRole.trust);
    expect(resolve(consoleRole.Policies[0]!.PolicyDocument)).toEqual(expected.console.policy);
    // The roles are the ones the policies name (PassRole, the trust conditions).
    expect(`arn:aws:iam::${VALUES.account}:role/${resolve(sm.RoleName)}`).toBe(expected.stateMachineRole.roleArn);
    expect(`arn:aws:iam::${VALUES.account}:role/${EVENTS_ROLE_NAME}`).toBe(expected.eventsRole.roleArn);
    // Least privilege: no wildcard action, and "*" resources only where AWS has no resource-level permission.
    const statements = [expected.eventsRole.policy, expected.stateMachineRole.policy, expected.console.policy].flatMap(
      (d) => d.Statement,
    );
    for (const s of statements)
      expect(
        s.Action.some((a) => a.includes("*")),
        s.Sid,
      ).toBe(false);
  });

  it("creates the service only on request, behind an ALB that signs in with OIDC and probes /readyz", () => {
    const t = buildCloudFormationTemplate() as unknown as {
      Resources: Record<string, { Condition?: string; Properties: Record<string, unknown> }>;
    };
    const conditional = Object.entries(t.Resources)
      .filter(([, r]) => r.Condition === "CreateService")
      .map(([k]) => k);
    expect(conditional).toEqual(expect.arrayContaining(["Service", "LoadBalancer", "HttpsListener", "TaskDefinition"]));
    expect(t.Resources.EventsRole!.Condition).toBeUndefined();
    const actions = t.Resources.HttpsListener!.Properties.DefaultActions as Array<{ Type: string }>;
    expect(actions.map((a) => a.Type)).toEqual(["authenticate-oidc", "forward"]);
    expect(t.Resources.TargetGroup!.Properties.HealthCheckPath).toBe("/readyz");
  });
});
