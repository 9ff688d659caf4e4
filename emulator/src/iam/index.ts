// AWS IAM (query protocol, API version 2010-05-08): roles with inline policies, and SimulatePrincipalPolicy over them.
// Enough for a preflight (`npm run doctor`): CreateRole, GetRole, DeleteRole, PutRolePolicy, GetRolePolicy,
// ListRolePolicies, DeleteRolePolicy, SimulatePrincipalPolicy. Policy documents come back URL-encoded, as on AWS.
//
// The emulator starts with the console's two default roles (core/defaults.ts DEFAULT_ROLES), trusting the right
// services and allowed what the generated state machine and the rule targets do; reset() brings them back.
//
// Simulation, simplified: only inline role policies are evaluated (no managed policies, permission boundaries, SCPs or
// resource policies). An explicit Deny wins over an Allow; nothing matching is an implicit deny. Action and NotAction
// match with `*` / `?` wildcards, case-insensitively. Resources: a simulated resource "*" (the default) matches every
// statement; a concrete ARN must match one of the statement's Resource patterns (`*` / `?` wildcards, case-sensitive;
// NotResource is honoured the same way). Conditions are not evaluated: a statement with a Condition counts as matching.
import { AwsError } from "../core/aws-error";
import { DEFAULT_ROLES } from "../core/defaults";
import { JsonSnapshot } from "../core/persistence";
import type { CallContext, ServiceDefinition, ServiceDeps } from "../core/types";

interface StoredRole {
  RoleName: string;
  RoleId: string;
  Path: string;
  Description: string;
  CreateDate: string;
  /** JSON text as given (answers URL-encode it). */
  AssumeRolePolicyDocument: string;
  /** Inline policies: name → JSON text. */
  policies: Record<string, string>;
}
interface Snapshot {
  version: 1;
  roles: StoredRole[];
}

interface Statement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Sid?: string;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
function noSuchRole(name: string): AwsError {
  return new AwsError("NoSuchEntity", `The role with name ${name} cannot be found.`, 404);
}
function invalid(message: string): AwsError {
  return new AwsError("ValidationError", message);
}

/** A glob with `*` and `?` as a regular expression. */
function glob(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, caseInsensitive ? "i" : "");
}

/** The statements of a policy document; MalformedPolicyDocument when it is not one. */
function statements(text: string): Statement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new AwsError("MalformedPolicyDocument", "Syntax errors in policy.");
  }
  const raw = (doc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? [raw] : undefined;
  if (!list) throw new AwsError("MalformedPolicyDocument", "Policy document must contain a Statement.");
  for (const s of list as Statement[]) {
    if (s?.Effect !== "Allow" && s?.Effect !== "Deny")
      throw new AwsError("MalformedPolicyDocument", "Every statement needs Effect Allow or Deny.");
  }
  return list as Statement[];
}

function matchesAction(s: Statement, action: string): boolean {
  if (s.Action !== undefined) return asList(s.Action).some((a) => glob(a, true).test(action));
  if (s.NotAction !== undefined) return !asList(s.NotAction).some((a) => glob(a, true).test(action));
  return false;
}

function matchesResource(s: Statement, resource: string): boolean {
  if (resource === "*") return true;
  if (s.Resource !== undefined) return asList(s.Resource).some((r) => glob(r, false).test(resource));
  if (s.NotResource !== undefined) return !asList(s.NotResource).some((r) => glob(r, false).test(resource));
  return false;
}

function roleId(): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let id = "AROA";
  for (let i = 0; i < 17; i++) id += chars[Math.floor(Math.random() * chars.length)];
  return id;
}

function trust(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

/** The two default roles, allowed what the console's generated policies grant (wider resources: the emulator). */
function seedRoles(): StoredRole[] {
  const now = new Date().toISOString();
  return [
    {
      RoleName: DEFAULT_ROLES.stateMachine,
      RoleId: roleId(),
      Path: "/",
      Description: "The audit checks state machine (emulator default)",
      CreateDate: now,
      AssumeRolePolicyDocument: trust("states.amazonaws.com"),
      policies: {
        "run-audit-checks": JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "RunChecks",
              Effect: "Allow",
              Action: [
                "athena:*",
                "glue:Get*",
                "glue:BatchGetPartition",
                "s3:*",
                "events:PutEvents",
                "dynamodb:UpdateItem",
              ],
              Resource: "*",
            },
          ],
        }),
      },
    },
    {
      RoleName: DEFAULT_ROLES.events,
      RoleId: roleId(),
      Path: "/",
      Description: "EventBridge rule targets of the audit checks (emulator default)",
      CreateDate: now,
      AssumeRolePolicyDocument: trust("events.amazonaws.com"),
      policies: {
        "start-audit-checks": JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "StartAndNotify",
              Effect: "Allow",
              Action: ["states:StartExecution", "events:InvokeApiDestination", "sns:Publish"],
              Resource: "*",
            },
          ],
        }),
      },
    },
  ];
}

export function createIamService(deps: ServiceDeps): ServiceDefinition {
  const snapshot = new JsonSnapshot<Snapshot>(deps.stateDir);
  const roles = new Map<string, StoredRole>();
  const seed = () => {
    for (const r of seedRoles()) roles.set(r.RoleName, r);
  };
  const saved = snapshot.load();
  if (saved?.version === 1) for (const r of saved.roles) roles.set(r.RoleName, r);
  else seed();
  snapshot.track(() => ({ version: 1, roles: [...roles.values()] }));

  function role(nameValue: unknown): StoredRole {
    const name = str(nameValue);
    if (name === undefined || !ROLE_NAME.test(name)) throw invalid("1 validation error detected: Value at 'roleName'");
    const r = roles.get(name);
    if (!r) throw noSuchRole(name);
    return r;
  }

  function roleOutput(r: StoredRole, ctx: CallContext) {
    return {
      Path: r.Path,
      RoleName: r.RoleName,
      RoleId: r.RoleId,
      Arn: `arn:aws:iam::${ctx.accountId}:role${r.Path}${r.RoleName}`,
      CreateDate: r.CreateDate,
      AssumeRolePolicyDocument: encodeURIComponent(r.AssumeRolePolicyDocument),
      Description: r.Description || undefined,
      MaxSessionDuration: 3600,
    };
  }

  /** The role an ARN names (`arn:aws:iam::<account>:role/[path/]name`); NoSuchEntity for anything else. */
  function roleByArn(arnValue: unknown, ctx: CallContext): StoredRole {
    const arn = str(arnValue);
    if (arn === undefined) throw invalid("1 validation error detected: Value at 'policySourceArn'");
    const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
    if (!m || m[1] !== ctx.accountId)
      throw new AwsError("NoSuchEntity", `The entity ${arn} does not exist or is not a role of this account.`, 404);
    return role(m[2]);
  }

  return {
    name: "iam",
    targetPrefix: "AWSIdentityManagementV20100508",
    jsonVersion: "1.0",
    query: { version: "2010-05-08", xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/" },
    operations: {
      CreateRole(input, ctx) {
        const name = str(input.RoleName);
        if (name === undefined || !ROLE_NAME.test(name))
          throw invalid("1 validation error detected: Value at 'roleName'");
        if (roles.has(name)) throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
        const document = str(input.AssumeRolePolicyDocument);
        if (document === undefined) throw invalid("AssumeRolePolicyDocument is required");
        statements(document);
        const p = str(input.Path) ?? "/";
        if (!/^\/([\w+=,.@-]+\/)*$/.test(p)) throw invalid("1 validation error detected: Value at 'path'");
        const r: StoredRole = {
          RoleName: name,
          RoleId: roleId(),
          Path: p,
          Description: str(input.Description) ?? "",
          CreateDate: new Date().toISOString(),
          AssumeRolePolicyDocument: document,
          policies: {},
        };
        roles.set(name, r);
        snapshot.changed();
        return { Role: roleOutput(r, ctx) };
      },

      GetRole(input, ctx) {
        return { Role: roleOutput(role(input.RoleName), ctx) };
      },

      DeleteRole(input) {
        const r = role(input.RoleName);
        if (Object.keys(r.policies).length > 0)
          throw new AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.", 409);
        roles.delete(r.RoleName);
        snapshot.changed();
        return {};
      },

      PutRolePolicy(input) {
        const r = role(input.RoleName);
        const name = str(input.PolicyName);
        if (name === undefined || !POLICY_NAME.test(name))
          throw invalid("1 validation error detected: Value at 'policyName'");
        const document = str(input.PolicyDocument);
        if (document === undefined) throw invalid("PolicyDocument is required");
        statements(document);
        r.policies[name] = document;
        snapshot.changed();
        return {};
      },

      GetRolePolicy(input) {
        const r = role(input.RoleName);
        const name = str(input.PolicyName) ?? "";
        const document = r.policies[name];
        if (document === undefined)
          throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
        return { RoleName: r.RoleName, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
      },

      ListRolePolicies(input) {
        return { PolicyNames: Object.keys(role(input.RoleName).policies).sort(), IsTruncated: false };
      },

      DeleteRolePolicy(input) {
        const r = role(input.RoleName);
        const name = str(input.PolicyName) ?? "";
        if (r.policies[name] === undefined)
          throw new AwsError("NoSuchEntity", `The role policy with name ${name} cannot be found.`, 404);
        delete r.policies[name];
        snapshot.changed();
        return {};
      },

      SimulatePrincipalPolicy(input, ctx) {
        const r = roleByArn(input.PolicySourceArn, ctx);
        const actions = list(input.ActionNames);
        if (actions.length === 0) throw invalid("1 validation error detected: Value at 'actionNames'");
        const resources = list(input.ResourceArns);
        const policies = Object.entries(r.policies).map(([name, text]) => ({ name, statements: statements(text) }));
        // PolicyInputList: extra identity policies evaluated beside the role's own (as AWS does).
        list(input.PolicyInputList).forEach((text, i) =>
          policies.push({ name: `PolicyInputList.${i + 1}`, statements: statements(text) }),
        );
        const results = [];
        for (const action of actions) {
          for (const resource of resources.length ? resources : ["*"]) {
            const matched: Array<{ policy: string; effect: string }> = [];
            for (const p of policies)
              for (const s of p.statements)
                if (matchesAction(s, action) && matchesResource(s, resource))
                  matched.push({ policy: p.name, effect: s.Effect });
            const decision = matched.some((m) => m.effect === "Deny")
              ? "explicitDeny"
              : matched.some((m) => m.effect === "Allow")
                ? "allowed"
                : "implicitDeny";
            results.push({
              EvalActionName: action,
              EvalResourceName: resource,
              EvalDecision: decision,
              MatchedStatements: matched
                .filter((m) => (decision === "explicitDeny" ? m.effect === "Deny" : m.effect === "Allow"))
                .map((m) => ({ SourcePolicyId: m.policy, SourcePolicyType: "IAM Policy" })),
              MissingContextValues: [],
            });
          }
        }
        return { EvaluationResults: results, IsTruncated: false };
      },
    },
    async stop() {
      await snapshot.flush();
    },
    async reset() {
      // Back to the initial state, which has the two default roles.
      roles.clear();
      seed();
      snapshot.changed();
    },
    health() {
      return { roles: roles.size };
    },
  };
}
