// A supervised child killed with SIGKILL comes back (new process, ready again); stop() ends it for good.
import { afterEach, describe, expect, it } from "vitest";
import { startChild, type Child } from "./child-process";
import { supervise, type Supervised } from "./supervise";

const SCRIPT = `console.log("ready " + process.pid); setInterval(() => {}, 1000);`;

async function startReady(): Promise<Child> {
  const child = startChild("probe", process.execPath, ["-e", SCRIPT], process.env);
  await child.waitForLine(/^ready \d+/, 10_000);
  return child;
}

async function until<T>(get: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let supervised: Supervised | undefined;
afterEach(async () => {
  await supervised?.stop();
  supervised = undefined;
});

describe("supervise", () => {
  it("restarts a killed child with backoff and stops it on stop()", async () => {
    const messages: string[] = [];
    supervised = await supervise("probe", startReady, { minDelayMs: 100, log: (m) => messages.push(m) });
    const first = supervised.current()!;
    const firstPid = first.process.pid;
    first.process.kill("SIGKILL");
    await first.exited;
    const second = await until(() => {
      const c = supervised!.current();
      return c && c.process.pid !== firstPid ? c : undefined;
    }, 10_000);
    expect(supervised.restarts()).toBe(1);
    expect(messages[0]).toMatch(/probe exited unexpectedly \(SIGKILL\); restarting in 0\.1 s/);

    // A second quick failure waits twice as long.
    second.process.kill("SIGKILL");
    await second.exited;
    await until(() => (supervised!.restarts() === 2 ? true : undefined), 10_000);
    expect(messages.find((m) => m.includes("restarting in 0.2 s"))).toBeDefined();

    const last = supervised.current()!;
    await supervised.stop();
    supervised = undefined;
    expect(last.process.exitCode !== null || last.process.signalCode !== null).toBe(true);
  }, 30_000);

  it("does not restart a child stopped through stop() and rejects a first start that fails", async () => {
    await expect(supervise("broken", () => Promise.reject(new Error("no binary")), { minDelayMs: 10 })).rejects.toThrow(
      "no binary",
    );
    supervised = await supervise("probe", startReady, { minDelayMs: 10 });
    await supervised.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(supervised.restarts()).toBe(0);
    supervised = undefined;
  });

  it("stops a child whose restart was still starting when stop() came (no orphan after a group SIGTERM)", async () => {
    let started = 0;
    let latest: Child | undefined;
    const slowSecondStart = async () => {
      started++;
      if (started > 1) await new Promise((resolve) => setTimeout(resolve, 300));
      latest = await startReady();
      return latest;
    };
    supervised = await supervise("probe", slowSecondStart, { minDelayMs: 10 });
    const first = supervised.current()!;
    first.process.kill("SIGTERM");
    await first.exited;
    await until(() => (started === 2 ? true : undefined), 5_000);
    // The restart is in flight (its start takes 300 ms): stop now.
    await supervised.stop();
    supervised = undefined;
    const orphan = latest!;
    expect(orphan.process.pid).not.toBe(first.process.pid);
    expect(orphan.process.exitCode !== null || orphan.process.signalCode !== null).toBe(true);
  }, 30_000);
});
