// STS and IAM through the real SDK clients (query protocol): the caller's identity, the seeded default roles, role and
// inline policy CRUD, and SimulatePrincipalPolicy's Allow / Deny / wildcard evaluation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { startTestEmulator, type TestEmulator } from "./helpers";

let emulator: TestEmulator;
let sts: STSClient;
let iam: IAMClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const common = {
    endpoint: emulator.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  };
  sts = new STSClient(common);
  iam = new IAMClient(common);
});
afterAll(async () => {
  await emulator?.close();
});

const trust = (service: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });

describe("STS", () => {
  it("GetCallerIdentity names the emulator's account", async () => {
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe("000000000000");
    expect(me.Arn).toBe("arn:aws:iam::000000000000:user/emulator");
    expect(me.UserId).toBeTruthy();
  });
});

describe("IAM roles", () => {
  it("starts with the two default roles trusting Step Functions and EventBridge", async () => {
    const sm = await iam.send(new GetRoleCommand({ RoleName: "audit-checks-runner-role" }));
    expect(sm.Role?.Arn).toBe("arn:aws:iam::000000000000:role/audit-checks-runner-role");
    // AWS answers the trust policy URL-encoded.
    const doc = JSON.parse(decodeURIComponent(sm.Role!.AssumeRolePolicyDocument!));
    expect(doc.Statement[0].Principal.Service).toBe("states.amazonaws.com");
    const ev = await iam.send(new GetRoleCommand({ RoleName: "audit-checks-events-role" }));
    expect(JSON.parse(decodeURIComponent(ev.Role!.AssumeRolePolicyDocument!)).Statement[0].Principal.Service).toBe(
      "events.amazonaws.com",
    );
    expect(sm.Role?.CreateDate).toBeInstanceOf(Date);
  });

  it("GetRole of an unknown role is NoSuchEntity (404)", async () => {
    const err = await iam.send(new GetRoleCommand({ RoleName: "nobody" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSuchEntityException);
    expect((err as NoSuchEntityException).$metadata.httpStatusCode).toBe(404);
  });

  it("creates a role, puts, reads, lists and deletes an inline policy, then deletes the role", async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: "crud-role", AssumeRolePolicyDocument: trust("lambda.amazonaws.com") }),
    );
    expect(created.Role?.Arn).toBe("arn:aws:iam::000000000000:role/crud-role");
    const again = await iam
      .send(new CreateRoleCommand({ RoleName: "crud-role", AssumeRolePolicyDocument: trust("x") }))
      .catch((e: unknown) => e as Error);
    expect((again as Error).name).toBe("EntityAlreadyExistsException");
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    await iam.send(new PutRolePolicyCommand({ RoleName: "crud-role", PolicyName: "read", PolicyDocument: policy }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: "crud-role", PolicyName: "read" }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(policy);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: "crud-role" }))).PolicyNames).toEqual(["read"]);
    const bad = await iam
      .send(new PutRolePolicyCommand({ RoleName: "crud-role", PolicyName: "bad", PolicyDocument: "{not json" }))
      .catch((e: unknown) => e as Error);
    expect((bad as Error).name).toBe("MalformedPolicyDocumentException");
    const conflict = await iam.send(new DeleteRoleCommand({ RoleName: "crud-role" })).catch((e: unknown) => e as Error);
    expect((conflict as Error).name).toBe("DeleteConflictException");
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "crud-role", PolicyName: "read" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "crud-role" }));
    const gone = await iam.send(new GetRoleCommand({ RoleName: "crud-role" })).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(NoSuchEntityException);
  });
});

describe("IAM SimulatePrincipalPolicy", () => {
  it("allows the default state machine role what the runner does, and nothing else", async () => {
    const r = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: "arn:aws:iam::000000000000:role/audit-checks-runner-role",
        ActionNames: ["athena:StartQueryExecution", "glue:GetTable", "dynamodb:UpdateItem", "iam:CreateUser"],
      }),
    );
    expect(r.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([
      ["athena:StartQueryExecution", "allowed"],
      ["glue:GetTable", "allowed"],
      ["dynamodb:UpdateItem", "allowed"],
      ["iam:CreateUser", "implicitDeny"],
    ]);
    expect(r.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId).toBe("run-audit-checks");
  });

  it("an explicit Deny wins; resources match with wildcards", async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: "sim-role", AssumeRolePolicyDocument: trust("states.amazonaws.com") }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "sim-role",
        PolicyName: "mixed",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::results/*" },
            { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" },
          ],
        }),
      }),
    );
    const r = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: "arn:aws:iam::000000000000:role/sim-role",
        ActionNames: ["S3:PutObject", "s3:DeleteObject"],
        ResourceArns: ["arn:aws:s3:::results/x.csv", "arn:aws:s3:::other/x.csv"],
      }),
    );
    expect(r.EvaluationResults?.map((e) => `${e.EvalActionName} ${e.EvalResourceName} ${e.EvalDecision}`)).toEqual([
      "S3:PutObject arn:aws:s3:::results/x.csv allowed",
      "S3:PutObject arn:aws:s3:::other/x.csv implicitDeny",
      "s3:DeleteObject arn:aws:s3:::results/x.csv explicitDeny",
      "s3:DeleteObject arn:aws:s3:::other/x.csv explicitDeny",
    ]);
  });

  it("an unknown role is NoSuchEntity", async () => {
    const err = await iam
      .send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: "arn:aws:iam::000000000000:role/missing",
          ActionNames: ["s3:GetObject"],
        }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoSuchEntityException);
  });
});
