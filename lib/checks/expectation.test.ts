import { describe, expect, it } from "vitest";
import { describeExpectation, wouldBeVerdict } from "./expectation";
import type { Expectation } from "./types";

describe("describeExpectation", () => {
  it.each<[Expectation, string]>([
    [{ kind: "none" }, "No expectation (always pass)"],
    [{ kind: "noRows" }, "No rows"],
    [{ kind: "firstValue", op: "eq", value: 0 }, "First value = 0"],
    [{ kind: "firstValue", op: "ne", value: 1 }, "First value ≠ 1"],
    [{ kind: "firstValue", op: "lt", value: 2.5 }, "First value < 2.5"],
    [{ kind: "firstValue", op: "ge", value: -3 }, "First value ≥ -3"],
    [{ kind: "firstValue", op: "gt", value: 1234567 }, "First value > 1,234,567"],
    [{ kind: "rowCount", op: "le", value: 5 }, "Row count ≤ 5"],
    [{ kind: "rowCount", op: "eq", value: 0 }, "Row count = 0"],
    [{ kind: "rowCount", op: "gt", value: 1000 }, "Row count > 1,000"],
    [{ kind: "firstValue", op: "lt", value: 0.0001 }, "First value < 0.0001"],
  ])("%j → %s", (e, words) => {
    expect(describeExpectation(e)).toBe(words);
  });
});

describe("wouldBeVerdict", () => {
  it.each<[Expectation, number, string | null, string]>([
    [{ kind: "none" }, 5, "x", "PASS"],
    [{ kind: "noRows" }, 0, null, "PASS"],
    [{ kind: "noRows" }, 1, "a", "FAIL"],
    [{ kind: "rowCount", op: "le", value: 5 }, 5, "a", "PASS"],
    [{ kind: "rowCount", op: "le", value: 5 }, 6, "a", "FAIL"],
    [{ kind: "rowCount", op: "gt", value: 19 }, 100_000, "a", "PASS"],
    [{ kind: "rowCount", op: "ge", value: 20 }, 100_000, "a", "ERROR"],
    [{ kind: "rowCount", op: "lt", value: 25 }, 12, "a", "PASS"],
    [{ kind: "firstValue", op: "eq", value: 0 }, 1, "0", "PASS"],
    [{ kind: "firstValue", op: "eq", value: 0 }, 1, "3", "FAIL"],
    [{ kind: "firstValue", op: "ne", value: 0 }, 1, "2.5", "PASS"],
    [{ kind: "firstValue", op: "eq", value: 0 }, 0, null, "ERROR"],
    [{ kind: "firstValue", op: "eq", value: 0 }, 1, "abc", "ERROR"],
  ])("%j on %d rows, first %j → %s", (e, rowCount, firstValue, verdict) => {
    expect(wouldBeVerdict(e, { rowCount, firstValue }).verdict).toBe(verdict);
  });

  it("says why", () => {
    expect(wouldBeVerdict({ kind: "firstValue", op: "eq", value: 0 }, { rowCount: 1, firstValue: "3" }).reason).toBe(
      "The first value is 3; expected first value = 0.",
    );
  });
});
