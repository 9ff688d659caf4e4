import { formatNumber } from "@/lib/number-format";
// Athena's price for one query: $5 per TB scanned, rounded up to the next MB, 10 MB minimum; failed queries and DDL are free.

export const USD_PER_TB = 5;
const MB = 1024 * 1024;
const MB_PER_TB = 1024 * 1024;
const MINIMUM_MB = 10;

export interface QueryCost {
  usd: number;
  /** Megabytes billed (after rounding up and the minimum). */
  billedMb: number;
  minimumApplied: boolean;
  /** Why the query costs nothing, when it does. */
  freeBecause: "failed" | "ddl" | null;
}

/** The cost of a query from its state, statement type and DataScannedInBytes (binary units: 1 TB = 2^40 bytes). */
export function athenaQueryCost(q: {
  state?: string | null;
  statementType?: string | null;
  dataScannedBytes: number | bigint | null | undefined;
}): QueryCost {
  if (q.state === "FAILED") return { usd: 0, billedMb: 0, minimumApplied: false, freeBecause: "failed" };
  if (q.statementType === "DDL") return { usd: 0, billedMb: 0, minimumApplied: false, freeBecause: "ddl" };
  const bytes = Number(q.dataScannedBytes ?? 0);
  const scannedMb = Math.ceil(Math.max(0, bytes) / MB);
  const billedMb = Math.max(MINIMUM_MB, scannedMb);
  return {
    usd: (billedMb / MB_PER_TB) * USD_PER_TB,
    billedMb,
    minimumApplied: scannedMb < MINIMUM_MB,
    freeBecause: null,
  };
}

/** `$0.000048` for tiny amounts (two significant digits), `$1.23` from a cent up. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd >= 0.01) return `$${formatNumber(usd, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${formatNumber(usd, { maximumSignificantDigits: 2, maximumFractionDigits: 12 })}`;
}

/** `0 B`, `812 B`, `1.5 KB`, `10.0 MB`, `2.31 GB` (binary units). */
export function formatBytes(bytes: number | bigint | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  let n = Number(bytes);
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  if (u === 0) return `${n} B`;
  return `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)} ${units[u]}`;
}

/** `850 ms`, `1.24 s`, `2 min 5 s`. */
export function formatDurationMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const totalS = Math.round(ms / 1000);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s} s`;
}
