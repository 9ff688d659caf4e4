// `npm run bench:evidence -- [--rows 100000] [--runs 8760] [--db postgres|pglite]`
//
// 1. Snapshot copy: a SELECT of `rows` rows (3 columns) on the emulator's Athena, copied into a fresh database by
//    the copier (lib/snapshots/copier.ts), page by page through the real SDK: once unpaced, once under the copier's
//    default token bucket. Reported: rows/s and the process's peak RSS and heap above the idle figures.
// 2. Storage: pg_total_relation_size of result_snapshot_rows (table + TOAST + primary key) per row, extrapolated
//    to one million rows.
// 3. Evidence export: one check with `runs` hourly runs (a year by default), each with a kept 10-row snapshot,
//    packaged by lib/evidence/export.ts and read to the end (hashed, not kept): time, zip size, peak RSS and heap.
import { createHash } from "node:crypto";
import { GetQueryExecutionCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { createAwsClients } from "@/lib/aws/create-clients";
import { getCheck } from "@/lib/db/checks";
import { setPrismaClient } from "@/lib/db/client";
import { enqueueSnapshot, snapshotRowsStorage } from "@/lib/db/result-snapshots";
import { createPgliteTestDatabase, createPostgresTestDatabase } from "@/lib/db/testing/test-databases";
import { evidenceRequestSchema, evidenceZip } from "@/lib/evidence/export";
import { copySnapshot, defaultCopyLimiter } from "@/lib/snapshots/copier";
import { startEmulator } from "@/lib/testing/emulator-process";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg("rows", "100000"));
const RUNS = Number(arg("runs", "8760"));
const DB = arg("db", "postgres");
const MB = 1024 * 1024;

/** Samples RSS and heap every 25 ms while `fn` runs; peaks are above the figures just before it started. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; rssMb: number; heapMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 25);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, rssMb: (rss - base.rss) / MB, heapMb: (heap - base.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  console.log(`bench-evidence: ${ROWS.toLocaleString("en-US")} rows, ${RUNS.toLocaleString("en-US")} runs, ${DB}`);
  const emu = await startEmulator();
  const db = DB === "pglite" ? await createPgliteTestDatabase() : await createPostgresTestDatabase("bench_evidence");
  setPrismaClient(db.client);
  try {
    const aws = createAwsClients({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    const { QueryExecutionId } = await aws.athena.send(
      new StartQueryExecutionCommand({
        QueryString: `SELECT n, concat('user-', CAST(n AS varchar)) AS username, concat('10.0.', CAST(n % 256 AS varchar), '.', CAST(n % 200 AS varchar)) AS host FROM unnest(sequence(1, ${ROWS})) AS t(n) ORDER BY n`,
        QueryExecutionContext: { Database: "auditlogs" },
        ResultConfiguration: { OutputLocation: "s3://bench-evidence/" },
      }),
    );
    for (;;) {
      const s = (await aws.athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.Status
        ?.State;
      if (s === "SUCCEEDED") break;
      if (s !== "QUEUED" && s !== "RUNNING") throw new Error(`query ${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const checkId = "00000000-0000-4000-8000-00000000e71d";
    await db.client.$executeRawUnsafe(
      `INSERT INTO checks (id, name, slug, slug_lower, sql, database, workgroup, output_location, trigger_kind, schedule_expression, created_by, updated_by, updated_at)
       VALUES ($1::uuid, 'Administrator logins', 'admin-logins', 'admin-logins', 'SELECT 1', 'auditlogs', 'primary', 's3://b/', 'SCHEDULE', 'rate(1 hour)', 'bench', 'bench', now())`,
      checkId,
    );
    const execution = async (name: string) => {
      const [r] = await db.client.$queryRawUnsafe<{ id: bigint }[]>(
        `INSERT INTO executions (execution_arn, name, state_machine_arn, status, start_date, stop_date, query_execution_id, synced_at)
         VALUES ($1, $2, 'sm', 'SUCCEEDED', now(), now(), $3, now()) RETURNING id`,
        `arn:${name}`,
        name,
        QueryExecutionId,
      );
      return String(r!.id);
    };

    // 1. Copy.
    const free = { take: async () => {} };
    for (const [label, limiter] of [
      ["unpaced", free],
      ["default bucket (20 pages/s)", defaultCopyLimiter()],
    ] as const) {
      const snap = await enqueueSnapshot({
        executionId: await execution(`copy-${label}`),
        checkId: null,
        queryExecutionId: QueryExecutionId!,
        maxRows: ROWS,
        maxBytes: 1024 * MB,
      });
      const m = await measured(() => copySnapshot({ athena: aws.athena, limiter }, snap));
      const rows = m.value.state === "COMPLETE" ? m.value.rows : 0;
      console.log(
        `copy (${label}): ${rows.toLocaleString("en-US")} rows in ${(m.ms / 1000).toFixed(2)} s = ` +
          `${Math.round(rows / (m.ms / 1000)).toLocaleString("en-US")} rows/s; ${m.value.pages} pages; ` +
          `peak RSS +${m.rssMb.toFixed(1)} MB, peak heap +${m.heapMb.toFixed(1)} MB`,
      );
    }

    // 2. Storage.
    await db.client.$executeRawUnsafe("VACUUM ANALYZE result_snapshot_rows").catch(() => undefined);
    const storage = await snapshotRowsStorage();
    const perRow = storage.bytes / storage.rows;
    console.log(
      `storage: ${storage.rows.toLocaleString("en-US")} rows take ${(storage.bytes / MB).toFixed(1)} MB ` +
        `(${perRow.toFixed(0)} B/row) → ${((perRow * 1e6) / MB).toFixed(0)} MB per million rows (3 columns, ~30 B of values)`,
    );

    // 3. Export of RUNS hourly runs, each with a 10-row snapshot.
    const end = new Date(Date.UTC(2026, 11, 1));
    const start = new Date(end.getTime() - RUNS * 3_600_000);
    const t0 = performance.now();
    await db.client.$executeRawUnsafe(
      `INSERT INTO executions (execution_arn, name, state_machine_arn, status, start_date, stop_date, check_id, check_slug,
         check_generation, trigger_kind, verdict, first_value, preview_row_count, query_execution_id, query_state,
         data_scanned_bytes, synced_at)
       SELECT 'arn:run-' || i, 'run-' || i, 'sm', 'SUCCEEDED', $1::timestamp + i * interval '1 hour',
              $1::timestamp + i * interval '1 hour' + interval '20 seconds', $2::uuid, 'admin-logins', 1, 'SCHEDULE',
              CASE WHEN i % 10 = 0 THEN 'FAIL'::"Verdict" ELSE 'PASS'::"Verdict" END, (i % 10)::text, 10, 'q-' || i,
              'SUCCEEDED', 1048576 * (i % 50), now()
       FROM generate_series(0, $3::int - 1) AS i`,
      start,
      checkId,
      RUNS,
    );
    await db.client.$executeRawUnsafe(
      `INSERT INTO result_snapshots (execution_id, check_id, query_execution_id, state, columns, row_count, bytes, max_rows, max_bytes, completed_at)
       SELECT e.id, e.check_id, e.query_execution_id, 'COMPLETE',
              '[{"name":"username","type":"varchar","kind":"text","align":"left"},{"name":"host","type":"varchar","kind":"text","align":"left"}]',
              10, 200, 10000, 20971520, now()
       FROM executions e WHERE e.check_id = $1::uuid`,
      checkId,
    );
    await db.client.$executeRawUnsafe(
      `INSERT INTO result_snapshot_rows (snapshot_id, row_number, "values")
       SELECT s.id, r, jsonb_build_array('user-' || r, '10.0.0.' || r) FROM result_snapshots s, generate_series(1, 10) AS r
       WHERE s.check_id = $1::uuid`,
      checkId,
    );
    console.log(`export seed: ${RUNS} runs + snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const check = (await getCheck(checkId))!;
    const req = evidenceRequestSchema.parse({
      checkIds: [checkId],
      from: start.toISOString().slice(0, 10),
      to: end.toISOString().slice(0, 10),
    });
    const m = await measured(async () => {
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of evidenceZip([check], req, { exportedBy: "bench" })) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      return bytes;
    });
    console.log(
      `export: ${RUNS.toLocaleString("en-US")} runs, ${RUNS.toLocaleString("en-US")} snapshot files, zip ${(m.value / MB).toFixed(1)} MB in ` +
        `${(m.ms / 1000).toFixed(1)} s; peak RSS +${m.rssMb.toFixed(1)} MB, peak heap +${m.heapMb.toFixed(1)} MB`,
    );
  } finally {
    setPrismaClient(undefined);
    await db.drop();
    await emu.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
