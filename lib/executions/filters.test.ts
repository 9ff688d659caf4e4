import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseFilters, parsePage, timeWindow, toSearchParams } from "./filters";

describe("filters ⇄ URL", () => {
  it("round-trips every filter", () => {
    const params = {
      check: "7d5c3f0e-0000-4000-8000-000000000001",
      status: "RUNNING,FAILED",
      verdict: ["FAIL", "ERROR"],
      trigger: "manual",
      from: "2026-11-01T00:00",
      to: "2026-11-02T12:30",
      q: "aurora",
    };
    const f = parseFilters(params);
    expect(f).toMatchObject({
      status: ["RUNNING", "FAILED"],
      verdict: ["FAIL", "ERROR"],
      trigger: ["manual"],
      q: "aurora",
    });
    expect(f.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(Object.fromEntries(toSearchParams(f))).toEqual({ ...params, verdict: "FAIL,ERROR" });
  });

  it("drops what it does not know instead of failing", () => {
    const f = parseFilters({ check: "not-a-uuid", status: "BOGUS", verdict: "pass", range: "5y", from: "yesterday" });
    expect(f).toMatchObject({ checkId: null, status: [], verdict: ["PASS"], range: null, from: null });
    expect(toSearchParams(f).toString()).toBe("verdict=PASS");
  });

  it("lets a preset range win over from/to", () => {
    const f = parseFilters({ range: "24h", from: "2026-01-01T00:00" });
    const now = new Date("2026-11-28T00:00:00Z");
    expect(timeWindow(f, now)).toEqual({ from: new Date("2026-11-27T00:00:00Z"), to: null });
    expect(toSearchParams(f).toString()).toBe("range=24h");
  });

  it("keeps the page size to the offered ones", () => {
    expect(parsePage({ size: "100" }).size).toBe(100);
    expect(parsePage({ size: "100000" }).size).toBe(25);
  });
});

describe("cursors", () => {
  it("round-trip and refuse garbage", () => {
    const c = encodeCursor(new Date("2026-11-27T23:59:59.123Z"), 12345678901234n);
    expect(decodeCursor(c)).toEqual({ startDate: new Date("2026-11-27T23:59:59.123Z"), id: 12345678901234n });
    expect(decodeCursor("garbage")).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });
});
