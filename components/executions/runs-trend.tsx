// The check page's trend: the runs of a time range from the executions index (downsampled to a bounded number of
// points), the range picker, and the chart itself (trend-chart.tsx, uPlot).
import { Link } from "@/components/ui/link";
import type { Expectation } from "@/lib/checks/types";
import { describeExpectation } from "@/lib/checks/expectation";
import { checkTrend, TREND_RANGES, type TrendRange } from "@/lib/db/executions";
import { TrendChart, type TrendChartPoint } from "./trend-chart";

const RANGE_LABEL: Record<TrendRange, string> = {
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
  all: "All",
};

/** Row-count expectations are drawn against the row count; everything else against the first value. */
function plotsRowCount(e: Expectation): boolean {
  return e.kind === "rowCount" || e.kind === "noRows";
}

function toNumber(v: string | null): number | null {
  if (v === null || v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export async function RunsTrend({
  checkId,
  expectation,
  range,
  hrefFor,
}: {
  checkId: string;
  expectation: Expectation;
  range: TrendRange;
  /** The page's URL with another range. */
  hrefFor: (range: TrendRange) => string;
}) {
  const trend = await checkTrend(checkId, range);
  const rowCount = plotsRowCount(expectation);
  const points: TrendChartPoint[] = trend.points.map((p) => {
    const raw = rowCount ? (p.previewRowCount === null ? null : String(p.previewRowCount)) : p.firstValue;
    return {
      name: p.name,
      t: p.startDate.getTime(),
      verdict: p.verdict,
      status: p.status,
      value: toNumber(raw),
      rawValue: raw,
      scannedBytes: p.dataScannedBytes,
      runs: p.runs,
    };
  });
  const threshold =
    expectation.kind === "rowCount" || expectation.kind === "firstValue"
      ? expectation.value
      : expectation.kind === "noRows" || expectation.kind === "noUnacknowledgedFindings"
        ? 0
        : null;
  return (
    <section className="space-y-2" aria-label="Trend" data-testid="runs-trend">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600">
        <span className="tabular-nums">
          {trend.totalRuns.toLocaleString("en-US")} run{trend.totalRuns === 1 ? "" : "s"} in range
          {trend.totalRuns > points.length
            ? ` · ${points.length.toLocaleString("en-US")} point${points.length === 1 ? "" : "s"} shown`
            : ""}
        </span>
        <nav aria-label="Trend range" className="flex gap-1">
          {(Object.keys(TREND_RANGES) as TrendRange[]).map((r) => (
            <Link
              key={r}
              href={hrefFor(r)}
              scroll={false}
              aria-current={r === range ? "true" : undefined}
              className={`rounded px-2 py-0.5 ${r === range ? "bg-zinc-900 text-white" : "text-blue-700 hover:bg-zinc-100"}`}
            >
              {RANGE_LABEL[r]}
            </Link>
          ))}
        </nav>
      </div>
      {points.length === 0 ? (
        <p className="rounded border border-dashed border-zinc-200 py-8 text-center text-sm text-zinc-500">
          No runs in the last {RANGE_LABEL[range].toLowerCase()}.
        </p>
      ) : (
        <TrendChart
          points={points}
          valueLabel={
            expectation.kind === "noUnacknowledgedFindings"
              ? "Unacknowledged findings"
              : rowCount
                ? "Row count"
                : "First value"
          }
          from={trend.from.getTime()}
          to={trend.to.getTime()}
          threshold={threshold}
          thresholdLabel={threshold === null ? null : describeExpectation(expectation)}
        />
      )}
    </section>
  );
}
