// The AWS preflight over the emulator process through the real SDK clients: the emulator's defaults pass; a role
// trusting the wrong service, a role missing permissions, a missing database or workgroup, another account and a
// full rule quota each fail (or warn) with their fix in words.
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsClients, type AwsClients } from "@/lib/aws/create-clients";
import { buildIamPolicies } from "@/lib/reconcile/iam-policies";
import { testConfig } from "@/lib/reconcile/test-fixtures";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { preflightFailed, runPreflight, type PreflightInput, type PreflightItem } from "./preflight";

let emu: EmulatorProcess;
let clients: AwsClients;

const defaults = {
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/athena/",
};
const policies = buildIamPolicies({
  config: testConfig,
  defaults,
  checks: [{ sql: "SELECT * FROM auditlogs.aurora_audit_log", ...defaults }],
});

function baseInput(over: Partial<PreflightInput> = {}): PreflightInput {
  return {
    clients,
    region: "us-east-1",
    accountId: "000000000000",
    stateMachineRole: {
      arn: testConfig.stateMachineRoleArn,
      trustedService: "states.amazonaws.com",
      policy: policies.stateMachineRole.policy,
    },
    eventsRole: {
      arn: testConfig.eventsRoleArn,
      trustedService: "events.amazonaws.com",
      policy: policies.eventsRole.policy,
    },
    workgroups: ["primary"],
    databases: [{ catalog: "AwsDataCatalog", database: "auditlogs", checks: ["failed-logins"] }],
    rulesNeeded: 3,
    rulePrefix: testConfig.rulePrefix,
    ...over,
  };
}

const byId = (items: PreflightItem[], id: string) => {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id} in ${items.map((i) => i.id).join(", ")}`);
  return found;
};

const trust = (service: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });

beforeAll(async () => {
  emu = await startEmulator();
  clients = createAwsClients({
    region: "us-east-1",
    endpoint: emu.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}, 60_000);
afterAll(async () => {
  await emu?.stop();
});

describe("runPreflight on the emulator", () => {
  it("passes the emulator's defaults (the workgroup warns: no per-query scan limit)", async () => {
    const report = await runPreflight(baseInput());
    expect(preflightFailed(report)).toBe(false);
    expect(byId(report.items, "identity").detail).toContain("account 000000000000");
    expect(byId(report.items, "role.stateMachine.trust").status).toBe("pass");
    expect(byId(report.items, "role.events.trust").status).toBe("pass");
    const perms = byId(report.items, "role.stateMachine.permissions");
    expect(perms.status).toBe("pass");
    expect(perms.detail).toMatch(/Allows all \d+ actions/);
    expect(byId(report.items, "role.events.permissions").status).toBe("pass");
    expect(byId(report.items, "database.AwsDataCatalog.auditlogs").status).toBe("pass");
    const wg = byId(report.items, "workgroup.primary");
    expect(wg.status).toBe("warn");
    expect(wg.fix).toContain("BytesScannedCutoffPerQuery");
    expect(byId(report.items, "rules").status).toBe("pass");
  });

  it("fails a role that trusts the wrong service, with the fix", async () => {
    await clients.iam.send(
      new CreateRoleCommand({ RoleName: "wrong-trust-role", AssumeRolePolicyDocument: trust("lambda.amazonaws.com") }),
    );
    const report = await runPreflight(
      baseInput({
        stateMachineRole: {
          ...baseInput().stateMachineRole,
          arn: "arn:aws:iam::000000000000:role/wrong-trust-role",
        },
      }),
    );
    const item = byId(report.items, "role.stateMachine.trust");
    expect(item.status).toBe("fail");
    expect(item.detail).toContain("does not let states.amazonaws.com assume it");
    expect(item.fix).toContain("Principal Service states.amazonaws.com");
    expect(preflightFailed(report)).toBe(true);
    // No inline policy at all: every needed action is denied, and the item names some.
    const perms = byId(report.items, "role.stateMachine.permissions");
    expect(perms.status).toBe("fail");
    expect(perms.detail).toContain(
      "athena:StartQueryExecution on arn:aws:athena:us-east-1:000000000000:workgroup/primary",
    );
    expect(perms.fix).toContain("npm run iam");
  });

  it("fails a role allowed only part of the generated policy, naming what is missing", async () => {
    await clients.iam.send(
      new CreateRoleCommand({ RoleName: "partial-role", AssumeRolePolicyDocument: trust("states.amazonaws.com") }),
    );
    await clients.iam.send(
      new PutRolePolicyCommand({
        RoleName: "partial-role",
        PolicyName: "most",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["athena:*", "glue:*", "s3:*", "events:PutEvents", "dynamodb:*"],
              Resource: "*",
            },
            { Effect: "Deny", Action: "dynamodb:UpdateItem", Resource: "*" },
          ],
        }),
      }),
    );
    const report = await runPreflight(
      baseInput({
        stateMachineRole: { ...baseInput().stateMachineRole, arn: "arn:aws:iam::000000000000:role/partial-role" },
      }),
    );
    expect(byId(report.items, "role.stateMachine.trust").status).toBe("pass");
    const perms = byId(report.items, "role.stateMachine.permissions");
    expect(perms.status).toBe("fail");
    expect(perms.detail).toMatch(
      /^1 of \d+ needed action-resource pairs are not allowed: dynamodb:UpdateItem on .*explicitly denied/,
    );
  });

  it("fails a missing role with how to create it", async () => {
    const report = await runPreflight(
      baseInput({ eventsRole: { ...baseInput().eventsRole, arn: "arn:aws:iam::000000000000:role/not-there" } }),
    );
    const item = byId(report.items, "role.events");
    expect(item.status).toBe("fail");
    expect(item.detail).toBe("arn:aws:iam::000000000000:role/not-there does not exist.");
    expect(item.fix).toContain("Create role not-there");
  });

  it("fails a missing database and a missing workgroup, with their fixes", async () => {
    const report = await runPreflight(
      baseInput({
        workgroups: ["primary", "no-such-wg"],
        databases: [
          { catalog: "AwsDataCatalog", database: "auditlogs", checks: [] },
          { catalog: "AwsDataCatalog", database: "no_such_db", checks: ["check-a", "check-b"] },
        ],
      }),
    );
    const db = byId(report.items, "database.AwsDataCatalog.no_such_db");
    expect(db.status).toBe("fail");
    expect(db.detail).toBe("AwsDataCatalog.no_such_db does not exist (named by checks check-a, check-b).");
    expect(db.fix).toContain("Create database no_such_db in catalog AwsDataCatalog");
    expect(byId(report.items, "database.AwsDataCatalog.auditlogs").status).toBe("pass");
    const wg = byId(report.items, "workgroup.no-such-wg");
    expect(wg.status).toBe("fail");
    expect(wg.fix).toContain("Create workgroup no-such-wg in us-east-1");
  });

  it("fails credentials of another account than the configuration names", async () => {
    const report = await runPreflight(baseInput({ accountId: "123456789012" }));
    const item = byId(report.items, "identity");
    expect(item.status).toBe("fail");
    expect(item.fix).toContain("Use credentials for account 123456789012");
  });

  it("warns near the rule quota and fails over it", async () => {
    const near = await runPreflight(baseInput({ rulesNeeded: 250 }));
    expect(byId(near.items, "rules").status).toBe("warn");
    const over = await runPreflight(baseInput({ rulesNeeded: 301 }));
    const item = byId(over.items, "rules");
    expect(item.status).toBe("fail");
    expect(item.detail).toContain("301 of 300");
    expect(item.fix).toContain("Service Quotas");
  });

  it("reports unreachable AWS once, not for every item", async () => {
    const dead = createAwsClients({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
    const report = await runPreflight(baseInput({ clients: dead }));
    expect(report.items.map((i) => [i.id, i.status])).toEqual([
      ["identity", "fail"],
      ["region", "pass"],
      ["rest", "fail"],
    ]);
    expect(byId(report.items, "identity").fix).toContain("network route");
  });
});
