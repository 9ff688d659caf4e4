// `npx tsx scripts/bench-executions-scale.ts [--sizes 100000,1000000,10000000] [--iterations 30] [--keep]`
// The executions index at scale, on the real PostgreSQL (127.0.0.1:5432), database time only (no web server):
// for each size a database `acc_bench_scale_<size>` is migrated and filled in SQL with generate_series (100 checks,
// one run every ~3 s going back, names like the console's: `<slug>-<trigger>-<n>`), the indexes built after the
// insert, ANALYZEd; then every list variant the executions page runs (the page query plus its capped count, as
// listExecutions sends them, the exact-name attempt first for a name-like search) and the check page's trend query
// (recentRuns), each `iterations` times: p50 / p95 per variant. `--keep` reuses a database of the right size.
import pg from "pg";
import { applyPendingMigrations } from "@/lib/db/migrations/migrate";
import { REAL_POSTGRES_ADMIN_URL } from "@/lib/db/testing/test-databases";
import { encodeCursor, parseFilters, parsePage } from "@/lib/executions/filters";
import { NAME_LIKE, countFromPage, countSql, pageSql } from "@/lib/db/executions";
import type { Prisma } from "@/lib/generated/prisma/client";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SIZES = arg("sizes", "100000,1000000").split(",").map(Number);
const ITER = Number(arg("iterations", "30"));
const KEEP = process.argv.includes("--keep");
const CHECKS = 100;
/** What a kept database must hold to be reused: the size and the naming of this version of the data. */
const DATASET = (size: number) => `bench dataset v2 (uuid and <slug>-manual-<time> names), ${size} rows`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const toPg = (sql: Prisma.Sql) => ({ text: sql.text, values: sql.values as unknown[] });

async function prepare(size: number): Promise<string> {
  const name = `acc_bench_scale_${size}`;
  const url = REAL_POSTGRES_ADMIN_URL.replace(/\/postgres$/, `/${name}`);
  const admin = new pg.Client({ connectionString: REAL_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    if (exists && KEEP) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const kept = (await c.query("SELECT obj_description('executions'::regclass) AS d")).rows[0].d;
      await c.end();
      if (kept === DATASET(size)) return url;
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  await applyPendingMigrations(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const t0 = performance.now();
    await c.query(`
      INSERT INTO checks (id, name, slug, slug_lower, sql, database, workgroup, output_location, trigger_kind, event_pattern, created_by, updated_by, updated_at)
      SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'Bench check ' || i, 'bench-' || i, 'bench-' || i,
             'SELECT count(*) FROM auditlogs.aurora_audit_log', 'auditlogs', 'primary', 's3://b/', 'EVENT_PATTERN',
             '{"source":["aws.ecs"]}', 'bench', 'bench', now()
      FROM generate_series(0, ${CHECKS - 1}) i`);
    // Secondary indexes are built after the insert (far faster than maintaining them row by row).
    const indexes = (
      await c.query<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'executions' AND indexname <> 'executions_pkey'",
      )
    ).rows;
    for (const ix of indexes) await c.query(`DROP INDEX "${ix.indexname}"`);
    await c.query(`
      INSERT INTO executions (execution_arn, name, state_machine_arn, status, start_date, stop_date, check_id, check_slug,
                              check_generation, trigger_kind, input, verdict, first_value, query_execution_id, query_state,
                              data_scanned_bytes, error, synced_at)
      SELECT 'arn:aws:states:us-east-1:000000000000:execution:audit-checks-runner:' || name, name,
             'arn:aws:states:us-east-1:000000000000:stateMachine:audit-checks-runner', status::"ExecutionStatus",
             start_date, CASE WHEN status = 'RUNNING' THEN NULL ELSE start_date + interval '4 seconds' END,
             ('00000000-0000-4000-8000-' || lpad(to_hex(g % ${CHECKS}), 12, '0'))::uuid, 'bench-' || (g % ${CHECKS}), 1,
             trig::"ExecutionTrigger",
             jsonb_build_object('check', jsonb_build_object('slug', 'bench-' || (g % ${CHECKS}), 'generation', 1),
                                'trigger', jsonb_build_object('kind', lower(trig))),
             verdict::"Verdict", CASE WHEN verdict IN ('PASS','FAIL') THEN (g % 5)::text END, md5('q' || g),
             CASE WHEN verdict = 'ERROR' THEN 'FAILED' ELSE 'SUCCEEDED' END, 1000000 + g,
             CASE WHEN verdict = 'ERROR' THEN 'Athena.InvalidRequestException' END, now()
      FROM (
        SELECT g, trig,
               -- Names as AWS gives them: EventBridge starts executions without a name, so Step Functions names them
               -- with a UUID; the console names its own runs <slug>-manual-<UTC time> (lib/executions/execution-name.ts).
               CASE WHEN trig = 'MANUAL'
                    THEN 'bench-' || (g % ${CHECKS}) || '-manual-' || to_char(now() - g * interval '3 seconds', 'YYYYMMDD"T"HH24MISS"Z"')
                    ELSE (md5('run' || g)::uuid)::text END AS name,
               CASE WHEN g <= 3 THEN 'RUNNING' WHEN g % 97 = 0 THEN 'ABORTED' WHEN g % 50 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END AS status,
               CASE WHEN g <= 3 OR g % 97 = 0 THEN NULL WHEN g % 50 = 0 OR g % 31 = 0 THEN 'ERROR' WHEN g % 9 = 0 THEN 'FAIL' ELSE 'PASS' END AS verdict,
               now() - g * interval '3 seconds' AS start_date
        FROM (SELECT g, CASE WHEN g % 10 = 0 THEN 'MANUAL' WHEN g % 3 = 0 THEN 'SCHEDULE' ELSE 'EVENT' END AS trig
              FROM generate_series(1, ${size}) g) t
      ) s`);
    const tInsert = performance.now();
    await c.query("SET maintenance_work_mem = '512MB'");
    for (const ix of indexes) await c.query(ix.indexdef);
    await c.query("VACUUM ANALYZE executions");
    await c.query("ANALYZE checks");
    await c.query(`COMMENT ON TABLE executions IS '${DATASET(size)}'`);
    const size_ = (await c.query("SELECT pg_size_pretty(pg_total_relation_size('executions')) AS s")).rows[0].s;
    console.log(
      `seeded ${size.toLocaleString("en-US")} executions: insert ${((tInsert - t0) / 1000).toFixed(0)} s, indexes + analyze ${((performance.now() - tInsert) / 1000).toFixed(0)} s, table + indexes ${size_}`,
    );
  } finally {
    await c.end();
  }
  return url;
}

async function measure(size: number, url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const check = "00000000-0000-4000-8000-000000000007";
    const first = await db.query(toPg(pageSql(parseFilters({}), parsePage({ size: "100" }), new Date()).sql));
    const last = first.rows[first.rows.length - 2];
    const cursor = encodeCursor(last.start_date, String(last.id));
    const deep = (
      await db.query("SELECT start_date, id FROM executions ORDER BY start_date DESC, id DESC OFFSET $1 LIMIT 1", [
        Math.floor(size / 2),
      ])
    ).rows[0];
    const deepCursor = encodeCursor(deep.start_date, String(deep.id));
    const exactName = (await db.query("SELECT name FROM executions WHERE id = $1", [Math.floor(size / 3)])).rows[0]
      .name;
    const uuidName = (
      await db.query("SELECT name FROM executions WHERE id >= $1 AND trigger_kind <> 'MANUAL' ORDER BY id LIMIT 1", [
        Math.floor(size / 2),
      ])
    ).rows[0].name as string;
    const uuidPart = uuidName.slice(9, 23); // e.g. "1b3c-4d5e-8f90"
    const day = new Date(Date.now() - size * 1500).toISOString().slice(0, 10).replace(/-/g, "");
    const variants: Array<{ label: string; qs: Record<string, string> } | { label: string; sql: Prisma.Sql }> = [
      { label: "first page (25)", qs: {} },
      { label: "next page (keyset)", qs: { size: "100", before: cursor } },
      { label: "page in the middle (keyset)", qs: { before: deepCursor } },
      { label: "check filter", qs: { check } },
      { label: "status FAILED", qs: { status: "FAILED" } },
      { label: "verdict ERROR", qs: { verdict: "ERROR" } },
      { label: "trigger manual", qs: { trigger: "manual" } },
      { label: "last 24 hours", qs: { range: "24h" } },
      { label: "name, exact", qs: { q: exactName } },
      // Part of an execution id, as pasted from a notification or a log (the middle of a UUID: the exact-name
      // attempt finds nothing, then the trigram search).
      { label: "name, partial (few hits)", qs: { q: uuidPart } },
      { label: "name, partial, manual runs of a day", qs: { q: `-manual-${day}` } },
      { label: "name, partial (many hits)", qs: { q: "0-manual" } },
      { label: "name, partial, no hit", qs: { q: "zz-nothing" } },
      {
        label: "check page trend (50 runs)",
        sql: { sql: "", values: [] } as unknown as Prisma.Sql,
      },
    ];
    console.log(`\n${size.toLocaleString("en-US")} rows — database time (page query + capped count), ${ITER} runs`);
    console.log("variant                          p50 ms   p95 ms   rows");
    for (const v of variants) {
      // The same sequence of queries as listExecutions (lib/db/executions.ts) sends for these filters.
      let run: () => Promise<number>;
      if ("qs" in v) {
        const filters = parseFilters(v.qs);
        const page = parsePage(v.qs);
        const now = new Date();
        const exact = !!filters.q && NAME_LIKE.test(filters.q);
        const contains = async () => {
          const r = await db.query(toPg(pageSql(filters, page, now, "contains").sql));
          if (countFromPage(page, r.rowCount ?? 0) === null) await db.query(toPg(countSql(filters, now, "contains")));
          return r.rowCount ?? 0;
        };
        run = async () => {
          if (!filters.q) {
            const [r] = await Promise.all([
              db.query(toPg(pageSql(filters, page, now).sql)),
              db.query(toPg(countSql(filters, now))),
            ]);
            return r.rowCount ?? 0;
          }
          if (!exact) return contains();
          const [r] = await Promise.all([
            db.query(toPg(pageSql(filters, page, now, "exact").sql)),
            db.query(toPg(countSql(filters, now, "exact"))),
          ]);
          return (r.rowCount ?? 0) > 0 ? r.rowCount! : contains();
        };
      } else {
        // recentRuns(checkId, 50) as Prisma sends it.
        const q = {
          text: `SELECT id, name, status, verdict, start_date, stop_date, first_value, trigger_kind, error FROM executions
                 WHERE check_id = $1 ORDER BY start_date DESC, id DESC LIMIT 50`,
          values: [check],
        };
        run = async () => (await db.query(q)).rowCount ?? 0;
      }
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < ITER + 2; i++) {
        const t = performance.now();
        rows = await run();
        if (i >= 2) times.push(performance.now() - t); // two warm-up runs
      }
      console.log(
        `${v.label.padEnd(32)} ${pct(times, 50).toFixed(1).padStart(7)} ${pct(times, 95).toFixed(1).padStart(8)} ${String(rows).padStart(6)}`,
      );
    }
  } finally {
    await db.end();
  }
}

async function main() {
  for (const size of SIZES) {
    const url = await prepare(size);
    await measure(size, url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
