// `npm run bench:throughput -- [--url http://localhost:3000] [--token T] [--clients 20] [--seconds 60] [--paths a,b]
//   [--accept-encoding "gzip, deflate, br"] [--warmup 20]` (what the clients ask for, a browser's value by default;
//   seconds of the same load before measuring, so a freshly started server's compilation is not what is measured)
// The load of the reliability probe: N concurrent clients, each requesting pages back to back for the given time,
// against a running console (`npm start`, or one on real PostgreSQL with DATABASE_URL). Signs in with a service
// token (AUDIT_CHECKS_TOKEN or --token; `npm run token -- create --name bench --role viewer`). Reported: requests
// per second overall, and per path the count, p50 / p95 / p99 / max latency and any non-200 answers.
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

async function main() {
  if (!TOKEN) throw new Error("Give a service token: --token or AUDIT_CHECKS_TOKEN (npm run token -- create ...).");
  const probe = await request("/checks");
  if (probe.status !== "200") throw new Error(`GET ${BASE}/checks answered ${probe.status}; is the token valid?`);
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
  await load(SECONDS, (path, r) => {
    const s = stats.get(path)!;
    s.latencies.push(r.ms);
    if (r.status !== "200") s.failures.set(r.status, (s.failures.get(r.status) ?? 0) + 1);
    n++;
  });
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${BASE}: ${CLIENTS} clients (accept-encoding: ${ACCEPT_ENCODING}) for ${elapsed.toFixed(1)} s after ${WARMUP_SECONDS} s of warm-up, load average ${(
      await import("node:os")
    )
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`total ${n} requests, ${(n / elapsed).toFixed(1)} requests/s`);
  console.log("| path | requests | p50 ms | p95 ms | p99 ms | max ms | not 200 |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  for (const [path, s] of stats) {
    const sorted = [...s.latencies].sort((a, b) => a - b);
    const failures = [...s.failures].map(([k, v]) => `${k}×${v}`).join(" ") || "0";
    console.log(
      `| ${path} | ${sorted.length} | ${pct(sorted, 50).toFixed(0)} | ${pct(sorted, 95).toFixed(0)} | ${pct(sorted, 99).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ${failures} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
