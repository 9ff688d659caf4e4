// `npm run bench:throughput -- [--url http://localhost:3000] [--token T] [--clients 20] [--seconds 60] [--paths a,b]
//   [--accept-encoding "gzip, deflate, br"] [--warmup 20] [--save-token T] [--save-every 2] [--extra-checks 150]`
//   (what the clients ask for, a browser's value by default; seconds of the same load before measuring, so a freshly
//   started server's compilation is not what is measured; an operator's token to also save one check every N seconds
//   under the load, none with 0; with that token, an admin's, N more checks created before the run and deleted after
//   it)
// The load of the reliability probe: N concurrent clients, each requesting pages back to back for the given time,
// against a running console (`npm start`, or one on real PostgreSQL with DATABASE_URL). Signs in with a service
// token (AUDIT_CHECKS_TOKEN or --token; `npm run token -- create --name bench --role viewer`). Reported: requests
// per second overall, and per path the count, p50 / p95 / p99 / max latency and any non-200 answers. With
// --save-token, one more client saves a check through the API (its description changed, then put back): one that
// is not among the measured pages, whose history each save makes longer,
// because the probe saw a save take 4.5 s under this load: a save's latency is what an operator waits on.
// --extra-checks reproduces the probe's database: it ran after a hundred bad-input and injection probes had left
// about 150 checks behind, and a page's cost grows with what it lists (the console's own 5 demo checks flatter it).
import { z } from "zod";
import { checkInputSchema, checkUpdateSchema, type CheckInput, type CheckUpdate } from "@/lib/api/schemas";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

const BASE = arg("url", process.env.AUDIT_CHECKS_URL ?? "http://localhost:3000").replace(/\/$/, "");
const TOKEN = arg("token", process.env.AUDIT_CHECKS_TOKEN ?? "");
const CLIENTS = Number(arg("clients", "20"));
const SECONDS = Number(arg("seconds", "60"));
const ACCEPT_ENCODING = arg("accept-encoding", "gzip, deflate, br");
const WARMUP_SECONDS = Number(arg("warmup", "20"));
const SAVE_TOKEN = arg("save-token", process.env.AUDIT_CHECKS_SAVE_TOKEN ?? "");
const SAVE_EVERY_SECONDS = Number(arg("save-every", "2"));
const EXTRA_CHECKS = Number(arg("extra-checks", "0"));

interface PathStats {
  latencies: number[];
  failures: Map<string, number>;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function request(path: string): Promise<{ status: string; ms: number }> {
  const started = performance.now();
  try {
    const res = await fetch(`${BASE}${path}`, {
      headers: { authorization: `Bearer ${TOKEN}`, "accept-encoding": ACCEPT_ENCODING },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return { status: String(res.status), ms: performance.now() - started };
  } catch (error) {
    return { status: error instanceof Error ? error.name : "error", ms: performance.now() - started };
  }
}

/** The pages a team looks at most: the checks list, the executions index and one check's page. */
async function defaultPaths(): Promise<string[]> {
  const html = await (await fetch(`${BASE}/checks`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const check = /href="(\/checks\/[0-9a-f-]{36})"/.exec(html)?.[1];
  return ["/checks", "/checks", "/executions", ...(check ? [check] : [])];
}

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${SAVE_TOKEN}`, "content-type": "application/json" },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/**
 * Creates `count` disabled copies of the first listed check (disabled: their triggers would only add runs), adding
 * each slug to `created` as it goes, so that `cleanUp` deletes what was made also after a failure part-way.
 */
async function createExtraChecks(count: number, created: string[]): Promise<void> {
  const listed = (await api("/checks?limit=1")).body.checks as Record<string, unknown>[] | undefined;
  if (!listed?.[0]) throw new Error("--extra-checks: the API lists no check to copy (or the token is not valid)");
  const template = z.object(checkInputSchema.shape).parse(listed[0]);
  const run = Date.now().toString(36);
  for (let i = 1; i <= count; i++) {
    const slug = `bench-${run}-${i}`;
    const body: CheckInput = { ...template, slug, name: `Bench load ${run} ${i} ${template.name}`, enabled: false };
    const res = await api("/checks", { method: "POST", body: JSON.stringify(body) });
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`--extra-checks: creating check ${i} answered ${res.status}: ${JSON.stringify(res.body)}`);
    created.push(slug);
  }
}

async function cleanUp(created: string[]): Promise<void> {
  const left: string[] = [];
  for (const slug of created) {
    const res = await api(`/checks/${slug}`, { method: "DELETE" }).catch(() => undefined);
    if (res?.status !== 200) left.push(slug);
  }
  if (left.length > 0)
    console.error(`--extra-checks: ${left.length} checks could not be deleted (${left[0]} …): delete them as an admin`);
}

/** The check as a PUT body: the update schema's fields of what GET answered (the rest is left out), a new description. */
const updateBody = (check: Record<string, unknown>, description: string): CheckUpdate =>
  z.object(checkUpdateSchema.shape).parse({ ...check, description });

/**
 * Saves a check other than the measured ones every SAVE_EVERY_SECONDS until `deadline`, reading it first (its
 * current version), and puts its description back at the end, also when the run fails. Returns each save's latency
 * and its non-200 answers (a refused or unanswered save counts, it does not end the run).
 */
async function saveLoop(deadline: number, measured: string[]): Promise<PathStats> {
  const stats: PathStats = { latencies: [], failures: new Map() };
  const listed = (await api("/checks?limit=100")).body.checks as Record<string, unknown>[] | undefined;
  const target = listed?.find((c) => !measured.includes(`/checks/${String(c.id)}`));
  const slug = target?.slug;
  if (typeof slug !== "string")
    throw new Error(
      "--save-token: the API lists no check besides the measured pages to save (or the token is not valid)",
    );
  const original = String(target!.description ?? "");
  const put = async (description: string) => {
    const current = await api(`/checks/${slug}`);
    const started = performance.now();
    const res = await api(`/checks/${slug}`, {
      method: "PUT",
      body: JSON.stringify(updateBody(current.body, description)),
    });
    return { status: String(res.status), ms: performance.now() - started };
  };
  try {
    for (let i = 1; performance.now() < deadline; i++) {
      const next = performance.now() + SAVE_EVERY_SECONDS * 1000;
      const r = await put(`${original} (bench save ${i})`.trim()).catch((error: unknown) => ({
        status: error instanceof Error ? error.name : "error",
        ms: NaN,
      }));
      if (!Number.isNaN(r.ms)) stats.latencies.push(r.ms);
      if (r.status !== "200") stats.failures.set(r.status, (stats.failures.get(r.status) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  } finally {
    await put(original);
  }
  return stats;
}

async function main() {
  if (!TOKEN) throw new Error("Give a service token: --token or AUDIT_CHECKS_TOKEN (npm run token -- create ...).");
  const probe = await request("/checks");
  if (probe.status !== "200") throw new Error(`GET ${BASE}/checks answered ${probe.status}; is the token valid?`);
  if (EXTRA_CHECKS > 0 && !SAVE_TOKEN)
    throw new Error("--extra-checks creates checks: give an operator's --save-token");
  const created: string[] = [];
  try {
    if (EXTRA_CHECKS > 0) await createExtraChecks(EXTRA_CHECKS, created);
    await measure();
  } finally {
    await cleanUp(created);
  }
}

async function measure() {
  const paths = arg("paths", "") ? arg("paths", "").split(",") : await defaultPaths();
  /** Every client requests the paths in turn until `seconds` ran out; `record` sees each answer. */
  const load = async (seconds: number, record: (path: string, r: { status: string; ms: number }) => void) => {
    const deadline = performance.now() + seconds * 1000;
    const client = async (offset: number) => {
      for (let i = offset; performance.now() < deadline; i++) {
        const path = paths[i % paths.length]!;
        record(path, await request(path));
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  };
  if (WARMUP_SECONDS > 0) await load(WARMUP_SECONDS, () => {});
  const stats = new Map<string, PathStats>(paths.map((p) => [p, { latencies: [], failures: new Map() }]));
  let n = 0;
  const started = performance.now();
  const [, saves] = await Promise.all([
    load(SECONDS, (path, r) => {
      const s = stats.get(path)!;
      s.latencies.push(r.ms);
      if (r.status !== "200") s.failures.set(r.status, (s.failures.get(r.status) ?? 0) + 1);
      n++;
    }),
    SAVE_TOKEN && SAVE_EVERY_SECONDS > 0 ? saveLoop(started + SECONDS * 1000, paths) : undefined,
  ]);
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${BASE}: ${CLIENTS} clients (accept-encoding: ${ACCEPT_ENCODING}) for ${elapsed.toFixed(1)} s after ${WARMUP_SECONDS} s of warm-up, load average ${(
      await import("node:os")
    )
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (EXTRA_CHECKS > 0) console.log(`${EXTRA_CHECKS} extra checks created for the run (and deleted after it)`);
  console.log(`total ${n} requests, ${(n / elapsed).toFixed(1)} requests/s`);
  console.log("| path | requests | p50 ms | p95 ms | p99 ms | max ms | not 200 |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  const row = (label: string, s: PathStats) => {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const failures = [...s.failures].map(([k, v]) => `${k}×${v}`).join(" ") || "0";
    console.log(
      `| ${label} | ${sorted.length} | ${pct(sorted, 50).toFixed(0)} | ${pct(sorted, 95).toFixed(0)} | ${pct(sorted, 99).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ${failures} |`,
    );
  };
  for (const [path, s] of stats) row(path, s);
  if (saves) row(`save (PUT /api/v1/checks, every ${SAVE_EVERY_SECONDS} s)`, saves);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
