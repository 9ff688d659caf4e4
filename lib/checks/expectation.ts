// Expectations in words, and the symbols operators know (= ≠ < ≤ > ≥) for the stored op codes.
import { comparisonOpSchema, type ComparisonOp, type Expectation } from "./types";

export const COMPARISON_OPS: readonly ComparisonOp[] = comparisonOpSchema.options;

export const OP_SYMBOL: Record<ComparisonOp, string> = { eq: "=", ne: "≠", lt: "<", le: "≤", gt: ">", ge: "≥" };

export const EXPECTATION_KIND_LABEL: Record<Expectation["kind"], string> = {
  none: "No expectation (always pass)",
  noRows: "No rows",
  rowCount: "Row count",
  firstValue: "First value",
  noUnacknowledgedFindings: "No unacknowledged findings",
};

function formatNumber(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 20 });
}

/** "First value = 0", "No rows", "Row count ≤ 5", "No expectation (always pass)". */
export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case "none":
      return EXPECTATION_KIND_LABEL.none;
    case "noRows":
      return "No rows";
    case "rowCount":
      return `Row count ${OP_SYMBOL[e.op]} ${formatNumber(e.value)}`;
    case "firstValue":
      return `First value ${OP_SYMBOL[e.op]} ${formatNumber(e.value)}`;
    case "noUnacknowledgedFindings":
      return EXPECTATION_KIND_LABEL.noUnacknowledgedFindings;
  }
}
