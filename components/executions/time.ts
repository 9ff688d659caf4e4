// Times on the executions pages: always UTC (rules and schedules are UTC), with seconds.
import { formatUtcSecond } from "@/components/ui/format";

/** `2026-11-27 23:59:59 UTC`, or "—" when there is no time (the console-wide format, see ui/format). */
export function formatUtc(d: Date | string | null | undefined): string {
  return d ? formatUtcSecond(d) : "—";
}

/** `2026-11-27 23:59:59` for table cells (the column header says UTC). */
export function formatUtcShort(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const date = typeof d === "string" ? new Date(d) : d;
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** `850 ms`, `4.2 s`, `3 min 5 s`, or the time so far for a running execution. */
export function formatElapsed(start: Date, end: Date | null, now: Date = new Date()): string {
  const ms = (end ?? now).getTime() - start.getTime();
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAgo(d: Date, now: Date = new Date()): string {
  const s = Math.round((now.getTime() - d.getTime()) / 1000);
  if (s < 10) return "just now";
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
