import { afterEach, describe, expect, it } from "vitest";
import { isDraining, shutdown } from "./shutdown";

const state = globalThis as { __accDraining?: boolean };
afterEach(() => {
  state.__accDraining = undefined;
});

describe("shutdown", () => {
  it("marks the process draining and waits for the loops to stop", async () => {
    let stopped = false;
    const done = shutdown([() => new Promise((r) => setTimeout(() => ((stopped = true), r()), 30))], 1_000);
    expect(isDraining()).toBe(true);
    await done;
    expect(stopped).toBe(true);
  });

  it("gives up waiting after the bound", async () => {
    const started = Date.now();
    await shutdown([() => new Promise(() => {})], 50);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
