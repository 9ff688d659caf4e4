import { describeExpectation } from "@/lib/checks/expectation";
import { formatPatternJson } from "@/lib/checks/pattern-format";
import { describeSchedule, nextFireTimes } from "@/lib/checks/schedule";
import { describeTrigger } from "@/lib/checks/trigger-summary";
import { SNAPSHOT_DEFAULTS, type Check, type SnapshotPolicy } from "@/lib/checks/types";
import { Card } from "@/components/ui/card";
import { formatUtcMinute, formatUtcSecond } from "@/components/ui/format";
import { TableBody, TableHead } from "@/components/ui/table";
import { SyncMessage } from "@/components/reconcile/sync-message";
import { CheckSyncBadge } from "@/components/reconcile/sync-status-badge";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] items-baseline gap-4 py-1.5 text-sm">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/** "2026-11-28 01:23 UTC" that may break between the date and the time, never inside either. */
function Stamp({ text }: { text: string }) {
  const [date, ...rest] = text.split(" ");
  return (
    <span className="tabular-nums">
      <span className="whitespace-nowrap">{date}</span> <span className="whitespace-nowrap">{rest.join(" ")}</span>
    </span>
  );
}

/** The check's definition and sync state, read-only. */
export function CheckSpecView({ check, now }: { check: Check; now: Date }) {
  const schedule = check.trigger.kind === "schedule" ? check.trigger.expression : null;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        {check.description ? (
          <Card title="Description">
            <p className="whitespace-pre-wrap text-sm text-zinc-700">{check.description}</p>
          </Card>
        ) : null}
        <Card title="Query">
          <pre
            data-testid="check-sql"
            className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs leading-relaxed text-zinc-800"
          >
            {check.sql}
          </pre>
          <h3 className="mt-4 text-sm font-medium text-zinc-800">Parameters</h3>
          {check.parameters.length === 0 ? (
            <p className="mt-1 text-sm text-zinc-500">None.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm">
              <TableHead
                cell="py-1"
                tinted={false}
                ruled={false}
                columns={[{ label: "#", className: "w-12" }, { label: "Kind", className: "w-36" }, { label: "Value" }]}
              />
              <TableBody>
                {check.parameters.map((p, i) => (
                  <tr key={i}>
                    <td className="py-1.5 font-mono text-xs text-zinc-500 tabular-nums">?{i + 1}</td>
                    <td className="py-1.5 text-zinc-700">{p.kind === "literal" ? "Literal" : "From the event"}</td>
                    <td className="py-1.5 font-mono text-xs break-all">{p.kind === "literal" ? p.value : p.path}</td>
                  </tr>
                ))}
              </TableBody>
            </table>
          )}
        </Card>
        <Card title="Trigger">
          <p className="text-sm text-zinc-900">{describeTrigger(check.trigger)}</p>
          {schedule ? (
            <div className="mt-3 text-sm">
              <p className="font-mono text-xs text-zinc-600">{schedule}</p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-zinc-500">Next fire times</p>
              <ol className="mt-1 space-y-0.5 font-mono text-xs tabular-nums text-zinc-700">
                {nextFireTimes(schedule, 5, now).map((t) => (
                  <li key={t.toISOString()}>{formatUtcMinute(t)}</li>
                ))}
              </ol>
              <p className="sr-only">{describeSchedule(schedule)}</p>
            </div>
          ) : (
            <pre className="mt-3 max-h-80 overflow-auto whitespace-pre-wrap wrap-anywhere rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs text-zinc-800">
              {formatPatternJson(check.trigger.kind === "eventPattern" ? check.trigger.pattern : {})}
            </pre>
          )}
        </Card>
      </div>
      <div className="space-y-6">
        <Card title="Expectation">
          <p className="text-sm text-zinc-900">{describeExpectation(check.expectation)}</p>
          <p className="mt-2 text-xs text-zinc-600">
            Finding keys:{" "}
            {check.findingKeys.length ? (
              <span className="font-mono text-zinc-900">{check.findingKeys.join(", ")}</span>
            ) : (
              <span className="text-zinc-400">none (no findings kept)</span>
            )}
          </p>
        </Card>
        <Card title="Where the query runs">
          <dl>
            <Row label="Catalog">
              <span className="font-mono text-xs">{check.catalog}</span>
            </Row>
            <Row label="Database">
              <span className="font-mono text-xs">{check.database}</span>
            </Row>
            <Row label="Workgroup">
              <span className="font-mono text-xs">{check.workgroup}</span>
            </Row>
            <Row label="Output location">
              <span className="font-mono text-xs break-all">{check.outputLocation}</span>
            </Row>
            <Row label="Rows kept per run">
              <span data-testid="snapshot-policy">{describeSnapshotPolicy(check.snapshotPolicy)}</span>
            </Row>
          </dl>
        </Card>
        <Card title="AWS sync">
          <dl>
            <Row label="Status">
              <CheckSyncBadge check={check} withMessage={false} />
            </Row>
            {check.syncMessage ? (
              <Row label="Message">
                <SyncMessage message={check.syncMessage} />
              </Row>
            ) : null}
            <Row label="Generation">
              <span className="tabular-nums">
                {check.generation}
                {check.observedGeneration !== null && check.observedGeneration !== check.generation
                  ? ` (AWS has ${check.observedGeneration})`
                  : ""}
              </span>
            </Row>
            <Row label="Last reconciled">
              {check.lastReconciledAt ? <Stamp text={formatUtcSecond(check.lastReconciledAt)} /> : "not yet"}
            </Row>
          </dl>
        </Card>
        <Card title="History">
          <dl>
            <Row label="Created">
              <Stamp text={formatUtcMinute(check.createdAt)} /> by {check.createdBy}
            </Row>
            <Row label="Updated">
              <Stamp text={formatUtcMinute(check.updatedAt)} /> by {check.updatedBy}
            </Row>
            <Row label="Version">
              <span className="tabular-nums">{check.version}</span>
            </Row>
          </dl>
        </Card>
      </div>
    </div>
  );
}

/** "10,000 rows or 20 MB, kept forever": the check's snapshot caps and retention, defaults filled in. */
function describeSnapshotPolicy(p: SnapshotPolicy | undefined): string {
  const rows = (p?.maxRows ?? SNAPSHOT_DEFAULTS.maxRows).toLocaleString("en-US");
  const mb = (p?.maxMegabytes ?? SNAPSHOT_DEFAULTS.maxMegabytes).toLocaleString("en-US");
  const kept = p?.retentionDays ? `kept ${p.retentionDays.toLocaleString("en-US")} days` : "kept forever";
  return `up to ${rows} rows or ${mb} MB, ${kept}`;
}
