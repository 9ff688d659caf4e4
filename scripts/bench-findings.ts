// `npm run bench:findings`: the findings step and the run-to-run diff for 10,000 rows against 10,000 rows, in
// memory (the pure comparison lib/findings/compare.ts; the database side is measured by the integration tests).
// Rows: 8 columns, keyed by two of them; 9,000 keys shared, 1,000 added, 1,000 removed, 500 of the shared ones with
// a changed cell, 200 duplicate keys. Prints the median of 5 runs and the heap growth of one.
import { diffRuns, findingsDelta, groupRows, keyHash, keyIndexes, type Row } from "@/lib/findings/compare";

const N = 10_000;
const COLUMNS = ["username", "host", "database", "command", "logins", "first_at", "last_at", "note"];
const KEYS = ["username", "host"];

function rows(offset: number, changed: boolean): Row[] {
  const out: Row[] = [];
  for (let i = offset; i < offset + N; i++) {
    const k = i % (N + 1000) === 7 ? null : `host-${i % 97}`;
    out.push([
      `user-${i}`,
      k,
      "prod",
      "CONNECT",
      String(changed && i % 18 === 0 ? i + 1 : i),
      "2026-11-01 00:00:00.000",
      "2026-11-02 00:00:00.000",
      i % 13 === 0 ? null : "x".repeat(40),
    ]);
  }
  // Duplicate keys within the run.
  for (let j = 0; j < 200; j++) out[N - 1 - j] = [...out[offset === 0 ? j : j + 10]!];
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const before = rows(0, false);
const after = rows(1000, true);
const idx = keyIndexes(COLUMNS, KEYS);
if (!idx.ok) throw new Error("keys");

const findingsMs: number[] = [];
const diffMs: number[] = [];
let summary = "";
globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
let peak = heap0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const prev = groupRows(before, idx.indexes);
  const open = new Set(prev.keys());
  const cur = groupRows(after, idx.indexes);
  // Hashing is part of the step (what is stored per finding).
  for (const k of cur.keys()) keyHash(k);
  const delta = findingsDelta(cur, open);
  findingsMs.push(performance.now() - t0);
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  const t1 = performance.now();
  const d = diffRuns({ columns: COLUMNS, rows: before }, { columns: COLUMNS, rows: after }, KEYS);
  diffMs.push(performance.now() - t1);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  summary =
    `findings: ${delta.appeared.length} new, ${delta.stillOpen.length} still open, ${delta.resolved.length} resolved, ` +
    `${delta.duplicateRows} duplicate rows; diff: ${d.addedCount} added, ${d.removedCount} removed, ` +
    `${d.changedCount} changed, ${d.unchangedCount} unchanged`;
}
console.log(`10,000 vs 10,000 rows, 8 columns, keys ${KEYS.join(", ")}`);
console.log(summary);
console.log(
  `findings step (group both runs, hash, delta): median ${median(findingsMs).toFixed(1)} ms (runs: ${findingsMs.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(
  `diff (pair by keys, changed cells):          median ${median(diffMs).toFixed(1)} ms (runs: ${diffMs.map((x) => x.toFixed(0)).join(", ")})`,
);
console.log(
  `heap: ${(heap0 / 1048576).toFixed(1)} MiB with both runs loaded, peak ${(peak / 1048576).toFixed(1)} MiB (+${((peak - heap0) / 1048576).toFixed(1)} MiB); rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
);
