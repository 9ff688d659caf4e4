// Rows of two runs compared, pure (no database): the findings lifecycle groups a run's rows by the check's finding
// keys, and the run-to-run diff pairs rows by those keys (or by the whole row when a check has none). Used by
// lib/db/findings.ts, the compare page, the tests and scripts/bench-findings.ts.
//
// Values are what a snapshot stores: strings, null for SQL NULL. A key is the JSON array of the key values, so NULL
// and the text "null" stay apart ("[null]" vs "[\"null\"]"), as do "" and NULL. Duplicate keys within one run are
// counted (`rows`), never collapsed silently.
import { createHash } from "node:crypto";

export type Cell = string | null;
export type Row = readonly Cell[];

/** The key of a row: the JSON array of the values at `indexes` (the whole row when `indexes` is null). */
export function rowKey(row: Row, indexes: readonly number[] | null): string {
  if (indexes === null) return JSON.stringify(row);
  const values: Cell[] = new Array<Cell>(indexes.length);
  for (let i = 0; i < indexes.length; i++) values[i] = row[indexes[i]!] ?? null;
  return JSON.stringify(values);
}

/** What is stored and indexed: SHA-256 (hex) of the key. */
export function keyHash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * The positions of `keys` among `columns` (matched exactly first, then ignoring case, as Athena lower-cases
 * unquoted names), or the keys that are missing.
 */
export function keyIndexes(
  columns: readonly string[],
  keys: readonly string[],
): { ok: true; indexes: number[] } | { ok: false; missing: string[] } {
  const indexes: number[] = [];
  const missing: string[] = [];
  for (const k of keys) {
    let i = columns.indexOf(k);
    if (i < 0) i = columns.findIndex((c) => c.toLowerCase() === k.toLowerCase());
    if (i < 0) missing.push(k);
    else indexes.push(i);
  }
  return missing.length ? { ok: false, missing } : { ok: true, indexes };
}

export interface KeyGroup {
  key: string;
  /** The key values, in key order. */
  values: Cell[];
  /** Rows of the run with this key (duplicates counted). */
  rows: number;
  /** The first row with this key. */
  first: Row;
}

/** A run's rows grouped by key, in first-appearance order. */
export function groupRows(rows: Iterable<Row>, indexes: readonly number[] | null): Map<string, KeyGroup> {
  const out = new Map<string, KeyGroup>();
  for (const row of rows) {
    const key = rowKey(row, indexes);
    const g = out.get(key);
    if (g) g.rows++;
    else out.set(key, { key, values: JSON.parse(key) as Cell[], rows: 1, first: row });
  }
  return out;
}

export interface FindingsDelta {
  /** Keys in this run and not open before (first seen, or seen again after being resolved). */
  appeared: KeyGroup[];
  /** Keys open before and in this run. */
  stillOpen: KeyGroup[];
  /** Keys open before and not in this run. */
  resolved: string[];
  rows: number;
  duplicateRows: number;
}

/**
 * The findings lifecycle step: which keys of this run are new, still open, and which open ones it resolves.
 * `resolve: false` (a run cut at its snapshot cap: the rows past the cut are unknown) resolves nothing.
 */
export function findingsDelta(
  current: Map<string, KeyGroup>,
  openBefore: ReadonlySet<string>,
  options: { resolve: boolean } = { resolve: true },
): FindingsDelta {
  const appeared: KeyGroup[] = [];
  const stillOpen: KeyGroup[] = [];
  let rows = 0;
  for (const g of current.values()) {
    rows += g.rows;
    (openBefore.has(g.key) ? stillOpen : appeared).push(g);
  }
  const resolved = options.resolve ? [...openBefore].filter((k) => !current.has(k)) : [];
  return { appeared, stillOpen, resolved, rows, duplicateRows: rows - current.size };
}

// ── The run-to-run diff ──────────────────────────────────────────────────────────────────────────────────────────

export interface DiffSide {
  columns: readonly string[];
  rows: Iterable<Row>;
}

export interface ChangedRow {
  key: Cell[];
  /** Rows aligned on `RunDiff.columns` (null where the side lacks the column). */
  before: Cell[];
  after: Cell[];
  /** Names of the columns whose value differs. */
  cells: string[];
  /** Rows with this key on each side, when a side has duplicates. */
  rowsBefore: number;
  rowsAfter: number;
}

export interface RunDiff {
  /** Both sides' columns, the newer run's order first. */
  columns: string[];
  columnsAdded: string[];
  columnsRemoved: string[];
  /** "keys" when paired by the finding keys, "row" when by whole rows. */
  pairedBy: "keys" | "row";
  keys: string[];
  /** Counts over everything; the lists stop at `limit` entries. */
  addedCount: number;
  removedCount: number;
  changedCount: number;
  unchangedCount: number;
  added: Cell[][];
  removed: Cell[][];
  changed: ChangedRow[];
}

function align(row: Row, from: readonly string[], to: readonly string[]): Cell[] {
  const at = new Map(from.map((c, i) => [c, i]));
  return to.map((c) => {
    const i = at.get(c);
    return i === undefined ? null : (row[i] ?? null);
  });
}

/**
 * The difference from `before` (the earlier run) to `after`: rows added and removed, and, when paired by keys, rows
 * whose other cells changed. Keys missing from a side's columns fall back to whole rows (and say so in pairedBy).
 */
export function diffRuns(before: DiffSide, after: DiffSide, keys: readonly string[], limit = 1000): RunDiff {
  const columns = [...after.columns, ...before.columns.filter((c) => !after.columns.includes(c))];
  const columnsAdded = after.columns.filter((c) => !before.columns.includes(c));
  const columnsRemoved = before.columns.filter((c) => !after.columns.includes(c));
  const bIdx = keys.length ? keyIndexes(before.columns, keys) : null;
  const aIdx = keys.length ? keyIndexes(after.columns, keys) : null;
  const byKeys = !!(bIdx?.ok && aIdx?.ok);
  // Whole rows are compared on the shared columns in one order, so a reordered column is not a change.
  const shared = after.columns.filter((c) => before.columns.includes(c));
  const norm = (row: Row, cols: readonly string[]) => (byKeys ? [...row] : align(row, cols, shared));
  const beforeRows = mapRows(before.rows, (r) => norm(r, before.columns));
  const afterRows = mapRows(after.rows, (r) => norm(r, after.columns));
  const b = groupRows(beforeRows, byKeys && bIdx?.ok ? bIdx.indexes : null);
  const a = groupRows(afterRows, byKeys && aIdx?.ok ? aIdx.indexes : null);

  const diff: RunDiff = {
    columns,
    columnsAdded,
    columnsRemoved,
    pairedBy: byKeys ? "keys" : "row",
    keys: byKeys ? [...keys] : [],
    addedCount: 0,
    removedCount: 0,
    changedCount: 0,
    unchangedCount: 0,
    added: [],
    removed: [],
    changed: [],
  };
  const show = (row: Row, cols: readonly string[]) => align(row, byKeys ? cols : shared, columns);
  for (const g of a.values()) {
    const old = b.get(g.key);
    if (!old) {
      diff.addedCount += g.rows;
      for (let i = 0; i < g.rows && diff.added.length < limit; i++) diff.added.push(show(g.first, after.columns));
      continue;
    }
    if (!byKeys) {
      // Whole rows: a multiset difference (a row twice before and three times now is one added).
      const common = Math.min(old.rows, g.rows);
      diff.unchangedCount += common;
      diff.addedCount += g.rows - common;
      for (let i = common; i < g.rows && diff.added.length < limit; i++) diff.added.push(show(g.first, after.columns));
      diff.removedCount += old.rows - common;
      for (let i = common; i < old.rows && diff.removed.length < limit; i++)
        diff.removed.push(show(old.first, before.columns));
      continue;
    }
    const beforeRow = show(old.first, before.columns);
    const afterRow = show(g.first, after.columns);
    const cells = columns.filter((_, i) => beforeRow[i] !== afterRow[i]);
    if (cells.length === 0 && old.rows === g.rows) {
      diff.unchangedCount++;
      continue;
    }
    diff.changedCount++;
    if (diff.changed.length < limit)
      diff.changed.push({
        key: g.values,
        before: beforeRow,
        after: afterRow,
        cells,
        rowsBefore: old.rows,
        rowsAfter: g.rows,
      });
  }
  for (const g of b.values()) {
    if (a.has(g.key)) continue;
    diff.removedCount += g.rows;
    for (let i = 0; i < g.rows && diff.removed.length < limit; i++) diff.removed.push(show(g.first, before.columns));
  }
  return diff;
}

function mapRows(rows: Iterable<Row>, f: (r: Row) => Cell[]): Cell[][] {
  const out: Cell[][] = [];
  for (const r of rows) out.push(f(r));
  return out;
}
