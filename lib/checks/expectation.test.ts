import { describe, expect, it } from "vitest";
import { describeExpectation } from "./expectation";
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
