"use client";

import { formatUtcMinute } from "@/components/ui/format";
import { describeSchedule, nextFireTimes, parseSchedule } from "@/lib/checks/schedule";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "2026-11-30 09:30 UTC · Mon": unambiguous and independent of the browser's locale and zone. */
export function formatUtc(d: Date): string {
  return `${formatUtcMinute(d)} · ${WEEKDAYS[d.getUTCDay()]}`;
}

/** The schedule in words and its next five fire times, recomputed as the operator types. */
export function SchedulePreview({ expression, now }: { expression: string; now: Date }) {
  const parsed = parseSchedule(expression);
  if (!parsed.ok) return null;
  const times = nextFireTimes(expression, 5, now);
  return (
    <div data-testid="schedule-preview" className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2.5 text-sm">
      <p className="font-medium text-zinc-900">{describeSchedule(expression)}</p>
      {times.length === 0 ? (
        <p className="mt-1 text-zinc-600">This schedule never fires again.</p>
      ) : (
        <>
          <p className="mt-2 text-xs font-medium uppercase tracking-wide text-zinc-500">
            Next {times.length} fire times
          </p>
          {parsed.kind === "rate" ? (
            <p className="text-xs text-zinc-500">A rate counts from when the rule is created; these assume now.</p>
          ) : null}
          <ol className="mt-1 space-y-0.5 font-mono text-xs tabular-nums text-zinc-700">
            {times.map((t) => (
              <li key={t.toISOString()}>{formatUtc(t)}</li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
