// Settings: the effective configuration (from the environment, read-only here) and the least-privilege IAM
// policies it needs — the same documents `npm run iam` prints.
import type { Metadata } from "next";
import { Notice } from "@/components/ui/notice";
import { env } from "@/lib/env";
import { reconcileConfigFromEnv, stateMachineArn } from "@/lib/reconcile/config";
import { currentIamPolicies } from "@/lib/reconcile/iam-inputs";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre aria-label={label} className="max-h-[32rem] overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-4 text-xs leading-relaxed">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

export default async function SettingsPage() {
  const config = reconcileConfigFromEnv();
  const policies = await currentIamPolicies();
  const rows: Array<[string, string, string]> = [
    ["ACC_AWS_MODE", env.ACC_AWS_MODE, env.ACC_AWS_MODE === "emulator" ? "The local emulator, dummy credentials" : "AWS, the SDK's default credentials"],
    ["AWS_REGION", env.AWS_REGION, ""],
    ["AWS_ENDPOINT_URL", env.AWS_ENDPOINT_URL ?? "(AWS's endpoints)", ""],
    ["AWS_ACCOUNT_ID", env.AWS_ACCOUNT_ID, ""],
    ["STATE_MACHINE_NAME", env.STATE_MACHINE_NAME, stateMachineArn(config)],
    ["STATE_MACHINE_ROLE_ARN", env.STATE_MACHINE_ROLE_ARN, "Role the state machine runs as"],
    ["EVENTS_ROLE_ARN", env.EVENTS_ROLE_ARN, "Role EventBridge assumes to start executions"],
    ["RULE_PREFIX", env.RULE_PREFIX, "Rules named <prefix><slug>; only those tagged managed-by=audit-checks-console are touched"],
    ["DEFAULT_CATALOG", env.DEFAULT_CATALOG, ""],
    ["DEFAULT_DATABASE", env.DEFAULT_DATABASE, ""],
    ["DEFAULT_WORKGROUP", env.DEFAULT_WORKGROUP, ""],
    ["DEFAULT_OUTPUT_LOCATION", env.DEFAULT_OUTPUT_LOCATION, ""],
    ["RECONCILE_INTERVAL_SECONDS", String(env.RECONCILE_INTERVAL_SECONDS), "Background reconcile period"],
    ["EXECUTIONS_SYNC_INTERVAL_SECONDS", String(env.EXECUTIONS_SYNC_INTERVAL_SECONDS), "Executions index refresh period"],
    ["ACC_BACKGROUND", env.ACC_BACKGROUND ? "on" : "off", "Background loops in the console process"],
    ["Database", env.DATABASE_EMBEDDED ? "embedded PGlite" : "PostgreSQL (DATABASE_URL)", env.DATABASE_EMBEDDED ? "One session: reconciles are serialized in-process" : "Reconciles serialized by a PostgreSQL advisory lock"],
  ];
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-sm text-zinc-600">Set through environment variables at start; invalid values stop the console with a list of what is wrong.</p>
      </div>

      <section aria-labelledby="config" className="space-y-3">
        <h2 id="config" className="text-lg font-medium">Effective configuration</h2>
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>
                <th scope="col" className="px-4 py-2">Variable</th>
                <th scope="col" className="px-4 py-2">Value</th>
                <th scope="col" className="px-4 py-2">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([name, value, meaning]) => (
                <tr key={name} className="border-t border-zinc-100">
                  <td className="px-4 py-2 font-mono text-xs">{name}</td>
                  <td className="px-4 py-2 font-mono text-xs break-all">{value}</td>
                  <td className="px-4 py-2 text-zinc-600">{meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="iam" className="space-y-4">
        <div>
          <h2 id="iam" className="text-lg font-medium">IAM policies this configuration needs</h2>
          <p className="mt-1 max-w-3xl text-sm text-zinc-600">
            Generated from the configuration and the checks&apos; SQL (tables after FROM / JOIN; a check naming none gets its database&apos;s tables). Unlike the
            original hand-written policy, nothing here creates buckets, changes Glue databases or tables, or reaches every bucket. Also printed by{" "}
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
        <h3 className="font-medium">Events role — <span className="font-mono text-sm">{policies.eventsRole.roleArn}</span></h3>
        <div className="grid gap-4 lg:grid-cols-2">
          <Json value={policies.eventsRole.policy} label="Events role permissions policy" />
          <Json value={policies.eventsRole.trust} label="Events role trust policy" />
        </div>
        <h3 className="font-medium">State machine role — <span className="font-mono text-sm">{policies.stateMachineRole.roleArn}</span></h3>
        <div className="grid gap-4 lg:grid-cols-2">
          <Json value={policies.stateMachineRole.policy} label="State machine role permissions policy" />
          <Json value={policies.stateMachineRole.trust} label="State machine role trust policy" />
        </div>
        <h3 className="font-medium">The console&apos;s own identity</h3>
        <Json value={policies.console.policy} label="Console permissions policy" />
      </section>
    </div>
  );
}
