// The checks table's rows: search and sort held in the URL, applied here (pure, so it is unit-tested).
import { describeExpectation } from "./expectation";
import { describeTrigger } from "./trigger-summary";
import type { Check, SyncStatus } from "./types";

export interface LastRunView {
  at: string; // ISO timestamp
  verdict: "PASS" | "FAIL" | "ERROR" | "RUNNING";
  href?: string;
}

export interface CheckRow {
  id: string;
  name: string;
  slug: string;
  trigger: string;
  triggerKind: "eventPattern" | "schedule";
  expectation: string;
  enabled: boolean;
  syncStatus: SyncStatus;
  syncMessage: string | null;
  syncErrorTerminal: boolean;
  generation: number;
  observedGeneration: number | null;
  lastReconciledAt: Date | null;
  lastRun: LastRunView | null;
  /** The YAML file it is managed from; null when made in the browser. */
  sourcePath: string | null;
}

export const SORT_KEYS = ["name", "trigger", "expectation", "enabled", "status", "lastRun"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export interface ListQuery {
  q: string;
  sort: SortKey;
  dir: SortDir;
}

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** Reads ?q=&sort=&dir= leniently: unknown values fall back to name ascending. */
export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const sort = first(params.sort);
  const dir = first(params.dir);
  return {
    q: first(params.q).trim(),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "name",
    dir: dir === "desc" ? "desc" : "asc",
  };
}

export function toCheckRow(check: Check, lastRun: LastRunView | null): CheckRow {
  return {
    id: check.id,
    name: check.name,
    slug: check.slug,
    trigger: describeTrigger(check.trigger),
    triggerKind: check.trigger.kind,
    expectation: describeExpectation(check.expectation),
    enabled: check.enabled,
    syncStatus: check.syncStatus,
    syncMessage: check.syncMessage,
    syncErrorTerminal: check.syncErrorTerminal,
    generation: check.generation,
    observedGeneration: check.observedGeneration,
    lastReconciledAt: check.lastReconciledAt,
    lastRun,
    sourcePath: check.sourcePath,
  };
}

const STATUS_ORDER: Record<SyncStatus, number> = { ERROR: 0, DRIFTED: 1, PENDING: 2, SYNCED: 3 };
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function compare(a: CheckRow, b: CheckRow, key: SortKey): number {
  switch (key) {
    case "name":
      return collator.compare(a.name, b.name);
    case "trigger":
      return collator.compare(a.trigger, b.trigger);
    case "expectation":
      return collator.compare(a.expectation, b.expectation);
    case "enabled":
      return Number(b.enabled) - Number(a.enabled);
    case "status":
      return STATUS_ORDER[a.syncStatus] - STATUS_ORDER[b.syncStatus];
    case "lastRun":
      // Never-run checks sort as the oldest.
      return (a.lastRun?.at ?? "").localeCompare(b.lastRun?.at ?? "");
  }
}

/** Rows matching the search (name, slug, trigger words, expectation), sorted; ties fall back to the name. */
export function filterAndSort(rows: CheckRow[], query: ListQuery): CheckRow[] {
  const needle = query.q.toLocaleLowerCase();
  const matching = needle
    ? rows.filter((r) => [r.name, r.slug, r.trigger, r.expectation].some((s) => s.toLocaleLowerCase().includes(needle)))
    : rows;
  const sign = query.dir === "desc" ? -1 : 1;
  return [...matching].sort((a, b) => sign * compare(a, b, query.sort) || collator.compare(a.name, b.name));
}
