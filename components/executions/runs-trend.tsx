import type { RunPoint } from "@/lib/db/executions";
import { formatUtc } from "./time";

const VERDICT_COLOR: Record<string, string> = { PASS: "#10b981", FAIL: "#ef4444", ERROR: "#f59e0b" };
const W = 1100;
const H = 140;
const PAD_L = 56;
const PAD_R = 12;
const BAND_Y = 10;
const PLOT_TOP = 34;
const PLOT_BOTTOM = 112;

/** A small SVG trend over time: one mark per run coloured by verdict, and the first value as a line. */
export function RunsTrend({ runs }: { runs: RunPoint[] }) {
  const points = [...runs].sort((a, b) => a.startDate.getTime() - b.startDate.getTime());
  if (points.length === 0) return null;
  const t0 = points[0]!.startDate.getTime();
  const t1 = points[points.length - 1]!.startDate.getTime();
  const x = (d: Date) =>
    t1 === t0 ? (PAD_L + W - PAD_R) / 2 : PAD_L + ((d.getTime() - t0) / (t1 - t0)) * (W - PAD_L - PAD_R);

  const numeric = points
    .map((p) => ({ p, v: p.firstValue === null ? NaN : Number(p.firstValue) }))
    .filter((n) => Number.isFinite(n.v));
  const vmin = Math.min(...numeric.map((n) => n.v), 0);
  const vmax = Math.max(...numeric.map((n) => n.v), vmin + 1);
  const y = (v: number) => PLOT_BOTTOM - ((v - vmin) / (vmax - vmin)) * (PLOT_BOTTOM - PLOT_TOP);
  const path = numeric
    .map((n, i) => `${i === 0 ? "M" : "L"}${x(n.p.startDate).toFixed(1)},${y(n.v).toFixed(1)}`)
    .join(" ");
  const fmt = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  const counts = points.reduce<Record<string, number>>(
    (acc, p) => ((acc[p.verdict ?? "none"] = (acc[p.verdict ?? "none"] ?? 0) + 1), acc),
    {},
  );

  return (
    <figure className="space-y-1" data-testid="runs-trend">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full max-w-[1100px]"
        role="img"
        aria-label={`Verdicts and first values of the last ${points.length} runs`}
      >
        <text x={0} y={BAND_Y + 8} className="fill-zinc-500" fontSize="10">
          verdict
        </text>
        {points.map((p) => (
          <rect
            key={p.id}
            x={x(p.startDate) - 3}
            y={BAND_Y}
            width={6}
            height={12}
            rx={1.5}
            fill={p.verdict ? VERDICT_COLOR[p.verdict] : p.status === "RUNNING" ? "#60a5fa" : "#d4d4d8"}
          >
            <title>{`${p.name}\n${formatUtc(p.startDate)} · ${p.verdict ?? p.status}${p.firstValue !== null ? ` · first value ${p.firstValue}` : ""}`}</title>
          </rect>
        ))}
        <line x1={PAD_L} x2={W - PAD_R} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} stroke="#e4e4e7" />
        <line x1={PAD_L} x2={W - PAD_R} y1={PLOT_TOP} y2={PLOT_TOP} stroke="#f4f4f5" />
        <text x={PAD_L - 6} y={PLOT_TOP + 4} textAnchor="end" fontSize="10" className="fill-zinc-500">
          {fmt(vmax)}
        </text>
        <text x={PAD_L - 6} y={PLOT_BOTTOM + 3} textAnchor="end" fontSize="10" className="fill-zinc-500">
          {fmt(vmin)}
        </text>
        {numeric.length > 1 ? <path d={path} fill="none" stroke="#52525b" strokeWidth={1.5} /> : null}
        {numeric.map((n) => (
          <circle
            key={n.p.id}
            cx={x(n.p.startDate)}
            cy={y(n.v)}
            r={2.75}
            fill={n.p.verdict ? VERDICT_COLOR[n.p.verdict] : "#a1a1aa"}
          >
            <title>{`${formatUtc(n.p.startDate)} · first value ${n.p.firstValue}`}</title>
          </circle>
        ))}
        {numeric.length === 0 ? (
          <text
            x={(PAD_L + W) / 2}
            y={(PLOT_TOP + PLOT_BOTTOM) / 2}
            textAnchor="middle"
            fontSize="11"
            className="fill-zinc-400"
          >
            no numeric first values yet
          </text>
        ) : null}
        <text x={PAD_L} y={H - 4} fontSize="10" className="fill-zinc-500">
          {formatUtc(points[0]!.startDate)}
        </text>
        <text x={W - PAD_R} y={H - 4} fontSize="10" textAnchor="end" className="fill-zinc-500">
          {formatUtc(points[points.length - 1]!.startDate)}
        </text>
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-zinc-600">
        <Legend color={VERDICT_COLOR.PASS!} label={`${counts.PASS ?? 0} pass`} />
        <Legend color={VERDICT_COLOR.FAIL!} label={`${counts.FAIL ?? 0} fail`} />
        <Legend color={VERDICT_COLOR.ERROR!} label={`${counts.ERROR ?? 0} error`} />
        <span className="text-zinc-400">line: first value of the result</span>
      </figcaption>
    </figure>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: color }} />
      {label}
    </span>
  );
}
