// Several web server processes on one port: requests reach every worker, only worker 0 runs the background loops,
// the reconcile lock excludes across workers (the embedded PGlite cannot), /metrics answers for all of them, a
// killed worker comes back in its slot, and SIGTERM ends them all.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startChild, type Child } from "./child-process";

const APP = path.join(__dirname, "testing", "web-cluster-app.ts");
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");

let app: Child | undefined;
afterEach(async () => {
  await app?.stop(10_000);
  app = undefined;
});

async function start(workers: number): Promise<string> {
  app = startChild("cluster-app", TSX, [APP], { ...process.env, WORKERS: String(workers), PORT: "0" });
  // Every worker is listening before the test begins.
  const port = (await app.waitForLines(/^listening \d+ (\d+)/, workers, 30_000))[0]![1];
  return `http://127.0.0.1:${port}`;
}

type Who = { pid: number; slot: string | null; background: string };

async function whoami(base: string): Promise<Who> {
  // A new connection each time, so the primary's round robin picks the worker.
  const res = await fetch(`${base}/whoami`, { headers: { connection: "close" } });
  return (await res.json()) as Who;
}

async function workersSeen(base: string, tries = 40): Promise<Map<number, Who>> {
  const seen = new Map<number, Who>();
  for (let i = 0; i < tries; i++) {
    const w = await whoami(base);
    seen.set(w.pid, w);
  }
  return seen;
}

describe("web server workers on one port", () => {
  it("serves from every worker, with the background loops in worker 0 only", async () => {
    const base = await start(2);
    const seen = await workersSeen(base);
    expect(seen.size).toBe(2);
    const bySlot = new Map([...seen.values()].map((w) => [w.slot, w.background]));
    expect(bySlot).toEqual(
      new Map([
        ["0", "on"],
        ["1", "off"],
      ]),
    );
  });

  it("holds the reconcile lock in one worker at a time", async () => {
    const base = await start(2);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${base}/lock`, { headers: { connection: "close" } }).then(
          async (r) => (await r.json()) as { pid: number; start: number; end: number },
        ),
      ),
    );
    expect(new Set(results.map((r) => r.pid)).size).toBe(2);
    const sorted = [...results].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
  });

  it("answers /metrics with every worker's counters summed", async () => {
    const base = await start(3);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/acc_aws_calls_total\{service="test",operation="Start",code=""\} 3/);
  });

  it("starts a killed worker again in its slot and stops every worker on SIGTERM", async () => {
    const base = await start(2);
    const before = await workersSeen(base);
    const victim = [...before.values()].find((w) => w.slot === "0")!;
    process.kill(victim.pid, "SIGKILL");
    await app!.waitForLine(/web worker 0 \(pid \d+\) exited \(SIGKILL\); starting it again in 1000 ms/, 10_000);
    await app!.waitForLine(/^listening \d+/, 30_000);
    const after = await workersSeen(base);
    expect(after.size).toBe(2);
    expect(after.has(victim.pid)).toBe(false);
    expect([...after.values()].map((w) => w.slot).sort()).toEqual(["0", "1"]);

    const pids = [...after.keys()];
    const exited = app!.exited;
    app!.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    app = undefined;
  });
});
