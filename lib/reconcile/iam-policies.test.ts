import { describe, expect, it } from "vitest";
import { buildIamPolicies } from "./iam-policies";
import { testConfig } from "./test-fixtures";

const defaults = {
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/athena/",
};

describe("buildIamPolicies", () => {
  const policies = buildIamPolicies({
    config: testConfig,
    defaults,
    checks: [
      {
        sql: "SELECT count(*) FROM aurora_audit_log WHERE username = ?",
        catalog: "AwsDataCatalog",
        database: "auditlogs",
        workgroup: "primary",
        outputLocation: "s3://audit-checks-results/athena/",
      },
      {
        sql: "SELECT * FROM security.logins l JOIN auditlogs.aurora_audit_log a ON l.id = a.connectionid",
        catalog: "AwsDataCatalog",
        database: "auditlogs",
        workgroup: "audits",
        outputLocation: "s3://other-results/x",
      },
    ],
    tableLocations: new Map([["auditlogs.aurora_audit_log", "s3://audit-logs-bucket/aurora/"]]),
  });
  const sm = policies.stateMachineRole.policy.Statement;
  const bySid = (sid: string) => sm.find((s) => s.Sid === sid)!;

  it("lets the events role start exactly the one state machine", () => {
    expect(policies.eventsRole.policy.Statement).toEqual([
      {
        Sid: "StartTheRunner",
        Effect: "Allow",
        Action: ["states:StartExecution"],
        Resource: ["arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner"],
      },
    ]);
    expect(policies.eventsRole.trust.Statement[0]!.Principal).toEqual({ Service: "events.amazonaws.com" });
  });

  it("limits Athena to the workgroups in use and Glue to read-only on the tables the SQL names", () => {
    expect(bySid("RunQueries").Resource).toEqual([
      "arn:aws:athena:us-east-1:000000000000:workgroup/audits",
      "arn:aws:athena:us-east-1:000000000000:workgroup/primary",
    ]);
    const glue = bySid("ReadTableDefinitions");
    expect(glue.Action.every((a) => /^glue:(Get|BatchGet)/.test(a))).toBe(true);
    expect(glue.Resource).toEqual([
      "arn:aws:glue:us-east-1:000000000000:catalog",
      "arn:aws:glue:us-east-1:000000000000:database/auditlogs",
      "arn:aws:glue:us-east-1:000000000000:database/security",
      "arn:aws:glue:us-east-1:000000000000:table/auditlogs/aurora_audit_log",
      "arn:aws:glue:us-east-1:000000000000:table/security/logins",
    ]);
  });

  it("reads table data only where the location is known, writes only the result locations, never creates buckets", () => {
    expect(bySid("ReadTableDataObjects")).toMatchObject({
      Action: ["s3:GetObject"],
      Resource: ["arn:aws:s3:::audit-logs-bucket/aurora/*"],
    });
    expect(policies.notes.some((n) => n.includes("security.logins"))).toBe(true);
    expect(bySid("WriteQueryResultsObjects").Resource).toEqual([
      "arn:aws:s3:::audit-checks-results/athena/*",
      "arn:aws:s3:::other-results/x/*",
    ]);
    const all = sm.flatMap((s) => s.Action);
    expect(all).not.toContain("s3:CreateBucket");
    expect(all.some((a) => /glue:(Create|Update|Delete)/.test(a))).toBe(false);
    expect(sm.flatMap((s) => s.Resource).some((r) => r === "*" || r === "arn:aws:s3:::*")).toBe(false);
    expect(bySid("PublishCompletedEvents").Resource).toEqual([
      "arn:aws:events:us-east-1:000000000000:event-bus/default",
    ]);
  });

  it("lets the state machine write verdicts with exactly UpdateItem on the verdict table, the console manage only it", () => {
    const dynamo = sm.filter((s) => s.Action.some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toEqual([
      {
        Sid: "RememberVerdicts",
        Effect: "Allow",
        Action: ["dynamodb:UpdateItem"],
        Resource: ["arn:aws:dynamodb:us-east-1:000000000000:table/audit-checks-verdicts"],
      },
    ]);
    const console = policies.console.policy.Statement.filter((s) => s.Action.some((a) => a.startsWith("dynamodb:")));
    expect(console.map((s) => s.Resource)).toEqual([
      ["arn:aws:dynamodb:us-east-1:000000000000:table/audit-checks-verdicts"],
    ]);
    expect(console[0]!.Action).not.toContain("dynamodb:UpdateItem");
  });

  it("falls back to the database's tables when the SQL names none", () => {
    const p = buildIamPolicies({ config: testConfig, defaults, checks: [{ sql: "SELECT 1", ...defaults }] });
    expect(p.stateMachineRole.policy.Statement.find((s) => s.Sid === "ReadTableDefinitions")!.Resource).toContain(
      "arn:aws:glue:us-east-1:000000000000:table/auditlogs/*",
    );
  });
});

describe("buildIamPolicies with notifications", () => {
  const policies = buildIamPolicies({
    config: testConfig,
    defaults,
    checks: [],
    notifications: {
      apiDestinationNames: [`${testConfig.rulePrefix}slack-demo`],
      snsTopicArns: ["arn:aws:sns:us-east-1:000000000000:ops"],
    },
  });
  it("lets the events role invoke exactly those API destinations and publish to exactly those topics", () => {
    const s = policies.eventsRole.policy.Statement;
    expect(s.find((x) => x.Sid === "InvokeNotificationApiDestinations")).toEqual({
      Sid: "InvokeNotificationApiDestinations",
      Effect: "Allow",
      Action: ["events:InvokeApiDestination"],
      Resource: [
        `arn:aws:events:${testConfig.region}:${testConfig.accountId}:api-destination/${testConfig.rulePrefix}slack-demo/*`,
      ],
    });
    expect(s.find((x) => x.Sid === "PublishNotifications")?.Resource).toEqual([
      "arn:aws:sns:us-east-1:000000000000:ops",
    ]);
    expect(policies.notes.some((n) => n.includes("events.amazonaws.com sns:Publish"))).toBe(true);
  });
  it("adds nothing for notifications when there are none", () => {
    const none = buildIamPolicies({ config: testConfig, defaults, checks: [] });
    expect(none.eventsRole.policy.Statement.map((x) => x.Sid)).toEqual(["StartTheRunner"]);
  });
});
