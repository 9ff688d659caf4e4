// Gathers what runPreflight needs in the console and in `npm run doctor`: the configuration (lib/env.ts), the checks
// (database) and the generated policies (lib/reconcile/iam-inputs.ts, the same as `npm run iam`).
// No "server-only" marker: scripts/doctor.ts runs it outside Next.
import { awsClients } from "@/lib/aws/clients";
import { listAllChecksForReconcile } from "@/lib/db/checks";
import { env } from "@/lib/env";
import { currentIamPolicies } from "@/lib/reconcile/iam-inputs";
import { runPreflight, type PreflightInput, type PreflightItem, type PreflightReport } from "./preflight";

/** The preflight's input for the running configuration, plus items for what could not be read (the database). */
export async function currentPreflightInput(): Promise<{ input: PreflightInput; problems: PreflightItem[] }> {
  const problems: PreflightItem[] = [];
  let checks: Awaited<ReturnType<typeof listAllChecksForReconcile>> = [];
  try {
    checks = await listAllChecksForReconcile();
  } catch (error) {
    const last = (error instanceof Error ? error.message : String(error)).trim().split("\n").filter(Boolean).pop();
    problems.push({
      id: "database-read",
      title: "Checks",
      status: "warn",
      detail: `The checks could not be read from the console's database (${last}): only the defaults were checked.`,
      fix: "Check DATABASE_URL and that the database is reachable, then run the preflight again.",
    });
  }
  const policies = await currentIamPolicies();
  const workgroups = [...new Set([env.DEFAULT_WORKGROUP, ...checks.map((c) => c.workgroup)])].sort();
  const databases = new Map<string, { catalog: string; database: string; checks: string[] }>();
  const addDatabase = (catalog: string, database: string, slug?: string) => {
    const key = `${catalog}\u0000${database}`;
    const entry = databases.get(key) ?? { catalog, database, checks: [] };
    if (slug) entry.checks.push(slug);
    databases.set(key, entry);
  };
  addDatabase(env.DEFAULT_CATALOG, env.DEFAULT_DATABASE);
  for (const c of checks) addDatabase(c.catalog || env.DEFAULT_CATALOG, c.database || env.DEFAULT_DATABASE, c.slug);
  return {
    problems,
    input: {
      clients: awsClients(),
      region: env.AWS_REGION,
      accountId: env.AWS_ACCOUNT_ID,
      stateMachineRole: {
        arn: policies.stateMachineRole.roleArn,
        trustedService: policies.stateMachineRole.trust.Statement[0]!.Principal.Service,
        policy: policies.stateMachineRole.policy,
      },
      eventsRole: {
        arn: policies.eventsRole.roleArn,
        trustedService: policies.eventsRole.trust.Statement[0]!.Principal.Service,
        policy: policies.eventsRole.policy,
      },
      workgroups,
      databases: [...databases.values()].sort((a, b) => a.database.localeCompare(b.database)),
      // One rule per check (a disabled check keeps its rule, disabled).
      rulesNeeded: checks.length,
      rulePrefix: env.RULE_PREFIX,
    },
  };
}

/** Runs the preflight for the running configuration. */
export async function runCurrentPreflight(): Promise<PreflightReport> {
  const { input, problems } = await currentPreflightInput();
  const report = await runPreflight(input);
  return { ...report, items: [...problems, ...report.items] };
}
