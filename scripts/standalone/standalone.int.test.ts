// The standalone build as a deployment runs it: the folder copied to an empty directory with no repository around
// it (no node_modules above, no sources), `node server.mjs` against a fresh PostgreSQL database and the emulator.
// Two replicas start together (the migration advisory lock lets one migrate, the other finds nothing pending); then
// /healthz, /readyz, /signin, and the checks page through a service token created in the database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/actor";
import { issueServiceToken } from "@/lib/auth/tokens";
import { setPrismaClient } from "@/lib/db/client";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";

const ROOT = path.resolve(__dirname, "..", "..");
const BUILD = path.join(ROOT, ".next", "standalone");

let db: TestDatabase;
let emulator: EmulatorProcess;
let dir: string;
const servers: Array<{ child: ChildProcess; port: number; out: () => string }> = [];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.once("error", reject);
  });

async function startServer(extraEnv: Record<string, string> = {}): Promise<(typeof servers)[number]> {
  const port = await freePort();
  // Only what a container would have: no variables of the developer's shell, no repository.
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      AWS_ENDPOINT_URL: emulator.url,
      PORT: String(port),
      ACC_DATA_DIR: path.join(dir, "data"),
      NEXT_TELEMETRY_DISABLED: "1",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const server = { child, port, out: () => out };
  servers.push(server);
  return server;
}

async function waitReady(server: (typeof servers)[number]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited ${server.child.exitCode}:\n${server.out()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer within 60 s:\n${server.out()}`);
}

beforeAll(async () => {
  if (!existsSync(path.join(BUILD, "server.mjs"))) {
    // A checkout without a build: make one (minutes; `npm run build` before the suite avoids it).
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  dir = mkdtempSync(path.join(os.tmpdir(), "acc-standalone-"));
  cpSync(BUILD, dir, { recursive: true });
  [db, emulator] = await Promise.all([createPostgresTestDatabase("standalone", { migrate: false }), startEmulator()]);
}, 600_000);

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  setPrismaClient(undefined);
  await Promise.all([db?.drop(), emulator?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("standalone build", () => {
  it("runs from a copy with no repository around it: migrates once, serves health, sign-in and the checks page", async () => {
    expect(existsSync(path.join(path.dirname(dir), "package.json"))).toBe(false);
    expect(existsSync(path.join(dir, "app"))).toBe(false); // no sources: the build only

    // The second replica runs two web server processes on its port (ACC_WEB_WORKERS).
    const [a, b] = await Promise.all([startServer(), startServer({ ACC_WEB_WORKERS: "2" })]);
    await Promise.all([waitReady(a), waitReady(b)]);
    // Migrations ran once: one replica applied them, the other found the schema up to date.
    const applied = [a, b].filter((s) => /"applied":\["\d+_init"/.test(s.out()));
    expect(applied).toHaveLength(1);
    expect([a, b].filter((s) => s.out().includes("database schema up to date"))).toHaveLength(1);
    // Logs are JSON lines.
    const firstLine = a
      .out()
      .split("\n")
      .find((l) => l.startsWith("{"));
    expect(JSON.parse(firstLine!)).toMatchObject({ level: "info", component: "server" });

    const base = `http://127.0.0.1:${a.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // Ready once its first probes are done (each has 2 s; a loaded machine may need a second try).
    let ready: { status: number; body: unknown } = { status: 0, body: null };
    for (let i = 0; i < 10 && ready.status !== 200; i++) {
      const r = await fetch(`${base}/readyz`);
      ready = { status: r.status, body: await r.json() };
      if (r.status !== 200) await new Promise((res) => setTimeout(res, 1_000));
    }
    expect(ready, JSON.stringify(ready.body)).toMatchObject({
      status: 200,
      body: { status: "ready", dependencies: { database: { state: "up" } } },
    });
    const signin = await fetch(`${base}/signin`);
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain("Sign in");

    setPrismaClient(db.client);
    const { token } = await issueServiceToken(
      { name: "standalone-test", role: "viewer", expiresInDays: 1 },
      { ...SYSTEM_ACTOR, id: "test:standalone" },
    );
    const checks = await fetch(`${base}/checks`, { headers: { authorization: `Bearer ${token}` } });
    expect(checks.status).toBe(200);
    expect(await checks.text()).toMatch(/<h1[^>]*>Checks<\/h1>/);
    // The replica with two workers migrated (or not) once, serves pages from both, and its metrics span them.
    expect(b.out()).toContain("web server: 2 worker processes on one port");
    for (let i = 0; i < 4; i++) {
      const page = await fetch(`http://127.0.0.1:${b.port}/checks`, {
        headers: { authorization: `Bearer ${token}`, connection: "close" },
      });
      expect(page.status).toBe(200);
    }

    // SIGTERM with a request in flight (AWS answers slowly: /readyz waits on it): the request still gets its answer,
    // new connections are refused, the loops and the pool close, then the process exits (143: by SIGTERM).
    const slow = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service: "events", kind: "latency", latencyMs: 1_200 }),
    });
    expect(slow.ok).toBe(true);
    const exited = new Promise<number | null>((r) => a.child.once("exit", (c) => r(c)));
    const inFlight = fetch(`${base}/readyz`);
    await new Promise((r) => setTimeout(r, 300));
    a.child.kill("SIGTERM");
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { status: string }).status).toBe("ready");
    expect(await exited).toBe(143);
    expect(a.out()).toContain('"msg":"stopped"');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 120_000);
});
