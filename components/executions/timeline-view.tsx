import type { Timeline } from "@/lib/executions/timeline";
import { formatDurationMs } from "@/lib/executions/athena-cost";
import { Badge } from "@/components/ui/badge";
import { NumericCell, Table, TableBody, TableHead, type TableColumn } from "@/components/ui/table";
import { formatUtc } from "./time";

const COLUMNS: TableColumn[] = [
  { label: "State" },
  { label: "Type" },
  { label: "Started at", numeric: true, className: "whitespace-nowrap" },
  { label: "Duration", numeric: true, className: "whitespace-nowrap" },
  { label: <span className="sr-only">Time bar</span>, className: "w-[34%]" },
];

const STEP_TONE = { succeeded: "green", failed: "red", caught: "amber", running: "blue" } as const;
const BAR = {
  succeeded: "bg-emerald-400",
  failed: "bg-red-400",
  caught: "bg-amber-400",
  running: "bg-blue-400 animate-pulse",
} as const;

/** State transitions as a table with a Gantt bar per state: when it started, how long it took, what went wrong. */
export function TimelineView({ timeline, now }: { timeline: Timeline; now: Date }) {
  const origin = timeline.startedAt?.getTime() ?? 0;
  const end = (timeline.endedAt ?? now).getTime();
  const span = Math.max(1, end - origin);
  return (
    <div className="space-y-2" data-testid="timeline">
      <Table>
        <TableHead columns={COLUMNS} />
        <TableBody>
          {timeline.steps.map((s) => {
            const left = ((s.enteredAt.getTime() - origin) / span) * 100;
            const width = Math.max(0.6, ((s.durationMs ?? now.getTime() - s.enteredAt.getTime()) / span) * 100);
            return (
              <tr key={s.id} className="align-top" data-state={s.name}>
                <td className="px-3 py-2" style={s.depth ? { paddingLeft: `${0.75 + s.depth * 1.25}rem` } : undefined}>
                  <div className="flex items-center gap-2">
                    {s.depth ? (
                      <span aria-hidden className="text-zinc-300">
                        └
                      </span>
                    ) : null}
                    <span className={s.depth ? "text-zinc-700" : "font-medium text-zinc-900"}>{s.name}</span>
                    {s.status !== "succeeded" ? (
                      <Badge tone={STEP_TONE[s.status]}>{s.status === "caught" ? "error caught" : s.status}</Badge>
                    ) : null}
                    {s.attempts > 1 ? <Badge tone="amber">{s.attempts} attempts</Badge> : null}
                  </div>
                  {s.resource ? <p className="mt-0.5 font-mono text-xs text-zinc-500">{s.resource}</p> : null}
                  {s.errors.map((e, i) => (
                    <div
                      key={i}
                      className="mt-1 rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-900"
                      role="note"
                    >
                      <span className="font-mono font-semibold">{e.error || "Error"}</span>
                      {e.cause ? <p className="mt-0.5 whitespace-pre-wrap wrap-anywhere">{e.cause}</p> : null}
                    </div>
                  ))}
                </td>
                <td className="px-3 py-2 text-xs text-zinc-600">{s.stateType}</td>
                <NumericCell className="whitespace-nowrap px-3 py-2 font-mono text-xs text-zinc-600">
                  +{formatDurationMs(s.offsetMs)}
                </NumericCell>
                <NumericCell className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                  {s.durationMs === null ? (
                    <span className="text-blue-700">running…</span>
                  ) : (
                    formatDurationMs(s.durationMs)
                  )}
                </NumericCell>
                <td className="px-3 py-2">
                  <div className="relative h-3 rounded bg-zinc-100" aria-hidden>
                    <div
                      className={`absolute top-0 h-3 rounded ${BAR[s.status]}`}
                      style={{ left: `${Math.min(99.4, left)}%`, width: `${Math.min(100 - left, width)}%` }}
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      <p className="text-xs text-zinc-500">
        {timeline.eventCount.toLocaleString("en-US")} history events · started {formatUtc(timeline.startedAt)}
        {timeline.endedAt
          ? ` · ended ${formatUtc(timeline.endedAt)} (${formatDurationMs(timeline.endedAt.getTime() - origin)})`
          : " · still running"}
      </p>
      {timeline.outcome?.error ? (
        <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" role="alert">
          <p className="font-medium">
            {timeline.outcome.type.replace("Execution", "Execution ")}:{" "}
            <span className="font-mono">{timeline.outcome.error.error}</span>
          </p>
          {timeline.outcome.error.cause ? (
            <p className="mt-1 whitespace-pre-wrap wrap-anywhere text-xs">{timeline.outcome.error.cause}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
