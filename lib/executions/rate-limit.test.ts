import { describe, expect, it } from "vitest";
import { mapWithConcurrency, tokenBucket } from "./rate-limit";

describe("tokenBucket", () => {
  it("lets a burst through, then paces at the refill rate", async () => {
    const bucket = tokenBucket(20, 3);
    const start = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 7 }, () => bucket.take().then(() => times.push(Date.now() - start))));
    times.sort((a, b) => a - b);
    expect(times[2]!).toBeLessThan(30); // the burst
    expect(times[6]!).toBeGreaterThanOrEqual(180); // 4 more at 20/s ≈ 200 ms
  });
});

describe("mapWithConcurrency", () => {
  it("never has more than `concurrency` calls in flight and keeps order", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });
});
