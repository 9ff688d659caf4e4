import { describe, expect, it } from "vitest";
import type { LeaderLease } from "./lease";
import { startLeaderLoop } from "./loop";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeLease(leader: () => boolean): LeaderLease & { released: boolean } {
  const lease = {
    released: false,
    isLeader: async () => leader(),
    release: async () => {
      lease.released = true;
    },
  };
  return lease;
}

describe("startLeaderLoop", () => {
  it("runs passes only while this replica leads", async () => {
    let leads = false;
    let passes = 0;
    const ticks: boolean[] = [];
    const loop = startLeaderLoop({
      loop: "reconcile",
      intervalMs: 20,
      firstDelayMs: 0,
      databaseUrl: undefined,
      lease: fakeLease(() => leads),
      pass: async () => void passes++,
      onTick: (t) => ticks.push(t.leader),
    });
    await sleep(100);
    expect(passes).toBe(0);
    expect(ticks.length).toBeGreaterThan(1);
    leads = true;
    await sleep(100);
    await loop.stop();
    expect(passes).toBeGreaterThan(1);
  });

  it("stop waits for the running pass, then gives up leadership, and no pass starts after it", async () => {
    const lease = fakeLease(() => true);
    let finished = 0;
    let started = 0;
    const loop = startLeaderLoop({
      loop: "executions-sync",
      intervalMs: 10,
      firstDelayMs: 0,
      databaseUrl: undefined,
      lease,
      pass: async () => {
        started++;
        await sleep(80);
        finished++;
      },
    });
    await sleep(20);
    expect(started).toBe(1);
    await loop.stop();
    expect(finished).toBe(1);
    expect(lease.released).toBe(true);
    await sleep(50);
    expect(started).toBe(1);
  });

  it("keeps going after a pass throws", async () => {
    let passes = 0;
    const loop = startLeaderLoop({
      loop: "reconcile",
      intervalMs: 10,
      firstDelayMs: 0,
      databaseUrl: undefined,
      lease: fakeLease(() => true),
      pass: async () => {
        passes++;
        throw new Error("boom");
      },
    });
    await sleep(80);
    await loop.stop();
    expect(passes).toBeGreaterThan(2);
  });
});
