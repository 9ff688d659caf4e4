// Settings: the effective configuration (from the environment, read-only here) and the least-privilege IAM
// policies it needs — the same documents `npm run iam` prints — and the AWS preflight (`npm run doctor`).
import type { Metadata } from "next";
import { Breakable, WrappingJson } from "@/components/reconcile/breakable";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { env } from "@/lib/env";
import { reconcileConfigFromEnv, stateMachineArn } from "@/lib/reconcile/config";
import { currentIamPolicies } from "@/lib/reconcile/iam-inputs";
import { requirePage } from "@/lib/auth/guards";
import { runPreflight } from "@/lib/actions/settings";
import { PreflightPanel } from "@/components/settings/preflight-panel";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

/** One policy document under a label saying which it is and what it governs. */
function Policy({ title, note, value, label }: { title: string; note: string; value: unknown; label: string }) {
  return (
    <div className="min-w-0 space-y-1.5">
      <h4 className="text-sm font-semibold text-zinc-900">
        {title} <span className="font-normal text-zinc-500">— {note}</span>
      </h4>
      <WrappingJson value={value} label={label} />
    </div>
  );
}

/** A role: its ARN, then its permissions policy and its trust policy side by side (stacked when narrow). */
function Role({
  name,
  arn,
  purpose,
  trusted,
  policy,
  trust,
}: {
  name: string;
  arn: string;
  purpose: string;
  trusted: string;
  policy: unknown;
  trust: unknown;
}) {
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-zinc-900">{name}</h3>
        <p className="mt-0.5 text-sm text-zinc-600">{purpose}</p>
        <p className="mt-0.5 font-mono text-xs text-zinc-700 wrap-anywhere">
          <Breakable text={arn} />
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Policy
          title="Permissions policy"
          note="what the role may do"
          value={policy}
          label={`${name}: permissions policy`}
        />
        <Policy
          title="Trust policy"
          note={`who may assume the role (${trusted})`}
          value={trust}
          label={`${name}: trust policy`}
        />
      </div>
    </div>
  );
}

export default async function SettingsPage() {
  await requirePage("readSettings");
  const config = reconcileConfigFromEnv();
  const policies = await currentIamPolicies();
  const smArn = stateMachineArn(config);
  // Every row says what the setting does; a value worth reading in full (an ARN) may follow the sentence.
  const rows: Array<[string, string, React.ReactNode]> = [
    [
      "ACC_AWS_MODE",
      env.ACC_AWS_MODE,
      env.ACC_AWS_MODE === "emulator"
        ? "AWS calls go to the local emulator, with dummy credentials."
        : "AWS calls go to AWS, with the SDK's default credentials.",
    ],
    ["AWS_REGION", env.AWS_REGION, "Region of the rules, the state machine and the Athena queries."],
    [
      "AWS_ENDPOINT_URL",
      env.AWS_ENDPOINT_URL ?? "(AWS's endpoints)",
      env.AWS_ENDPOINT_URL
        ? "Every AWS client calls this endpoint instead of AWS's own."
        : "Unset: the SDK calls AWS's own endpoints.",
    ],
    [
      "AWS_ACCOUNT_ID",
      env.AWS_ACCOUNT_ID,
      "Account the ARNs below (state machine, rules, roles, policies) are built with.",
    ],
    [
      "STATE_MACHINE_NAME",
      env.STATE_MACHINE_NAME,
      <>
        The shared state machine every rule and Run now starts; the console creates and updates it.
        <span className="mt-0.5 block font-mono text-xs text-zinc-500 wrap-anywhere">
          <Breakable text={smArn} />
        </span>
      </>,
    ],
    [
      "STATE_MACHINE_ROLE_ARN",
      env.STATE_MACHINE_ROLE_ARN,
      "Role the state machine runs as: it runs the checks' Athena queries.",
    ],
    ["EVENTS_ROLE_ARN", env.EVENTS_ROLE_ARN, "Role EventBridge assumes to start the state machine when a rule fires."],
    [
      "RULE_PREFIX",
      env.RULE_PREFIX,
      "Rules are named <prefix><slug>; only those tagged managed-by=audit-checks-console are touched.",
    ],
    ["DEFAULT_CATALOG", env.DEFAULT_CATALOG, "Athena data catalog a new check starts with."],
    ["DEFAULT_DATABASE", env.DEFAULT_DATABASE, "Athena database a new check starts with."],
    ["DEFAULT_WORKGROUP", env.DEFAULT_WORKGROUP, "Athena workgroup a new check starts with."],
    ["DEFAULT_OUTPUT_LOCATION", env.DEFAULT_OUTPUT_LOCATION, "S3 location for query results a new check starts with."],
    [
      "RECONCILE_INTERVAL_SECONDS",
      String(env.RECONCILE_INTERVAL_SECONDS),
      "How often the background reconciler applies the checks to AWS (and reverts outside changes).",
    ],
    [
      "EXECUTIONS_SYNC_INTERVAL_SECONDS",
      String(env.EXECUTIONS_SYNC_INTERVAL_SECONDS),
      "How often the executions list is refreshed from Step Functions.",
    ],
    [
      "ACC_BACKGROUND",
      env.ACC_BACKGROUND ? "on" : "off",
      env.ACC_BACKGROUND
        ? "The console process runs both background loops (reconcile, executions refresh)."
        : "No background loops here: changes apply only on save or from the Reconcile page.",
    ],
    [
      "Database",
      env.DATABASE_EMBEDDED ? "embedded PGlite" : "PostgreSQL (DATABASE_URL)",
      env.DATABASE_EMBEDDED
        ? "One session: reconciles are serialized in-process."
        : "Reconciles are serialized by a PostgreSQL advisory lock.",
    ],
  ];
  return (
    <div className="space-y-8">
      <PageHeader
        title="Settings"
        description="Set through environment variables at start; invalid values stop the console with a list of what is wrong."
      />

      <section aria-labelledby="config" className="space-y-3">
        <h2 id="config" className="text-base font-semibold text-zinc-900">
          Effective configuration
        </h2>
        <Table>
          <TableHead
            cell="px-4 py-2"
            columns={[{ label: "Variable" }, { label: "Value", className: "w-[30%]" }, { label: "Meaning" }]}
          />
          <TableBody>
            {rows.map(([name, value, meaning]) => (
              <tr key={name} className="align-top">
                <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{name}</td>
                <td className="px-4 py-2 font-mono text-xs wrap-anywhere">
                  <Breakable text={value} />
                </td>
                <td className="px-4 py-2 text-zinc-600">{meaning}</td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </section>

      <section aria-labelledby="preflight" className="space-y-3">
        <div>
          <h2 id="preflight" className="text-base font-semibold text-zinc-900">
            AWS preflight
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600">
            Checks this AWS setup before anything runs: the credentials and account, the region, that the two roles
            exist, trust the right service and allow every action of the policies below (IAM policy simulation), the
            workgroups, the databases the checks name, and the rule quota. Read-only; also{" "}
            <code className="font-mono">npm run doctor</code>.
          </p>
        </div>
        <PreflightPanel action={runPreflight} />
      </section>

      <section aria-labelledby="iam" className="space-y-4">
        <div>
          <h2 id="iam" className="text-base font-semibold text-zinc-900">
            IAM policies this configuration needs
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600">
            Generated from the configuration and the checks&apos; SQL (tables after FROM / JOIN; a check naming none
            gets its database&apos;s tables). Unlike the original hand-written policy, nothing here creates buckets,
            changes Glue databases or tables, or reaches every bucket. Also printed by{" "}
            <code className="font-mono">npm run iam</code>.
          </p>
        </div>
        {policies.problems.length || policies.notes.length ? (
          <Notice tone={policies.problems.length ? "warning" : "info"} title="Notes">
            <ul className="list-disc pl-4">
              {[...policies.problems, ...policies.notes].map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <Role
          name="Events role"
          purpose="EventBridge assumes it when a check's rule fires, to start the state machine."
          arn={policies.eventsRole.roleArn}
          trusted={policies.eventsRole.trust.Statement[0]?.Principal.Service ?? "events.amazonaws.com"}
          policy={policies.eventsRole.policy}
          trust={policies.eventsRole.trust}
        />
        <Role
          name="State machine role"
          purpose="The state machine runs as it: it runs the checks' Athena queries, reads their tables and results, and publishes a completed event."
          arn={policies.stateMachineRole.roleArn}
          trusted={policies.stateMachineRole.trust.Statement[0]?.Principal.Service ?? "states.amazonaws.com"}
          policy={policies.stateMachineRole.policy}
          trust={policies.stateMachineRole.trust}
        />
        <div className="space-y-3">
          <div>
            <h3 className="text-sm font-semibold text-zinc-900">The console&apos;s own identity</h3>
            <p className="mt-0.5 text-sm text-zinc-600">
              Whatever credentials the console runs with (user or role): it manages the prefixed rules and the state
              machine, starts, reads and stops runs, and passes the two roles above.
            </p>
          </div>
          <Policy
            title="Permissions policy"
            note="attach to the console's user or role"
            value={policies.console.policy}
            label="Console: permissions policy"
          />
        </div>
      </section>
    </div>
  );
}
