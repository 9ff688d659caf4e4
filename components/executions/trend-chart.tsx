"use client";

// A check's runs over time, drawn with uPlot (canvas; fast at thousands of points): the value the expectation
// compares (first value or row count) as a line with one dot per run coloured by verdict, the expectation's
// threshold as a dashed line, and the data each run scanned as bars on a second axis. Drag across the plot to zoom
// in, double-click to zoom out; the hovered run is named under the chart and a click opens it.
import { Link } from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber } from "@/lib/number-format";

export interface TrendChartPoint {
  name: string;
  /** Start time, ms since the epoch. */
  t: number;
  verdict: "PASS" | "FAIL" | "ERROR" | null;
  status: string;
  value: number | null;
  /** The value as the run reported it (shown on hover). */
  rawValue: string | null;
  scannedBytes: number | null;
  runs: number;
}

const VERDICT_COLOR = { PASS: "#10b981", FAIL: "#ef4444", ERROR: "#f59e0b" } as const;
const VERDICTS = ["PASS", "FAIL", "ERROR"] as const;
const HEIGHT = 220;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, { maximumFractionDigits: 1 })} ${units[i]}`;
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

export function TrendChart({
  points,
  valueLabel,
  threshold,
  thresholdLabel,
  from,
  to,
}: {
  points: TrendChartPoint[];
  /** The range shown at first (ms since the epoch); double-click zooms to the runs themselves. */
  from: number;
  to: number;
  /** "First value" or "Row count". */
  valueLabel: string;
  threshold: number | null;
  thresholdLabel: string | null;
}) {
  const router = useRouter();
  const host = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [width, setWidth] = useState(0);
  const hoverRef = useRef<number | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!el || width === 0 || points.length === 0) return;
    const xs = points.map((p) => p.t / 1000);
    const values = points.map((p) => p.value);
    const byVerdict = VERDICTS.map((v) => points.map((p) => (p.verdict === v ? p.value : null)));
    const scanned = points.map((p) => (p.scannedBytes === null ? null : p.scannedBytes));
    const thresholdLine = points.map(() => threshold);
    const data: uPlot.AlignedData = [xs, values, ...byVerdict, thresholdLine, scanned];
    const opts: uPlot.Options = {
      width,
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 8 } },
      legend: { show: false },
      scales: { x: { time: true }, bytes: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.15] } },
      axes: [
        { stroke: "#71717a", grid: { stroke: "#f4f4f5" }, ticks: { stroke: "#e4e4e7" } },
        {
          label: valueLabel,
          stroke: "#71717a",
          grid: { stroke: "#f4f4f5" },
          ticks: { stroke: "#e4e4e7" },
          size: 60,
          values: (_u, vals) => vals.map((v) => formatNumber(v, { maximumFractionDigits: 2 })),
        },
        {
          scale: "bytes",
          side: 1,
          label: "Data scanned",
          stroke: "#a1a1aa",
          grid: { show: false },
          size: 70,
          values: (_u, vals) => vals.map((v) => formatBytes(v)),
        },
      ],
      series: [
        {},
        { label: valueLabel, stroke: "#52525b", width: 1.5, points: { show: false }, spanGaps: true },
        ...VERDICTS.map((v) => ({
          label: v,
          stroke: VERDICT_COLOR[v],
          fill: VERDICT_COLOR[v],
          width: 0,
          paths: () => null,
          points: { show: true, size: 7, fill: VERDICT_COLOR[v], stroke: VERDICT_COLOR[v] },
        })),
        { label: thresholdLabel ?? "threshold", stroke: "#6366f1", width: 1, dash: [6, 4], points: { show: false } },
        {
          label: "Data scanned",
          scale: "bytes",
          stroke: "#d4d4d8",
          fill: "rgba(212,212,216,0.35)",
          paths: uPlot.paths.bars!({ size: [0.6, 12] }),
          points: { show: false },
        },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const idx = u.cursor.idx ?? null;
            hoverRef.current = idx;
            setHover(idx);
          },
        ],
      },
    };
    const plot = new uPlot(opts, data, el);
    plot.setScale("x", { min: from / 1000, max: to / 1000 });
    // A click (not a drag to zoom) opens the hovered run.
    let down: { x: number; y: number } | null = null;
    const over = plot.over;
    const onDown = (e: MouseEvent) => (down = { x: e.clientX, y: e.clientY });
    const onUp = (e: MouseEvent) => {
      const d = down;
      down = null;
      if (!d || Math.abs(e.clientX - d.x) > 3 || Math.abs(e.clientY - d.y) > 3) return;
      const i = hoverRef.current;
      const p = i === null ? undefined : points[i];
      if (p) router.push(`/executions/${encodeURIComponent(p.name)}`);
    };
    over.addEventListener("mousedown", onDown);
    over.addEventListener("mouseup", onUp);
    over.style.cursor = "pointer";
    return () => {
      over.removeEventListener("mousedown", onDown);
      over.removeEventListener("mouseup", onUp);
      plot.destroy();
    };
  }, [points, width, threshold, thresholdLabel, valueLabel, router, from, to]);

  const p = hover === null ? undefined : points[hover];
  return (
    <figure className="space-y-2" data-testid="trend-chart">
      <div ref={host} className="w-full" style={{ minHeight: HEIGHT }} />
      <figcaption className="flex min-h-6 flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600">
        {p ? (
          <span data-testid="trend-hover" className="inline-flex flex-wrap items-center gap-x-2">
            <Link
              href={`/executions/${encodeURIComponent(p.name)}`}
              className="font-mono text-blue-700 hover:underline"
            >
              {p.name}
            </Link>
            <span className="tabular-nums">{utc(p.t)} UTC</span>
            <span style={{ color: p.verdict ? VERDICT_COLOR[p.verdict] : undefined }}>{p.verdict ?? p.status}</span>
            <span className="tabular-nums">
              {valueLabel.toLowerCase()} {p.rawValue ?? "—"}
            </span>
            {p.scannedBytes !== null ? (
              <span className="tabular-nums">{formatBytes(p.scannedBytes)} scanned</span>
            ) : null}
            {p.runs > 1 ? <span className="text-zinc-400">(most telling of {p.runs} runs)</span> : null}
          </span>
        ) : (
          <>
            {VERDICTS.map((v) => (
              <Legend key={v} color={VERDICT_COLOR[v]} label={v.toLowerCase()} />
            ))}
            {threshold !== null ? <Legend color="#6366f1" label={thresholdLabel ?? "threshold"} dashed /> : null}
            <Legend color="#d4d4d8" label="data scanned (right axis)" />
            <span className="text-zinc-400">drag to zoom, double-click to reset, click a point to open its run</span>
          </>
        )}
      </figcaption>
    </figure>
  );
}

function Legend({ color, label, dashed }: { color: string; label: string; dashed?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        aria-hidden
        className="inline-block h-2.5 w-2.5 rounded-sm"
        style={dashed ? { borderTop: `2px dashed ${color}`, height: 0, width: 14 } : { background: color }}
      />
      {label}
    </span>
  );
}
