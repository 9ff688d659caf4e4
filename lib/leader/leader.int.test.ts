// Two replicas' background loops in two processes on one real PostgreSQL and one emulator: one reconcile pass and
// one executions-sync pass per interval, all from the leader (every AWS call is counted by the process making it);
// the leader killed with SIGKILL is replaced within one interval; SIGTERM ends the new leader at a safe point.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";

const ROOT = path.resolve(__dirname, "..", "..");
const INTERVAL_S = 2;

interface Replica {
  name: string;
  child: ChildProcess;
  calls: Array<{ call: string; t: number }>;
  stoppedAt: number | null;
  exited: Promise<number | null>;
}

let db: TestDatabase;
let emulator: EmulatorProcess;
const replicas: Replica[] = [];

function startReplica(name: string): Replica {
  // node itself with tsx's loader (not the tsx wrapper, which would leave its node child running on SIGKILL).
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "testing/loop-runner.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      AWS_ENDPOINT_URL: emulator.url,
      ACC_AWS_MODE: "emulator",
      RECONCILE_INTERVAL_SECONDS: String(INTERVAL_S),
      EXECUTIONS_SYNC_INTERVAL_SECONDS: String(INTERVAL_S),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const replica: Replica = {
    name,
    child,
    calls: [],
    stoppedAt: null,
    exited: new Promise((res) => child.once("exit", (code) => res(code))),
  };
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const msg = JSON.parse(line) as { call?: string; t?: number; stopped?: number };
      if (msg.call) replica.calls.push({ call: msg.call, t: msg.t! });
      if (msg.stopped) replica.stoppedAt = msg.stopped;
    }
  });
  child.stderr!.resume();
  replicas.push(replica);
  return replica;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const passes = (r: Replica, op: string, from = 0, to = Infinity) =>
  r.calls.filter((c) => c.call === op && c.t >= from && c.t < to);

beforeAll(async () => {
  [db, emulator] = await Promise.all([createPostgresTestDatabase("leader"), startEmulator()]);
});
afterAll(async () => {
  for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
  await Promise.all([db?.drop(), emulator?.stop()]);
});

describe("background loops on two replicas", () => {
  it("one pass per interval from the leader only; a killed leader is replaced within one interval", async () => {
    const a = startReplica("a");
    const b = startReplica("b");
    const until = async (ok: () => boolean, ms: number, what: string) => {
      const deadline = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
      }
    };
    // Warm-up: both processes compile and connect, and the first pass creates the state machine (seconds on a
    // busy machine). Then observe five intervals of the steady state.
    await until(
      () => passes(a, "ListRules").length + passes(b, "ListRules").length >= 2,
      90_000,
      "two reconcile passes",
    );
    const from = Date.now();
    await sleep(5 * INTERVAL_S * 1000);
    const to = Date.now();

    // Each loop has its own leader (they may sit on different replicas); each loop's calls come from one replica.
    const SYNC_OPS = new Set(["ListExecutions", "DescribeExecution", "GetExecutionHistory", "GetQueryExecution"]);
    const loopCalls = (r: Replica, loop: "reconcile" | "sync") =>
      r.calls.filter((c) => c.t >= from && c.t < to && SYNC_OPS.has(c.call) === (loop === "sync"));
    for (const loop of ["reconcile", "sync"] as const) {
      const active = [a, b].filter((r) => loopCalls(r, loop).length > 0);
      expect(active.map((r) => r.name)).toHaveLength(1);
    }
    const [leader, follower] = loopCalls(a, "reconcile").length > 0 ? [a, b] : [b, a];
    const syncLeader = loopCalls(a, "sync").length > 0 ? a : b;
    // One reconcile pass (one ListRules with no rules) and one sync pass (one ListExecutions) per interval: never
    // more than one per interval; fewer only when a loaded machine makes the ticks late.
    const reconcilePasses = passes(leader, "ListRules", from, to);
    const syncPasses = passes(syncLeader, "ListExecutions", from, to);
    expect(reconcilePasses.length).toBeGreaterThanOrEqual(3);
    expect(reconcilePasses.length).toBeLessThanOrEqual(6);
    expect(syncPasses.length).toBeGreaterThanOrEqual(3);
    expect(syncPasses.length).toBeLessThanOrEqual(6);
    // Never two passes at once: consecutive passes start at least most of an interval apart.
    for (const list of [reconcilePasses, syncPasses]) {
      for (let i = 1; i < list.length; i++) expect(list[i]!.t - list[i - 1]!.t).toBeGreaterThan(INTERVAL_S * 900);
    }

    const killedAt = Date.now();
    leader.child.kill("SIGKILL");
    await leader.exited;
    await until(() => passes(follower, "ListRules").length > 0, 5 * INTERVAL_S * 1000, "the follower's first pass");
    const takeoverMs = passes(follower, "ListRules")[0]!.t - killedAt;
    // Within one interval (plus the pass's own start-up).
    expect(takeoverMs).toBeLessThan(INTERVAL_S * 1000 + 1_000);
    // The survivor runs the sync loop too now (it already did, or it took it over the same way).
    const afterKill = Date.now();
    await until(
      () => passes(follower, "ListExecutions", afterKill).length > 0,
      2 * INTERVAL_S * 1000,
      "the survivor's sync pass",
    );

    // SIGTERM: the loops stop at a safe point, the database is closed, the process exits 0 promptly.
    const termAt = Date.now();
    follower.child.kill("SIGTERM");
    expect(await follower.exited).toBe(0);
    expect(follower.stoppedAt).not.toBeNull();
    expect(Date.now() - termAt).toBeLessThan(10_000);
    // No AWS call after it said it stopped.
    expect(follower.calls.filter((c) => c.t > follower.stoppedAt!)).toEqual([]);
  });
});
