// Notifications: the shared destinations (Slack, HTTPS webhooks, SNS topics), Send test, every check's
// notification rules with their delivery health, and in emulator mode what the local webhook receiver got.
import type { Metadata } from "next";
import { DestinationActions } from "@/components/notifications/destination-actions";
import { DestinationForm } from "@/components/notifications/destination-form";
import { RulesHealthTable } from "@/components/notifications/rules-health-table";
import { SlackPreview } from "@/components/notifications/slack-preview";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { formatUtcSecond } from "@/components/ui/format";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableHead, TableRow } from "@/components/ui/table";
import { requirePage } from "@/lib/auth/guards";
import { canManageNotificationDestinations } from "@/lib/auth/permissions";
import { listAllCheckNotifications } from "@/lib/db/check-notifications";
import { listDestinationsForReconcile } from "@/lib/db/notification-destinations";
import { env } from "@/lib/env";
import { receivedRequests, receiverName, ruleHealthOrError, type ReceivedRequest } from "@/lib/notifications/delivery";
import { decryptSecret } from "@/lib/notifications/secrets";
import { reconcileConfigFromEnv } from "@/lib/reconcile/config";
import { notificationRuleName } from "@/lib/reconcile/notification-desired";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const KIND: Record<string, string> = { slack: "Slack", webhook: "Webhook", sns: "SNS" };
const RECEIVED_SHOWN = 5;

export default async function NotificationsPage() {
  const user = await requirePage("readNotifications");
  const admin = canManageNotificationDestinations(user);
  const allowHttp = env.ACC_AWS_MODE === "emulator";
  const config = reconcileConfigFromEnv();
  const [destinations, rules] = await Promise.all([listDestinationsForReconcile(), listAllCheckNotifications()]);
  const ruleNames = new Map(
    rules.map((r) => [r.id, notificationRuleName(config, r.checkSlug, r.checkId, r.destinationId)]),
  );
  const { health, error: healthError } = await ruleHealthOrError([...ruleNames.values()]);

  // Emulator mode: destinations whose URL is the emulator's receiver, and what it got (read server-side only).
  const received: Array<{ name: string; kind: string; receiver: string; requests: ReceivedRequest[] | null }> = [];
  if (allowHttp) {
    for (const d of destinations) {
      let receiver: string | null = null;
      try {
        receiver = d.urlEncrypted ? receiverName(decryptSecret(d.urlEncrypted)) : null;
      } catch {
        receiver = null;
      }
      if (!receiver) continue;
      const requests = await receivedRequests(receiver).catch(() => null);
      received.push({ name: d.name, kind: d.kind, receiver, requests });
    }
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Notifications"
        narrow
        description={
          <>
            Destinations receive the result of a check&apos;s run. AWS delivers them — an EventBridge rule per check and
            destination sends the state machine&apos;s message to an API destination or SNS topic — so alerts keep
            flowing while the console is down. Attach destinations on a check&apos;s page.
          </>
        }
      />

      {admin ? (
        <Card title="New destination" description="Secrets are stored encrypted and shown masked after saving.">
          <DestinationForm allowHttp={allowHttp} />
        </Card>
      ) : null}

      <section aria-labelledby="destinations" className="space-y-3">
        <h2 id="destinations" className="text-base font-semibold text-zinc-900">
          Destinations <span className="text-sm font-normal text-zinc-500">({destinations.length})</span>
        </h2>
        {destinations.length === 0 ? (
          <EmptyState className="py-8">
            <p className="text-sm text-zinc-600">
              No destinations yet.{admin ? " Create one above." : " An administrator creates them."}
            </p>
          </EmptyState>
        ) : (
          <Table>
            <TableHead
              columns={[
                { label: "Name" },
                { label: "Kind" },
                { label: "Sends to" },
                { label: "Used by", numeric: true },
                { label: "Updated" },
                { label: "", className: "w-px" },
              ]}
            />
            <TableBody>
              {destinations.map((d) => (
                <TableRow key={d.id} data-testid={`destination-${d.name}`}>
                  <td className="px-3 py-2 align-top font-mono text-xs font-medium break-all">{d.name}</td>
                  <td className="px-3 py-2 align-top">
                    <Badge tone={d.kind === "sns" ? "amber" : d.kind === "slack" ? "blue" : "gray"}>
                      {KIND[d.kind]}
                    </Badge>
                  </td>
                  <td className="px-3 py-2 align-top font-mono text-xs break-all text-zinc-700">
                    {d.kind === "sns" ? d.topicArn : d.urlMasked}
                    {d.secretHeaderName ? (
                      <span className="block text-zinc-500">header {d.secretHeaderName}: ••••••</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right align-top tabular-nums">
                    {d.checkCount} check{d.checkCount === 1 ? "" : "s"}
                  </td>
                  <td className="px-3 py-2 align-top whitespace-nowrap">
                    {formatUtcSecond(d.updatedAt)}
                    <span className="block text-xs text-zinc-500">{d.updatedBy}</span>
                  </td>
                  <td className="w-80 min-w-80 px-3 py-2 text-right align-top">
                    <DestinationActions
                      allowHttp={allowHttp}
                      destination={{
                        id: d.id,
                        version: d.version,
                        name: d.name,
                        kind: d.kind,
                        urlMasked: d.urlMasked,
                        topicArn: d.topicArn,
                        secretHeaderName: d.secretHeaderName,
                        hasSecretHeader: d.hasSecretHeader,
                      }}
                    />
                  </td>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="rules" className="space-y-3">
        <div>
          <h2 id="rules" className="text-base font-semibold text-zinc-900">
            Notification rules <span className="text-sm font-normal text-zinc-500">({rules.length})</span>
          </h2>
          <p className="text-sm text-zinc-500">
            Delivery health over the last 24 hours, from CloudWatch (AWS/Events Invocations and FailedInvocations).
          </p>
        </div>
        {healthError ? <Notice tone="warning">{healthError}</Notice> : null}
        {rules.length === 0 ? (
          <EmptyState className="py-8">
            <p className="text-sm text-zinc-600">No check notifies anyone yet. Open a check to attach a destination.</p>
          </EmptyState>
        ) : (
          <RulesHealthTable rules={rules} ruleNames={ruleNames} health={healthError ? null : health} showCheck />
        )}
      </section>

      {received.length ? (
        <section aria-labelledby="received" className="space-y-3">
          <div>
            <h2 id="received" className="text-base font-semibold text-zinc-900">
              Received by the emulator&apos;s webhook receiver
            </h2>
            <p className="text-sm text-zinc-500">
              The last {RECEIVED_SHOWN} requests of each, newest first, as Slack would roughly show them.
            </p>
          </div>
          {received.map((r) => (
            <Card
              key={r.name}
              title={<span className="font-mono">{r.name}</span>}
              description={`/_emulator/webhooks/${r.receiver} · ${r.requests ? `${r.requests.length} received` : "not reachable"}`}
              data-testid={`received-${r.name}`}
            >
              {r.requests === null ? (
                <Notice tone="warning">The emulator&apos;s receiver did not answer.</Notice>
              ) : r.requests.length === 0 ? (
                <p className="text-sm text-zinc-500">
                  Nothing received yet. Send a test, or wait for the check to run.
                </p>
              ) : (
                <ol className="divide-y divide-zinc-100">
                  {[...r.requests]
                    .reverse()
                    .slice(0, RECEIVED_SHOWN)
                    .map((q, i) => (
                      <li key={i} className="py-3 first:pt-0 last:pb-0">
                        <p className="mb-1 text-xs text-zinc-500 tabular-nums">{q.receivedAt}</p>
                        {r.kind === "slack" ? (
                          <SlackPreview payload={q.body} />
                        ) : (
                          <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs">
                            {JSON.stringify(q.body, null, 2)}
                          </pre>
                        )}
                      </li>
                    ))}
                </ol>
              )}
            </Card>
          ))}
        </section>
      ) : null}
    </div>
  );
}
