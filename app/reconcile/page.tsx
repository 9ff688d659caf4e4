// The Reconcile page: what the reconciler would change in AWS and why (drift as a diff), before the operator
// applies it. Planning reads AWS but changes nothing.
import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { Fragment } from "react";
import { ApplyButton } from "@/components/reconcile/apply-button";
import { NotificationPlanTable } from "@/components/reconcile/notification-plan-table";
import { PlanTable } from "@/components/reconcile/plan-table";
import { Badge } from "@/components/ui/badge";
import { formatUtcSecond } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { describeAwsError } from "@/lib/aws/errors";
import { env } from "@/lib/env";
import type { ReconcileReport } from "@/lib/reconcile/reconciler";
import { plural } from "@/lib/reconcile/plural";
import { processReconciler } from "@/lib/reconcile/runtime";
import { applyPlan } from "@/lib/actions/reconcile";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Reconcile" };
export const dynamic = "force-dynamic";

/** AWS calls by operation, most frequent first: "ListRules 3 · PutRule 1". */
function Calls({ calls }: { calls: Record<string, number> }) {
  const entries = Object.entries(calls).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (entries.length === 0) return <span>none</span>;
  return (
    <span>
      {entries.map(([op, n], i) => (
        // The space between entries is where a long list may wrap; each entry stays whole.
        <Fragment key={op}>
          {i > 0 ? " " : null}
          <span className="whitespace-nowrap">
            {i > 0 ? (
              <span aria-hidden className="pr-1 text-zinc-400">
                ·
              </span>
            ) : null}
            <span className="font-mono text-zinc-700">{op}</span> {n}
          </span>
        </Fragment>
      ))}
    </span>
  );
}

export default async function ReconcilePage({ searchParams }: { searchParams: Promise<{ audit?: string }> }) {
  await requirePage("readReconcilePlan");
  const { audit } = await searchParams;
  const fullAudit = audit === "full";
  let report: ReconcileReport | null = null;
  let error: string | null = null;
  try {
    report = await processReconciler().plan({ fullAudit });
  } catch (e) {
    const d = describeAwsError(e);
    error = `${d.code}: ${d.message}`;
  }
  const last = processReconciler().lastReport;
  const items = report?.plan.items ?? [];
  const work = items.filter((i) => !["noop", "unmanaged"].includes(i.action));
  const quiet = items.filter((i) => i.action === "noop");
  const foreign = items.filter((i) => i.action === "unmanaged");
  const sm = report?.plan.stateMachine;
  const vt = report?.plan.verdictTable;
  const notifications = report?.notifications ?? null;
  const notificationWork = notifications?.items.filter((i) => i.action !== "noop") ?? [];
  const notificationQuiet = notifications?.items.filter((i) => i.action === "noop") ?? [];
  const notificationFailures = new Map(
    (last?.notifications?.outcomes ?? []).filter((o) => !o.applied).map((o) => [o.name, o.message ?? "failed"]),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Reconcile"
        narrow
        actionsAlign="start"
        description={
          <>
            Every check becomes one EventBridge rule <code className="font-mono">{env.RULE_PREFIX}&lt;slug&gt;</code>{" "}
            targeting the shared state machine <code className="font-mono">{env.STATE_MACHINE_NAME}</code>. The
            background reconciler applies this plan every {env.RECONCILE_INTERVAL_SECONDS} s; here you see it first.
          </>
        }
        actions={<ApplyButton action={applyPlan} disabled={!!error} />}
      />

      {error ? (
        <Notice tone="error" title="Could not read AWS">
          {error}
        </Notice>
      ) : null}

      {report ? (
        <>
          <section aria-labelledby="sm" className="space-y-2">
            <h2 id="sm" className="text-base font-semibold text-zinc-900">
              Shared state machine
            </h2>
            {report.stateMachineError ? <Notice tone="error">{report.stateMachineError}</Notice> : null}
            {sm ? (
              <p className="text-sm text-zinc-700">
                <Badge tone={sm.action === "noop" ? "green" : sm.action === "conflict" ? "red" : "amber"}>
                  {sm.action === "noop"
                    ? "Up to date"
                    : sm.action === "create"
                      ? "Will be created"
                      : sm.action === "update"
                        ? "Will be updated"
                        : "Conflict"}
                </Badge>{" "}
                <span className="font-mono text-xs">{sm.arn}</span>{" "}
                {sm.reasons.length ? `— ${sm.reasons.join("; ")}` : null}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="vt" className="space-y-2">
            <h2 id="vt" className="text-base font-semibold text-zinc-900">
              Verdict table
            </h2>
            <p className="text-sm text-zinc-600">
              DynamoDB table <code className="font-mono">{env.VERDICT_TABLE_NAME}</code>: the state machine keeps each
              check&apos;s last verdict there, so notifications can say whether the verdict changed.
            </p>
            {report.verdictTableError ? <Notice tone="error">{report.verdictTableError}</Notice> : null}
            {vt ? (
              <p className="text-sm text-zinc-700">
                <Badge tone={vt.action === "noop" ? "green" : vt.action === "conflict" ? "red" : "amber"}>
                  {vt.action === "noop"
                    ? "Up to date"
                    : vt.action === "create"
                      ? "Will be created"
                      : vt.action === "update"
                        ? "Will be updated"
                        : vt.action === "delete"
                          ? "Will be deleted"
                          : "Conflict"}
                </Badge>{" "}
                <span className="font-mono text-xs">{vt.arn}</span>{" "}
                {vt.reasons.length ? `— ${vt.reasons.join("; ")}` : null}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="changes" className="space-y-3">
            <div className="space-y-1">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="changes" className="text-base font-semibold text-zinc-900">
                  Changes <span className="text-sm font-normal text-zinc-500">({work.length})</span>
                </h2>
                {fullAudit ? (
                  <Link className="text-sm text-blue-700 hover:underline" href="/reconcile">
                    Back to the normal pass
                  </Link>
                ) : (
                  <Link className="text-sm text-blue-700 hover:underline" href="/reconcile?audit=full">
                    Read every rule&apos;s targets and tags
                  </Link>
                )}
              </div>
              <p className="text-xs text-zinc-500">
                Observed {formatUtcSecond(report.startedAt)}: {plural(report.plan.observedRules, "rule")} listed,{" "}
                {report.plan.detailedRules} read in full
                {fullAudit ? " (every rule's targets and tags)" : ""}. {plural(report.totalCalls, "AWS call")}:{" "}
                <Calls calls={report.calls} />.
              </p>
            </div>
            {work.length ? (
              <PlanTable items={work} />
            ) : (
              <Notice tone="success">AWS matches every check. Nothing to apply.</Notice>
            )}
          </section>

          {quiet.length ? (
            <section aria-labelledby="quiet" className="space-y-3">
              <details>
                <summary id="quiet" className="cursor-pointer text-base font-semibold text-zinc-900">
                  In sync <span className="text-sm font-normal text-zinc-500">({quiet.length})</span>
                </summary>
                <div className="mt-3">
                  <PlanTable items={quiet} />
                </div>
              </details>
            </section>
          ) : null}

          {notifications ? (
            <section aria-labelledby="notifications" className="space-y-3">
              <div>
                <h2 id="notifications" className="text-base font-semibold text-zinc-900">
                  Notifications{" "}
                  <span className="text-sm font-normal text-zinc-500">
                    ({notificationWork.length} to change, {notificationQuiet.length} in sync)
                  </span>
                </h2>
                <p className="text-sm text-zinc-600">
                  A connection and API destination per webhook destination, a rule per check notification and a
                  Send-test rule per destination.
                </p>
              </div>
              {notifications.error ? <Notice tone="error">{notifications.error}</Notice> : null}
              {notificationWork.length ? (
                <NotificationPlanTable items={notificationWork} failures={notificationFailures} />
              ) : notifications.error ? null : (
                <Notice tone="success">The notification wiring matches the settings.</Notice>
              )}
              {notificationQuiet.length ? (
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-zinc-800">
                    In sync ({notificationQuiet.length})
                  </summary>
                  <div className="mt-3">
                    <NotificationPlanTable items={notificationQuiet} />
                  </div>
                </details>
              ) : null}
            </section>
          ) : null}

          {foreign.length ? (
            <section aria-labelledby="foreign" className="space-y-3">
              <h2 id="foreign" className="text-base font-semibold text-zinc-900">
                Rules with the prefix that are not ours{" "}
                <span className="text-sm font-normal text-zinc-500">({foreign.length})</span>
              </h2>
              <p className="text-sm text-zinc-600">
                They lack the managed-by tag, so the console never changes or deletes them.
              </p>
              <PlanTable items={foreign} />
            </section>
          ) : null}
        </>
      ) : null}

      {last ? (
        <section aria-labelledby="last" className="space-y-1 text-sm text-zinc-700">
          <h2 id="last" className="text-base font-semibold text-zinc-900">
            Last applied pass
          </h2>
          <p>
            {formatUtcSecond(last.startedAt)},{" "}
            {((last.finishedAt.getTime() - last.startedAt.getTime()) / 1000).toFixed(1)} s:{" "}
            {plural(last.outcomes.filter((o) => o.applied).length, "change")} applied,{" "}
            {plural(last.totalCalls, "AWS call")}: <Calls calls={last.calls} />.
          </p>
        </section>
      ) : null}
    </div>
  );
}
