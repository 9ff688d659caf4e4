// `npx tsx scripts/bench-executions.ts [--rows 100000] [--iterations 40] [--csv-rows 100000] [--keep]`
// Run from a checkout with a production build (`npm start` once, or `next build`): it serves that build.
//
// 1. The executions page with N indexed executions: a fresh PostgreSQL database (127.0.0.1:5432) seeded with N
//    executions over 20 checks; `next start` on a free port against it (background loops off); each page variant
//    requested `iterations` times. Reported: server time of the page (p50 / p95; HTTP on localhost, full HTML)
//    against the time of its underlying database queries (the same SQL, p50 / p95, straight through pg).
// 2. CSV export: a SELECT of `csv-rows` rows on the emulator's Athena (demo.numbers), downloaded through
//    GET /executions/<name>/results.csv: rows per second and the server process's peak RSS above its idle RSS;
//    plus the same stream in-process (rows/s, peak heap) to show the generator alone.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { GetQueryExecutionCommand, StartQueryExecutionCommand, GetQueryResultsCommand } from "@aws-sdk/client-athena";
import { createAwsClients } from "@/lib/aws/create-clients";
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyPendingMigrations } from "@/lib/db/migrations/migrate";
import { REAL_POSTGRES_ADMIN_URL } from "@/lib/db/testing/test-databases";
import { startEmulator } from "@/lib/testing/emulator-process";
import { parseFilters, parsePage } from "@/lib/executions/filters";
import { resultsCsvChunks } from "@/lib/executions/results-csv";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg("rows", "100000"));
const ITER = Number(arg("iterations", "40"));
const CSV_ROWS = Number(arg("csv-rows", "100000"));
const ROOT = process.cwd();

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function seed(url: string, rows: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const checkIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await c.query(
        `INSERT INTO checks (id, name, slug, sql, database, workgroup, output_location, trigger_kind, event_pattern, created_by, updated_by, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'SELECT count(*) FROM auditlogs.aurora_audit_log', 'auditlogs', 'primary', 's3://b/', 'EVENT_PATTERN', '{"source":["aws.ecs"]}', 'bench', 'bench', now())
         RETURNING id`,
        [`Bench check ${i}`, `bench-${i}`],
      );
      checkIds.push(r.rows[0].id);
    }
    // One statement: N executions over ~100 days, 20 checks, realistic input/output JSON (~1 KB each).
    await c.query(
      `INSERT INTO executions (execution_arn, name, state_machine_arn, status, start_date, stop_date, check_id, check_slug, check_generation,
                               trigger_kind, input, output, verdict, first_value, preview_row_count, query_execution_id, query_state,
                               statistics, data_scanned_bytes, engine_time_ms, queue_time_ms, error, cause, synced_at)
       SELECT 'arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:' || name, name,
              'arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner',
              status::"ExecutionStatus", start_date, CASE WHEN status = 'RUNNING' THEN NULL ELSE start_date + interval '4 seconds' END,
              ($1::uuid[])[1 + g % 20], 'bench-' || (g % 20), 1 + g % 3,
              (ARRAY['EVENT','SCHEDULE','MANUAL','RERUN'])[1 + (g % 10 = 0)::int * 2 + (g % 7 = 0)::int]::"ExecutionTrigger",
              jsonb_build_object('check', jsonb_build_object('id', ($1::uuid[])[1 + g % 20], 'slug', 'bench-' || (g % 20), 'generation', 1),
                                 'trigger', jsonb_build_object('kind', 'event'),
                                 'query', jsonb_build_object('sql', repeat('SELECT count(*) FROM auditlogs.aurora_audit_log WHERE x = ? ', 4), 'parameters', jsonb_build_array('''prod''')),
                                 'event', jsonb_build_object('source', 'aws.ecs', 'detail-type', 'ECS Task State Change', 'id', md5(g::text), 'detail', jsonb_build_object('lastStatus', 'STOPPED', 'clusterArn', 'arn:aws:ecs:us-east-1:000000000000:cluster/c' || g % 20))),
              CASE WHEN status = 'SUCCEEDED' THEN jsonb_build_object('verdict', verdict, 'firstValue', (g % 5)::text) END,
              verdict::"Verdict", CASE WHEN verdict IN ('PASS','FAIL') THEN (g % 5)::text END, CASE WHEN verdict IN ('PASS','FAIL') THEN 1 END,
              md5('q' || g), CASE WHEN verdict = 'ERROR' THEN 'FAILED' ELSE 'SUCCEEDED' END,
              '{"DataScannedInBytes": 2498021}'::jsonb, 1000000 + g, 90, 5,
              CASE WHEN verdict = 'ERROR' THEN 'Athena.InvalidRequestException' END, CASE WHEN verdict = 'ERROR' THEN 'TABLE_NOT_FOUND: line 1:15: Table does not exist' END,
              now()
       FROM (
         SELECT g, 'bench-' || (g % 20) || '-' || CASE WHEN g % 10 = 0 THEN 'manual' ELSE 'event' END || '-' || lpad(g::text, 7, '0') AS name,
                CASE WHEN g <= 3 THEN 'RUNNING' WHEN g % 97 = 0 THEN 'ABORTED' WHEN g % 50 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END AS status,
                CASE WHEN g <= 3 OR g % 97 = 0 THEN NULL WHEN g % 50 = 0 OR g % 31 = 0 THEN 'ERROR' WHEN g % 9 = 0 THEN 'FAIL' ELSE 'PASS' END AS verdict,
                now() - g * interval '87 seconds' AS start_date
         FROM generate_series(1, $2::int) g
       ) s`,
      [checkIds, rows],
    );
    await c.query("ANALYZE executions; ANALYZE checks;");
    return checkIds;
  } finally {
    await c.end();
  }
}

function startConsole(port: number, env: Record<string, string>): ChildProcess {
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [next, "start", "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function treeRssKb(pid: number): number {
  // RSS of the server process and its children (next start may serve from a child).
  let total = 0;
  const kids = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
    } catch {
      /* gone */
    }
  }
  const walk = (p: number) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
    for (const k of kids.get(p) ?? []) walk(k);
  };
  walk(pid);
  return total;
}

async function waitHttp(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error(
      "No production build in .next: run `npm start` once (it builds) or `next build`, then run this again.",
    );
    process.exit(2);
  }
  const dbName = `acc_bench_exec_${process.pid}`;
  const admin = new pg.Client({ connectionString: REAL_POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = REAL_POSTGRES_ADMIN_URL.replace(/\/postgres$/, `/${dbName}`);
  const emu = await startEmulator();
  let server: ChildProcess | undefined;
  try {
    await applyPendingMigrations(dbUrl);
    let t = performance.now();
    const checkIds = await seed(dbUrl, ROWS);
    console.log(
      `seeded ${ROWS.toLocaleString("en-US")} executions in ${ms(performance.now() - t)} (PostgreSQL 15, ${dbName})`,
    );

    // The 100k-row query for the CSV export, and an execution row that points at it.
    const aws = createAwsClients({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    const q = await aws.athena.send(
      new StartQueryExecutionCommand({
        QueryString: `SELECT n, label, is_even, ts FROM demo.numbers WHERE n <= ${CSV_ROWS} ORDER BY n`,
        ResultConfiguration: { OutputLocation: "s3://bench/" },
      }),
    );
    for (;;) {
      const s = await aws.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: q.QueryExecutionId }));
      const state = s.QueryExecution?.Status?.State;
      if (state === "SUCCEEDED") break;
      if (state === "FAILED" || state === "CANCELLED")
        throw new Error(`bench query ${state}: ${s.QueryExecution?.Status?.StateChangeReason}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    await db.query(
      `INSERT INTO executions (execution_arn, name, state_machine_arn, status, start_date, query_execution_id, query_state, synced_at)
       VALUES ('arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:bench-csv', 'bench-csv',
               'arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner', 'SUCCEEDED', now() - interval '200 days', $1, 'SUCCEEDED', now())`,
      [q.QueryExecutionId],
    );

    const port = await freePort();
    server = startConsole(port, {
      DATABASE_URL: dbUrl,
      AWS_ENDPOINT_URL: emu.url,
      ACC_BACKGROUND: "off",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    });
    let serverLog = "";
    server.stdout!.on("data", (c: Buffer) => (serverLog += c.toString()));
    server.stderr!.on("data", (c: Buffer) => (serverLog += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/executions`, 60_000).catch((e) => {
      throw new Error(`${e.message}\n${serverLog}`);
    });

    // The same SQL the page runs (lib/db/executions.ts), timed straight through pg.
    const { pageSql, countSql, NAME_LIKE } = await import("@/lib/db/executions");
    // Prisma.Sql renders PostgreSQL placeholders ($1…) in `.text`.
    const toPg = (sql: Prisma.Sql) => ({ text: sql.text, values: sql.values as unknown[] });

    const firstPage = await fetch(`${base}/executions?size=100`).then((r) => r.text());
    const olderCursor = /href="\/executions\?[^"]*before=([^"&]+)/.exec(firstPage.replace(/&amp;/g, "&"))?.[1];
    const variants: { label: string; qs: string }[] = [
      { label: "first page (25)", qs: "" },
      { label: "first page (200)", qs: "size=200" },
      { label: "next page via keyset", qs: olderCursor ? `size=100&before=${olderCursor}` : "" },
      { label: "check filter", qs: `check=${checkIds[3]}` },
      { label: "status FAILED", qs: "status=FAILED" },
      { label: "verdict FAIL + trigger manual", qs: "verdict=FAIL&trigger=manual" },
      { label: "last 24 hours", qs: "range=24h" },
      { label: "name search (part of a name)", qs: "q=bench-7-event-00099" },
      { label: "name search (a full name)", qs: "q=bench-7-event-0000987" },
    ];
    console.log(
      `\nexecutions page, ${ROWS.toLocaleString("en-US")} indexed executions, ${ITER} requests each (after 3 warm-ups); load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} on ${os.cpus().length} CPUs`,
    );
    console.log("variant                           page p50   page p95   db p50   db p95   rows");
    for (const v of variants) {
      const url = `${base}/executions${v.qs ? `?${v.qs}` : ""}`;
      const sp = Object.fromEntries(new URLSearchParams(v.qs));
      const filters = parseFilters(sp);
      const page = parsePage(sp);
      const now = new Date();
      // As the page does: a name search tries the exact name (index) first, then "contains".
      const exact = !!filters.q && NAME_LIKE.test(filters.q);
      const page1 = toPg(pageSql(filters, page, now, exact ? "exact" : "contains").sql);
      const count = toPg(countSql(filters, now, exact ? "exact" : "contains"));
      const fallback = exact
        ? { page: toPg(pageSql(filters, page, now, "contains").sql), count: toPg(countSql(filters, now, "contains")) }
        : null;
      for (let i = 0; i < 3; i++) await fetch(url).then((r) => r.text());
      const pageTimes: number[] = [];
      const dbTimes: number[] = [];
      let rows = 0;
      for (let i = 0; i < ITER; i++) {
        t = performance.now();
        const html = await fetch(url).then((r) => r.text());
        pageTimes.push(performance.now() - t);
        rows = (html.match(/data-execution="/g) ?? []).length;
        t = performance.now();
        const [r] = await Promise.all([db.query(page1), db.query(count)]);
        if (fallback && r.rowCount === 0) await Promise.all([db.query(fallback.page), db.query(fallback.count)]);
        dbTimes.push(performance.now() - t);
      }
      console.log(
        `${v.label.padEnd(32)} ${ms(pct(pageTimes, 50)).padStart(9)} ${ms(pct(pageTimes, 95)).padStart(10)} ${ms(pct(dbTimes, 50)).padStart(8)} ${ms(pct(dbTimes, 95)).padStart(8)} ${String(rows).padStart(6)}`,
      );
    }
    const plan = await db.query({
      text: `EXPLAIN (ANALYZE, BUFFERS) ${toPg(pageSql(parseFilters({}), parsePage({}), new Date()).sql).text}`,
      values: toPg(pageSql(parseFilters({}), parsePage({}), new Date()).sql).values,
    });
    console.log(`\nplan of the first page:\n${plan.rows.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);

    // CSV through the route: rows/s and the server's peak RSS above idle.
    const idleKb = treeRssKb(server.pid!);
    let peakKb = idleKb;
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(server!.pid!))), 50);
    t = performance.now();
    const res = await fetch(`${base}/executions/bench-csv/results.csv`);
    let lines = 0;
    let bytes = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    const csvMs = performance.now() - t;
    clearInterval(sampler);
    console.log(
      `\nCSV export over HTTP: ${(lines - 1).toLocaleString("en-US")} rows (${(bytes / 1048576).toFixed(1)} MB) in ${ms(csvMs)} = ${Math.round(((lines - 1) / csvMs) * 1000).toLocaleString("en-US")} rows/s; ` +
        `server RSS idle ${(idleKb / 1024).toFixed(0)} MB, peak ${(peakKb / 1024).toFixed(0)} MB (+${((peakKb - idleKb) / 1024).toFixed(0)} MB)`,
    );

    // The same stream in this process: the generator alone.
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let heapPeak = heap0;
    t = performance.now();
    let n = 0;
    let first = true;
    for await (const chunk of resultsCsvChunks(
      (token) =>
        aws.athena.send(
          new GetQueryResultsCommand({
            QueryExecutionId: q.QueryExecutionId,
            MaxResults: 1000,
            NextToken: token ?? undefined,
          }),
        ),
      { statementType: "DML" },
    )) {
      if (first) first = false;
      else for (let i = 0; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) n++;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    const inMs = performance.now() - t;
    console.log(
      `CSV generator in-process: ${n.toLocaleString("en-US")} rows in ${ms(inMs)} = ${Math.round((n / inMs) * 1000).toLocaleString("en-US")} rows/s; heap peak +${((heapPeak - heap0) / 1048576).toFixed(1)} MB`,
    );
    await db.end();
  } finally {
    server?.kill("SIGTERM");
    await emu.stop();
    if (!process.argv.includes("--keep")) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
