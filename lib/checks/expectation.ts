// Expectations in words, and the symbols operators know (= ≠ < ≤ > ≥) for the stored op codes.
import { comparisonOpSchema, type ComparisonOp, type Expectation } from "./types";
import { formatNumber } from "@/lib/number-format";

export const COMPARISON_OPS: readonly ComparisonOp[] = comparisonOpSchema.options;

export const OP_SYMBOL: Record<ComparisonOp, string> = { eq: "=", ne: "≠", lt: "<", le: "≤", gt: ">", ge: "≥" };

export const EXPECTATION_KIND_LABEL: Record<Expectation["kind"], string> = {
  none: "No expectation (always pass)",
  noRows: "No rows",
  rowCount: "Row count",
  firstValue: "First value",
  noUnacknowledgedFindings: "No unacknowledged findings",
};

/** A threshold or value as typed: every decimal kept, digits grouped. */
function formatValue(n: number): string {
  return formatNumber(n, { maximumFractionDigits: 20 });
}

/** "First value = 0", "No rows", "Row count ≤ 5", "No expectation (always pass)". */
export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case "none":
      return EXPECTATION_KIND_LABEL.none;
    case "noRows":
      return "No rows";
    case "rowCount":
      return `Row count ${OP_SYMBOL[e.op]} ${formatValue(e.value)}`;
    case "firstValue":
      return `First value ${OP_SYMBOL[e.op]} ${formatValue(e.value)}`;
    case "noUnacknowledgedFindings":
      return EXPECTATION_KIND_LABEL.noUnacknowledgedFindings;
  }
}

/** How many rows the state machine reads to decide (PREVIEW_MAX_RESULTS minus the header row). */
export const PREVIEW_ROWS = 20;

export interface WouldBeVerdict {
  verdict: "PASS" | "FAIL" | "ERROR";
  /** Why, in words (the comparison made, or what stops the decision). */
  reason: string;
}

const COMPARE: Record<ComparisonOp, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
};

const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * The verdict the state machine's Evaluate step would give on a result: `rowCount` is the number of data rows (the
 * machine sees at most 20), `firstValue` the first column of the first row as Athena returned it (null for SQL NULL
 * or no rows). The same rules as lib/reconcile/state-machine-definition.ts, so a preview agrees with a real run.
 */
export function wouldBeVerdict(
  e: Expectation,
  result: { rowCount: number; firstValue: string | null },
): WouldBeVerdict {
  const seen = Math.min(result.rowCount, PREVIEW_ROWS);
  switch (e.kind) {
    case "none":
      return { verdict: "PASS", reason: "The check has no expectation: every run that finishes passes." };
    case "noRows":
      return seen === 0
        ? { verdict: "PASS", reason: "No rows, as expected." }
        : { verdict: "FAIL", reason: `Expected no rows; the query returned ${rowsText(seen)}.` };
    case "rowCount": {
      if (seen >= PREVIEW_ROWS && e.value >= PREVIEW_ROWS) {
        return {
          verdict: "ERROR",
          reason:
            "The query returned 20 rows or more and the expectation compares with 20 or more: a run reads only 20 rows. Use SELECT count(*) with a first-value expectation instead.",
        };
      }
      const pass = COMPARE[e.op](seen, e.value);
      return {
        verdict: pass ? "PASS" : "FAIL",
        reason: `The query returned ${rowsText(seen)}; expected ${describeExpectation(e).toLowerCase()}.`,
      };
    }
    case "firstValue": {
      if (result.firstValue === null) {
        return {
          verdict: "ERROR",
          reason:
            "The expectation compares the first value, but the query returned no rows or NULL in the first column.",
        };
      }
      const v = result.firstValue.trim();
      if (!JSON_NUMBER.test(v)) {
        return { verdict: "ERROR", reason: `The first value “${result.firstValue}” is not a number.` };
      }
      const n = Number(v);
      const pass = COMPARE[e.op](n, e.value);
      return {
        verdict: pass ? "PASS" : "FAIL",
        reason: `The first value is ${formatValue(n)}; expected ${describeExpectation(e).toLowerCase()}.`,
      };
    }
    case "noUnacknowledgedFindings":
      // A run wraps the query to leave acknowledged findings out; this preview runs it as written, so every row counts.
      return seen === 0
        ? { verdict: "PASS", reason: "No rows, so no findings." }
        : {
            verdict: "FAIL",
            reason: `The query returned ${rowsText(seen)}, each a finding; a real run passes only when every one of them is acknowledged.`,
          };
  }
}

function rowsText(n: number): string {
  return n >= PREVIEW_ROWS ? "20 rows or more" : `${n} row${n === 1 ? "" : "s"}`;
}
