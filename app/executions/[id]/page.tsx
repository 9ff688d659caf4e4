import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { RerunButton, StopButton } from "@/components/executions/action-buttons";
import { StatusBadge, TriggerLabel, VerdictBadge } from "@/components/executions/badges";
import { JsonBlock } from "@/components/executions/json-block";
import { LiveRefresh } from "@/components/executions/live-refresh";
import { QueryPanel } from "@/components/executions/query-panel";
import { ResultTable } from "@/components/executions/result-table";
import { TimelineView } from "@/components/executions/timeline-view";
import { formatElapsed, formatUtc } from "@/components/executions/time";
import { buttonClass } from "@/components/ui/button";
import { ExecutionFindingsPanel } from "@/components/findings/findings-panel";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { describeExpectation } from "@/lib/checks/expectation";
import { loadExecutionView } from "@/lib/executions/detail";
import { groupDigits } from "@/lib/executions/result-format";
import { DEFAULT_RESULT_PAGE_SIZE, RESULT_PAGE_SIZES } from "@/lib/executions/results-source";
import { requirePage } from "@/lib/auth/guards";
import { Notice } from "@/components/ui/notice";
import type { SnapshotRecord } from "@/lib/db/result-snapshots";
import { cutDescription } from "@/lib/snapshots/types";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).id) };
}

export default async function ExecutionPage({ params }: Props) {
  await requirePage("readExecutions");
  const name = decodeURIComponent((await params).id);
  const view = await loadExecutionView(name);
  if (!view) notFound();
  const {
    execution,
    input,
    event,
    running,
    timeline,
    queryExecutionId,
    query,
    check,
    rerunOf,
    results,
    snapshot,
    resultsGone,
  } = view;
  const now = new Date();
  const live = query.ok ? query.query : null;
  const kept = snapshot !== null && (snapshot.state === "COMPLETE" || snapshot.state === "TRUNCATED");
  const succeeded = kept || (live?.Status?.State === "SUCCEEDED" && !resultsGone);

  return (
    <div className="space-y-6">
      <PageHeader
        title={execution.name}
        titleClassName="break-all font-mono text-lg"
        titleTestId="execution-name"
        back={{ href: "/executions", label: "Executions" }}
        actionsAlign="start"
        actions={
          <div className="flex items-start gap-2">
            {running ? <StopButton name={execution.name} /> : null}
            {input ? <RerunButton name={execution.name} /> : null}
          </div>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span data-testid="execution-status">
            <StatusBadge status={execution.status} />
          </span>
          <span data-testid="execution-verdict">
            <VerdictBadge verdict={execution.verdict} />
          </span>
          <LiveRefresh
            active={running}
            intervalMs={2000}
            syncUrl="/executions/live"
            label="Live — updates until it ends"
          />
        </div>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-zinc-600">
          <div>
            <dt className="inline text-zinc-500">Check: </dt>
            <dd className="inline">
              {check ? (
                <Link href={`/checks/${check.id}`} className="text-blue-700 hover:underline">
                  {check.name}
                </Link>
              ) : (
                (execution.checkSlug ?? "—") + (execution.checkId ? " (deleted)" : "")
              )}
              {execution.checkGeneration !== null ? (
                <span className="text-zinc-400"> · generation {execution.checkGeneration}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Trigger: </dt>
            <dd className="inline">
              <TriggerLabel kind={execution.triggerKind} />
              {execution.rerunOf ? (
                <>
                  {" of "}
                  {rerunOf ? (
                    <Link
                      href={`/executions/${encodeURIComponent(rerunOf.name)}`}
                      className="font-mono text-xs text-blue-700 hover:underline"
                    >
                      {rerunOf.name}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{execution.rerunOf.split(":").pop()}</span>
                  )}
                </>
              ) : null}
              {execution.actorName ? <span className="text-zinc-500"> by {execution.actorName}</span> : null}
            </dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">Started: </dt>
            <dd className="inline font-mono text-xs">{formatUtc(execution.startDate)}</dd>
          </div>
          <div>
            <dt className="inline text-zinc-500">{running ? "Running for" : "Took"}: </dt>
            <dd className="inline tabular-nums">{formatElapsed(execution.startDate, execution.stopDate, now)}</dd>
          </div>
        </dl>
      </PageHeader>

      <Card title="Outcome" aria-label="Outcome">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-4">
          <Fact label="Verdict">
            <VerdictBadge verdict={execution.verdict} />
          </Fact>
          <Fact label="Expectation">{input ? describeExpectation(input.expectation) : "—"}</Fact>
          <Fact label="First value">
            <span className="font-mono tabular-nums">
              {execution.firstValue === null ? "—" : (groupDigits(execution.firstValue) ?? execution.firstValue)}
            </span>
          </Fact>
          <Fact label="Rows in preview">
            <span className="tabular-nums">
              {execution.previewRowCount === null
                ? "—"
                : execution.previewRowCount === 20
                  ? "20 or more"
                  : execution.previewRowCount}
            </span>
          </Fact>
        </dl>
        {execution.error || execution.cause ? (
          <div
            className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
            role="alert"
            data-testid="execution-error"
          >
            <p className="font-mono font-semibold">{execution.error ?? "Error"}</p>
            {execution.cause ? (
              <p className="mt-1 whitespace-pre-wrap wrap-anywhere text-xs">{execution.cause}</p>
            ) : null}
          </div>
        ) : null}
      </Card>

      <Card title="Trigger event" aria-label="Trigger event">
        {event ? (
          <JsonBlock summary={<EventSummary event={event} />} value={event} testId="trigger-event" />
        ) : (
          <p className="text-sm text-zinc-500">The execution input carries no event.</p>
        )}
      </Card>

      <Card title="Timeline" aria-label="Timeline">
        {timeline.ok ? (
          <TimelineView timeline={timeline.timeline} now={now} />
        ) : (
          <p className="text-sm text-amber-800">{timeline.error}</p>
        )}
      </Card>

      <Card title="Athena query" aria-label="Athena query">
        <QueryPanel
          live={live}
          unavailable={query.ok ? null : query.error}
          indexed={{
            queryExecutionId,
            queryState: execution.queryState,
            queryStateReason: execution.queryStateReason,
            dataScannedBytes: execution.dataScannedBytes,
            engineTimeMs: execution.engineTimeMs,
            queueTimeMs: execution.queueTimeMs,
            statistics: execution.statistics,
            sql: input?.query.sql ?? null,
            parameters: input?.query.parameters ?? [],
            sources: input?.query.parameterSources ?? [],
          }}
        />
      </Card>

      <Card
        title="Result"
        aria-label="Result"
        actions={
          succeeded ? (
            <span className="flex items-center gap-3">
              {execution.checkId ? (
                <Link
                  href={`/executions/${encodeURIComponent(execution.name)}/compare`}
                  className="text-sm text-blue-700 hover:underline"
                  data-testid="compare-link"
                >
                  Compare with the previous run
                </Link>
              ) : null}
              <a
                href={`/executions/${encodeURIComponent(execution.name)}/results.csv`}
                className={buttonClass("secondary")}
                download
                data-testid="download-csv"
              >
                Download CSV
              </a>
            </span>
          ) : null
        }
      >
        {kept ? <SnapshotNote snapshot={snapshot} /> : null}
        {resultsGone ? (
          <div data-testid="results-gone">
            <Notice tone="warning" title="The rows of this run are gone">
              {resultsGone}
            </Notice>
          </div>
        ) : results === null ? (
          <p className="text-sm text-zinc-500">
            {live?.Status?.State === "QUEUED" || live?.Status?.State === "RUNNING" || (running && !live)
              ? "The query has not finished yet; the result appears here when it has."
              : live
                ? `The query ended ${live.Status?.State ?? "without a state"}: there is no result set.`
                : "No result set is available."}
          </p>
        ) : results.ok ? (
          <ResultTable
            resultsUrl={`/executions/${encodeURIComponent(execution.name)}/results`}
            initial={results.page}
            pageSize={DEFAULT_RESULT_PAGE_SIZE}
            pageSizes={RESULT_PAGE_SIZES}
          />
        ) : (
          <p className="text-sm text-red-700" role="alert">
            Athena could not return the results: {results.error}
          </p>
        )}
      </Card>
      <ExecutionFindingsPanel executionName={execution.name} />
    </div>
  );
}

function SnapshotNote({ snapshot }: { snapshot: SnapshotRecord }) {
  const at = snapshot.completedAt ? formatUtc(snapshot.completedAt) : null;
  return (
    <div className="mb-3 space-y-2 text-sm" data-testid="snapshot-note">
      <p className="text-zinc-600">
        Kept by the console{at ? ` on ${at}` : ""}: {snapshot.rowCount.toLocaleString("en-US")}{" "}
        {snapshot.rowCount === 1 ? "row" : "rows"}, {formatBytes(snapshot.bytes)}. Read from this copy, not from Athena.
      </p>
      {snapshot.state === "TRUNCATED" ? (
        <div data-testid="snapshot-cut">
          <Notice tone="warning">
            The result was longer than the check keeps: this shows {cutDescription(snapshot)}.
          </Notice>
        </div>
      ) : null}
    </div>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-zinc-900">{children}</dd>
    </div>
  );
}

function EventSummary({ event }: { event: Record<string, unknown> }) {
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="font-mono text-xs">{String(event.source ?? "?")}</span>
      <span className="text-zinc-900">{String(event["detail-type"] ?? "event")}</span>
      {event.time ? <span className="font-mono text-xs text-zinc-500">{String(event.time)}</span> : null}
      {event.id ? <span className="font-mono text-xs wrap-anywhere text-zinc-400">id {String(event.id)}</span> : null}
    </span>
  );
}
