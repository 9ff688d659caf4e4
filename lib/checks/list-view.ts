// The checks table's rows: search, sort and page held in the URL, applied here (pure, so it is unit-tested).
import { describeExpectation } from "./expectation";
import { describeTrigger } from "./trigger-summary";
import type { CheckSummary, SyncStatus } from "./types";

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
  /** 1-based; a page past the end shows the last one. */
  page: number;
  /** Rows per page: one of CHECKS_PAGE_SIZES. */
  size: number;
}

/**
 * Rows per page, the first the default (as the executions list). A team's list grows to hundreds of checks, and each
 * row rendered costs the server time on every view (153 checks on one page: 350 KB, a third of the pages served under
 * load), so the list shows one page at a time; search and sort still cover every check.
 */
export const CHECKS_PAGE_SIZES = [25, 50, 100] as const;

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** Reads ?q=&sort=&dir=&page=&size= leniently: unknown values fall back to the first page by name ascending. */
export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const sort = first(params.sort);
  const dir = first(params.dir);
  const page = first(params.page);
  const size = Number(first(params.size));
  return {
    q: first(params.q).trim(),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "name",
    dir: dir === "desc" ? "desc" : "asc",
    page: /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
    size: (CHECKS_PAGE_SIZES as readonly number[]).includes(size) ? size : CHECKS_PAGE_SIZES[0],
  };
}

/** The list's address for `query`, leaving out what is the default (name ascending, first page, default size). */
export function listHref(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sort !== "name" || query.dir !== "asc") {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page > 1) params.set("page", String(query.page));
  if (query.size !== CHECKS_PAGE_SIZES[0]) params.set("size", String(query.size));
  const search = params.toString();
  return search ? `/checks?${search}` : "/checks";
}

/** The address that sorts by `key`: ascending first, the other way when it already sorts by it; from the first page. */
export function sortHref(query: ListQuery, key: SortKey): string {
  return listHref({ ...query, sort: key, dir: query.sort === key && query.dir === "asc" ? "desc" : "asc", page: 1 });
}

export interface ListPage {
  rows: CheckRow[];
  /** The page shown (the requested one, or the last when it asked past the end). */
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown among the matching ones (0 and 0 when none match). */
  first: number;
  last: number;
  /** Rows matching the search, on all pages. */
  matching: number;
}

/** The query's page of `rows` (already filtered and sorted). */
export function pageOf(rows: CheckRow[], { page: wanted, size }: Pick<ListQuery, "page" | "size">): ListPage {
  const pageCount = Math.max(1, Math.ceil(rows.length / size));
  const page = Math.min(wanted, pageCount);
  const start = (page - 1) * size;
  const shown = rows.slice(start, start + size);
  return {
    rows: shown,
    page,
    pageCount,
    first: shown.length ? start + 1 : 0,
    last: start + shown.length,
    matching: rows.length,
  };
}

/** What the list shows, in words: all of them, a search's share, or the page's span of either. */
export function countLabel(list: ListPage, total: number): string {
  const n = (v: number) => v.toLocaleString("en-US");
  const checks = (v: number) => `${n(v)} check${v === 1 ? "" : "s"}`;
  if (list.pageCount === 1) return list.matching === total ? checks(total) : `${n(list.matching)} of ${checks(total)}`;
  const span = `${n(list.first)}–${n(list.last)}`;
  return list.matching === total
    ? `${span} of ${checks(total)}`
    : `${span} of ${n(list.matching)} matching (${checks(total)})`;
}

export function toCheckRow(check: CheckSummary, lastRun: LastRunView | null): CheckRow {
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
export function filterAndSort(rows: CheckRow[], query: Pick<ListQuery, "q" | "sort" | "dir">): CheckRow[] {
  const needle = query.q.toLocaleLowerCase();
  const matching = needle
    ? rows.filter((r) => [r.name, r.slug, r.trigger, r.expectation].some((s) => s.toLocaleLowerCase().includes(needle)))
    : rows;
  const sign = query.dir === "desc" ? -1 : 1;
  return [...matching].sort((a, b) => sign * compare(a, b, query.sort) || collator.compare(a.name, b.name));
}
