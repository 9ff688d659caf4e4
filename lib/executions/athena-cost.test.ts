import { describe, expect, it } from "vitest";
import { athenaQueryCost, formatBytes, formatDurationMs, formatUsd } from "./athena-cost";

const MB = 1024 * 1024;
const TB = MB * MB;

describe("athenaQueryCost", () => {
  it("charges the 10 MB minimum for small scans, including 0 bytes", () => {
    for (const bytes of [0, 1, 5 * MB, 10 * MB]) {
      const c = athenaQueryCost({ state: "SUCCEEDED", statementType: "DML", dataScannedBytes: bytes });
      expect(c.billedMb).toBe(10);
      expect(c.usd).toBeCloseTo((10 / (1024 * 1024)) * 5, 15);
    }
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: 1 }).minimumApplied).toBe(true);
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: 10 * MB }).minimumApplied).toBe(false);
  });

  it("rounds up to the next megabyte", () => {
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: 10 * MB + 1 }).billedMb).toBe(11);
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: 100 * MB - 1 }).billedMb).toBe(100);
  });

  it("is $5 for a terabyte", () => {
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: TB }).usd).toBe(5);
    expect(athenaQueryCost({ state: "SUCCEEDED", dataScannedBytes: BigInt(TB) * 3n }).usd).toBe(15);
  });

  it("is free for failed queries and DDL, but cancelled ones pay for what they scanned", () => {
    expect(athenaQueryCost({ state: "FAILED", dataScannedBytes: TB })).toMatchObject({ usd: 0, freeBecause: "failed" });
    expect(athenaQueryCost({ state: "SUCCEEDED", statementType: "DDL", dataScannedBytes: TB })).toMatchObject({
      usd: 0,
      freeBecause: "ddl",
    });
    expect(athenaQueryCost({ state: "CANCELLED", dataScannedBytes: TB }).usd).toBe(5);
  });
});

describe("formatting", () => {
  it("prints tiny costs with two significant digits and larger ones in cents", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd((10 / (1024 * 1024)) * 5)).toBe("$0.000048");
    expect(formatUsd(5)).toBe("$5.00");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
  });

  it("prints bytes and durations readably", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(10 * MB)).toBe("10.0 MB");
    expect(formatBytes(1536)).toBe("1.50 KB");
    expect(formatBytes(null)).toBe("—");
    expect(formatDurationMs(850)).toBe("850 ms");
    expect(formatDurationMs(1240)).toBe("1.24 s");
    expect(formatDurationMs(125_000)).toBe("2 min 5 s");
  });
});
