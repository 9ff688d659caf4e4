// The executions page's filters and paging position, to and from the URL (the URL is the state: shareable, reloadable).

import { isUuid } from "@/lib/uuid";
import { executionTriggerSchema, type ExecutionTrigger, type Verdict } from "@/lib/checks/execution-contract";
import type { ExecutionStatus } from "./execution-record";

export const STATUSES: ExecutionStatus[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];
export const VERDICTS: Verdict[] = ["PASS", "FAIL", "ERROR"];
export const TRIGGER_KINDS: readonly ExecutionTrigger[] = executionTriggerSchema.options;
export const RANGES = { "1h": 3600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type RangePreset = keyof typeof RANGES;
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface ExecutionFilters {
  checkId: string | null;
  status: ExecutionStatus[];
  verdict: Verdict[];
  trigger: ExecutionTrigger[];
  /** A preset relative to now, or a custom from/to (UTC). */
  range: RangePreset | null;
  from: Date | null;
  to: Date | null;
  /** Part of the execution name. */
  q: string;
}

export interface PageRequest {
  size: number;
  /** Keyset cursors: rows older than `before`, or newer than `after`. */
  before: string | null;
  after: string | null;
}

type Params = Record<string, string | string[] | undefined>;

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v ? [v] : [])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
const one = (v: string | string[] | undefined): string | null => (Array.isArray(v) ? v[0] : v)?.trim() || null;

function date(v: string | null): Date | null {
  if (!v) return null;
  // <input type="datetime-local"> sends no zone: the page works in UTC, so read it as UTC.
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Filters from the page's search params; anything unknown is dropped rather than refused. */
export function parseFilters(params: Params): ExecutionFilters {
  const range = one(params.range);
  return {
    checkId: ((c) => (c && isUuid(c) ? c : null))(one(params.check)),
    status: list(params.status)
      .map((s) => s.toUpperCase())
      .filter((s): s is ExecutionStatus => (STATUSES as string[]).includes(s)),
    verdict: list(params.verdict)
      .map((s) => s.toUpperCase())
      .filter((s): s is Verdict => (VERDICTS as string[]).includes(s)),
    trigger: list(params.trigger)
      .map((s) => s.toLowerCase())
      .filter((s): s is ExecutionTrigger => (TRIGGER_KINDS as string[]).includes(s)),
    range: range && range in RANGES ? (range as RangePreset) : null,
    from: date(one(params.from)),
    to: date(one(params.to)),
    q: (one(params.q) ?? "").slice(0, 200),
  };
}

export function parsePage(params: Params): PageRequest {
  const size = Number(one(params.size));
  return {
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    before: one(params.before),
    after: one(params.after),
  };
}

/** The time window the filters mean at `now`: a preset wins over from/to. */
export function timeWindow(f: ExecutionFilters, now: Date): { from: Date | null; to: Date | null } {
  if (f.range) return { from: new Date(now.getTime() - RANGES[f.range]), to: null };
  return { from: f.from, to: f.to };
}

const isoMinute = (d: Date) => d.toISOString().slice(0, 16);

/** Search params for filters (+ paging), omitting defaults, in a stable order. */
export function toSearchParams(f: ExecutionFilters, page?: Partial<PageRequest>): URLSearchParams {
  const p = new URLSearchParams();
  if (f.checkId) p.set("check", f.checkId);
  if (f.status.length) p.set("status", f.status.join(","));
  if (f.verdict.length) p.set("verdict", f.verdict.join(","));
  if (f.trigger.length) p.set("trigger", f.trigger.join(","));
  if (f.range) p.set("range", f.range);
  else {
    if (f.from) p.set("from", isoMinute(f.from));
    if (f.to) p.set("to", isoMinute(f.to));
  }
  if (f.q) p.set("q", f.q);
  if (page?.size && page.size !== PAGE_SIZES[0]) p.set("size", String(page.size));
  if (page?.before) p.set("before", page.before);
  if (page?.after) p.set("after", page.after);
  return p;
}

export function isFiltered(f: ExecutionFilters): boolean {
  return !!(f.checkId || f.status.length || f.verdict.length || f.trigger.length || f.range || f.from || f.to || f.q);
}

/** A keyset cursor: the row's start date and id, opaque to the URL reader. */
export function encodeCursor(startDate: Date, id: bigint | string): string {
  return Buffer.from(`${startDate.getTime()}:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string | null): { startDate: Date; id: bigint } | null {
  if (!cursor) return null;
  const m = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
  return m ? { startDate: new Date(Number(m[1])), id: BigInt(m[2]!) } : null;
}
