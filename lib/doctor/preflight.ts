// The AWS preflight (`npm run doctor`, the Settings page): checks a real AWS setup before anything runs. Pure over the
// SDK clients it is given, so tests run it against the emulator. Every item passes, warns or fails, and says the fix.
//
// What the roles must allow is never a hand-kept list: it is the permissions policy lib/reconcile/iam-policies.ts
// generates for this configuration and these checks (the same document `npm run iam` prints), simulated statement by
// statement with iam:SimulatePrincipalPolicy on that statement's resources.
import { GetDatabaseCommand, GetWorkGroupCommand } from "@aws-sdk/client-athena";
import { ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { GetRoleCommand, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import type { AwsClients } from "@/lib/aws/create-clients";
import { describeAwsError } from "@/lib/aws/errors";
import type { PolicyDocument } from "@/lib/reconcile/iam-policies";

export const preflightStatusSchema = z.enum(["pass", "warn", "fail"]);
export const preflightItemSchema = z.object({
  /** Stable key (e.g. "role.stateMachine.trust"), for tests and the page's list keys. */
  id: z.string(),
  title: z.string(),
  status: preflightStatusSchema,
  /** What was found, in words. */
  detail: z.string(),
  /** What to do about a warning or failure, in words (absent when it passes). */
  fix: z.string().optional(),
});
export const preflightReportSchema = z.object({
  checkedAt: z.string(),
  items: z.array(preflightItemSchema),
});
export type PreflightStatus = z.infer<typeof preflightStatusSchema>;
export type PreflightItem = z.infer<typeof preflightItemSchema>;
export type PreflightReport = z.infer<typeof preflightReportSchema>;

/** EventBridge's default quota of rules per event bus (Service Quotas can raise it). */
export const DEFAULT_RULE_QUOTA = 300;

export interface PreflightRole {
  arn: string;
  /** The service principal its trust policy must name, e.g. states.amazonaws.com. */
  trustedService: string;
  /** The generated permissions policy it needs. */
  policy: PolicyDocument;
}

export interface PreflightInput {
  clients: Pick<AwsClients, "sts" | "iam" | "athena" | "events">;
  region: string;
  /** The account the configuration names (AWS_ACCOUNT_ID or the role ARNs' account). */
  accountId: string;
  stateMachineRole: PreflightRole;
  eventsRole: PreflightRole;
  /** Every workgroup in use (the default and each check's). */
  workgroups: string[];
  /** Every database the checks name, with the checks naming it (the default database with none). */
  databases: Array<{ catalog: string; database: string; checks: string[] }>;
  /** Rules the console keeps on the default bus: one per check. */
  rulesNeeded: number;
  /** The console's rule name prefix: rules without it on the bus are someone else's but count against the quota. */
  rulePrefix: string;
  ruleQuota?: number;
}

const item = (id: string, title: string, status: PreflightStatus, detail: string, fix?: string): PreflightItem => ({
  id,
  title,
  status,
  detail,
  ...(fix ? { fix } : {}),
});

const roleName = (arn: string) => arn.split("/").pop() ?? arn;

/** Runs every check; never throws for an AWS failure (it becomes a failed item). */
export async function runPreflight(input: PreflightInput): Promise<PreflightReport> {
  const items: PreflightItem[] = [];
  const identity = await callerIdentity(input);
  items.push(identity.item);
  items.push(regionItem(input.region));
  if (!identity.ok) {
    // Without credentials every other call fails the same way: say so once instead of ten times.
    items.push(
      item("rest", "Everything else", "fail", "Not checked: no call can succeed without working credentials."),
    );
    return { checkedAt: new Date().toISOString(), items };
  }
  for (const [key, label, role] of [
    ["stateMachine", "State machine role", input.stateMachineRole],
    ["events", "Events role", input.eventsRole],
  ] as const) {
    items.push(...(await roleItems(input, key, label, role)));
  }
  for (const wg of input.workgroups) items.push(await workgroupItem(input, wg));
  for (const db of input.databases) items.push(await databaseItem(input, db));
  items.push(await ruleQuotaItem(input));
  return { checkedAt: new Date().toISOString(), items };
}

async function callerIdentity(input: PreflightInput): Promise<{ ok: boolean; item: PreflightItem }> {
  const title = "Credentials and account";
  try {
    const me = await input.clients.sts.send(new GetCallerIdentityCommand({}));
    if (me.Account !== input.accountId)
      return {
        ok: true,
        item: item(
          "identity",
          title,
          "fail",
          `Signed in as ${me.Arn} in account ${me.Account}, but the configuration names account ${input.accountId}.`,
          `Use credentials for account ${input.accountId}, or set AWS_ACCOUNT_ID, STATE_MACHINE_ROLE_ARN and EVENTS_ROLE_ARN to account ${me.Account}'s values.`,
        ),
      };
    return { ok: true, item: item("identity", title, "pass", `Signed in as ${me.Arn} (account ${me.Account}).`) };
  } catch (error) {
    const e = describeAwsError(error);
    return {
      ok: false,
      item: item(
        "identity",
        title,
        "fail",
        `sts:GetCallerIdentity failed: ${e.code}: ${e.message}`,
        e.unreachable
          ? "Check the network route to AWS (or AWS_ENDPOINT_URL), then run the preflight again."
          : "Give the console credentials: a task or instance role, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary ones).",
      ),
    };
  }
}

function regionItem(region: string): PreflightItem {
  // The credentials call above reached this region's endpoint; the region's name itself is validated by lib/env.ts.
  return item(
    "region",
    "Region",
    "pass",
    `Calls go to ${region} (AWS_REGION); rules, the state machine and Athena must live there.`,
  );
}

/** Whether a trust policy lets `service` assume the role (an Allow of sts:AssumeRole naming the service). */
export function trustsService(documentText: string, service: string): boolean {
  let doc: { Statement?: unknown };
  try {
    // GetRole answers the document URL-encoded; a plain JSON one decodes to itself.
    doc = JSON.parse(decodeURIComponent(documentText)) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Array<{
    Effect?: string;
    Principal?: { Service?: string | string[] } | string;
    Action?: string | string[];
  }>;
  return statements.some((s) => {
    if (s?.Effect !== "Allow") return false;
    const actions = [s.Action ?? []].flat();
    if (!actions.some((a) => a === "sts:AssumeRole" || a === "sts:*" || a === "*")) return false;
    const principal = s.Principal;
    // "*" (anyone) is not what the role needs, and not safe.
    if (principal === undefined || typeof principal === "string") return false;
    return [principal.Service ?? []].flat().includes(service);
  });
}

async function roleItems(
  input: PreflightInput,
  key: string,
  label: string,
  role: PreflightRole,
): Promise<PreflightItem[]> {
  const name = roleName(role.arn);
  let trustDocument: string;
  try {
    const r = await input.clients.iam.send(new GetRoleCommand({ RoleName: name }));
    trustDocument = r.Role?.AssumeRolePolicyDocument ?? "";
    if (r.Role?.Arn && r.Role.Arn !== role.arn)
      return [
        item(
          `role.${key}`,
          label,
          "fail",
          `A role named ${name} exists, but its ARN is ${r.Role.Arn}, not the configured ${role.arn}.`,
          `Set ${key === "events" ? "EVENTS_ROLE_ARN" : "STATE_MACHINE_ROLE_ARN"} to ${r.Role.Arn}.`,
        ),
      ];
  } catch (error) {
    const e = describeAwsError(error);
    const missing = e.code === "NoSuchEntityException" || e.code === "NoSuchEntity";
    return [
      item(
        `role.${key}`,
        label,
        "fail",
        missing ? `${role.arn} does not exist.` : `iam:GetRole ${name} failed: ${e.code}: ${e.message}`,
        missing
          ? `Create role ${name} with the trust and permissions policies \`npm run iam\` prints (or deploy the template in deploy/).`
          : "Allow the console's identity iam:GetRole and iam:SimulatePrincipalPolicy on the two roles, or check the role ARN.",
      ),
    ];
  }
  const out: PreflightItem[] = [];
  out.push(
    trustsService(trustDocument, role.trustedService)
      ? item(`role.${key}.trust`, `${label}: trust`, "pass", `${role.arn} exists and trusts ${role.trustedService}.`)
      : item(
          `role.${key}.trust`,
          `${label}: trust`,
          "fail",
          `${role.arn} exists, but its trust policy does not let ${role.trustedService} assume it.`,
          `Replace the role's trust policy with the one \`npm run iam\` prints (Principal Service ${role.trustedService}, Action sts:AssumeRole).`,
        ),
  );
  out.push(await permissionsItem(input, key, label, role));
  return out;
}

async function permissionsItem(
  input: PreflightInput,
  key: string,
  label: string,
  role: PreflightRole,
): Promise<PreflightItem> {
  const id = `role.${key}.permissions`;
  const title = `${label}: permissions`;
  const denied: string[] = [];
  let simulated = 0;
  try {
    for (const statement of role.policy.Statement) {
      let marker: string | undefined;
      do {
        const r = await input.clients.iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: role.arn,
            ActionNames: statement.Action,
            ResourceArns: statement.Resource,
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        for (const e of r.EvaluationResults ?? []) {
          simulated++;
          if (e.EvalDecision !== "allowed")
            denied.push(
              `${e.EvalActionName} on ${e.EvalResourceName} (${e.EvalDecision === "explicitDeny" ? "explicitly denied" : "not allowed"})`,
            );
        }
        marker = r.IsTruncated ? r.Marker : undefined;
      } while (marker);
    }
  } catch (error) {
    const e = describeAwsError(error);
    return item(
      id,
      title,
      "fail",
      `iam:SimulatePrincipalPolicy on ${role.arn} failed: ${e.code}: ${e.message}`,
      "Allow the console's identity iam:SimulatePrincipalPolicy on the two roles to check them (or check them by hand against `npm run iam`).",
    );
  }
  const actions = new Set(role.policy.Statement.flatMap((s) => s.Action)).size;
  if (denied.length === 0)
    return item(
      id,
      title,
      "pass",
      `Allows all ${actions} actions the generated policy needs (${simulated} action-resource pairs simulated).`,
    );
  const shown = denied.slice(0, 8);
  return item(
    id,
    title,
    "fail",
    `${denied.length} of ${simulated} needed action-resource pairs are not allowed: ${shown.join("; ")}${denied.length > shown.length ? `; and ${denied.length - shown.length} more` : ""}.`,
    `Attach the permissions policy \`npm run iam\` prints for ${roleName(role.arn)} (and remove any Deny that matches these actions).`,
  );
}

async function workgroupItem(input: PreflightInput, name: string): Promise<PreflightItem> {
  const id = `workgroup.${name}`;
  const title = `Workgroup ${name}`;
  let wg;
  try {
    wg = (await input.clients.athena.send(new GetWorkGroupCommand({ WorkGroup: name }))).WorkGroup;
  } catch (error) {
    const e = describeAwsError(error);
    const missing = e.code === "InvalidRequestException" && /not found|does not exist/i.test(e.message);
    return item(
      id,
      title,
      "fail",
      missing
        ? `Workgroup ${name} does not exist in ${input.region}.`
        : `athena:GetWorkGroup failed: ${e.code}: ${e.message}`,
      missing
        ? `Create workgroup ${name} in ${input.region}, or set DEFAULT_WORKGROUP / the checks' workgroup to one that exists.`
        : "Allow the console's identity athena:GetWorkGroup on this workgroup.",
    );
  }
  if (wg?.State === "DISABLED")
    return item(
      id,
      title,
      "fail",
      `Workgroup ${name} is disabled: no query can run in it.`,
      `Enable workgroup ${name} (Athena console or aws athena update-work-group --state ENABLED).`,
    );
  const config = wg?.Configuration;
  const enforced = config?.EnforceWorkGroupConfiguration === true;
  const output = config?.ResultConfiguration?.OutputLocation;
  const cutoff = config?.BytesScannedCutoffPerQuery;
  const found: string[] = [];
  const fixes: string[] = [];
  if (enforced)
    found.push(
      `It enforces its own settings: results go to ${output ?? "its output location"}, whatever a check's output location says.`,
    );
  else found.push(`Checks' own output locations apply (${output ? `default ${output}` : "no default"}).`);
  if (enforced && !output)
    fixes.push(`Set an output location on workgroup ${name}: it enforces its settings but has none.`);
  if (enforced && output)
    fixes.push(
      `Grant the state machine role s3:PutObject on ${output} (the generated policy covers the checks' own locations).`,
    );
  if (cutoff) found.push(`Per-query scan limit: ${formatBytes(cutoff)}.`);
  else {
    found.push("No per-query scan limit: a runaway query can scan (and bill) without bound.");
    fixes.push(`Set a per-query data usage limit (BytesScannedCutoffPerQuery) on workgroup ${name}.`);
  }
  return item(id, title, fixes.length ? "warn" : "pass", found.join(" "), fixes.join(" ") || undefined);
}

export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

async function databaseItem(
  input: PreflightInput,
  db: { catalog: string; database: string; checks: string[] },
): Promise<PreflightItem> {
  const id = `database.${db.catalog}.${db.database}`;
  const title = `Database ${db.database}`;
  const named = db.checks.length
    ? `named by ${db.checks.length === 1 ? "check" : "checks"} ${db.checks.slice(0, 5).join(", ")}${db.checks.length > 5 ? ` and ${db.checks.length - 5} more` : ""}`
    : "the default database";
  try {
    await input.clients.athena.send(new GetDatabaseCommand({ CatalogName: db.catalog, DatabaseName: db.database }));
    return item(id, title, "pass", `${db.catalog}.${db.database} exists (${named}).`);
  } catch (error) {
    const e = describeAwsError(error);
    const missing = e.code === "MetadataException" || /not found|does not exist/i.test(e.message);
    return item(
      id,
      title,
      "fail",
      missing
        ? `${db.catalog}.${db.database} does not exist (${named}).`
        : `athena:GetDatabase ${db.catalog}.${db.database} failed: ${e.code}: ${e.message}`,
      missing
        ? `Create database ${db.database} in catalog ${db.catalog} (Glue, or CREATE DATABASE in Athena), or change the database of the checks that name it.`
        : "Allow the console's identity athena:GetDatabase and glue:GetDatabase on this catalog.",
    );
  }
}

async function ruleQuotaItem(input: PreflightInput): Promise<PreflightItem> {
  const quota = input.ruleQuota ?? DEFAULT_RULE_QUOTA;
  const title = "Rule quota";
  let others = 0;
  try {
    let token: string | undefined;
    do {
      const r = await input.clients.events.send(new ListRulesCommand({ Limit: 100, NextToken: token }));
      others += (r.Rules ?? []).filter((rule) => !rule.Name?.startsWith(input.rulePrefix)).length;
      token = r.NextToken;
    } while (token);
  } catch (error) {
    const e = describeAwsError(error);
    return item(
      "rules",
      title,
      "warn",
      `Could not count the rules on the default bus (events:ListRules: ${e.code}: ${e.message}); the checks need ${input.rulesNeeded} of the ${quota} allowed.`,
      "Allow the console's identity events:ListRules.",
    );
  }
  const total = input.rulesNeeded + others;
  const detail = `${input.rulesNeeded} rules for the checks, plus ${others} other rules on the default bus: ${total} of ${quota} (default quota per bus).`;
  const raise = `Request a higher "Maximum number of rules per event bus" in Service Quotas (EventBridge, ${input.region}), or disable checks you do not need.`;
  if (total > quota) return item("rules", title, "fail", detail, raise);
  if (total > quota * 0.8) return item("rules", title, "warn", `${detail} Over 80% used.`, raise);
  return item("rules", title, "pass", detail);
}

/** The exit status of `npm run doctor`: 1 when any item failed. */
export function preflightFailed(report: PreflightReport): boolean {
  return report.items.some((i) => i.status === "fail");
}
