// The snapshot copier against the emulator's Athena (real SDK over HTTP) on both databases: a whole result copied
// page by page, a copy killed after page 2 and resumed without duplicates, a second copy adding nothing, the row
// and byte caps recorded as the cut, and a query whose output was deleted (or forgotten) ending as unavailable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetQueryResultsCommand } from "@aws-sdk/client-athena";
import type { AwsClients } from "@/lib/aws/create-clients";
import { prismaExecutionStore } from "@/lib/db/executions";
import {
  enqueueMissingSnapshots,
  enqueueSnapshot,
  getSnapshot,
  readSnapshotRows,
  snapshotOfExecution,
  streamSnapshotRows,
} from "@/lib/db/result-snapshots";
import { bothDatabases, withTestDatabase } from "@/lib/db/testing/both-databases";
import type { TestDatabase } from "@/lib/db/testing/test-databases";
import type { ExecutionRecord } from "@/lib/executions/execution-record";
import { emulatorAwsClients, runAthenaQuery } from "@/lib/testing/emulator-aws";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { copyDueSnapshots, copySnapshot } from "./copier";

let emu: EmulatorProcess;
let aws: AwsClients;
const free = { take: async () => {} };

/** Counts GetQueryResults calls, so "no Athena call" and "pages re-read" are measured, not assumed. */
function counting() {
  const calls = { results: 0 };
  return {
    calls,
    send: (command: unknown) => {
      if (command instanceof GetQueryResultsCommand) calls.results++;
      return aws.athena.send(command as never);
    },
  };
}

beforeAll(async () => {
  emu = await startEmulator();
  aws = emulatorAwsClients(emu);
});

afterAll(async () => {
  await emu?.stop();
});

async function runQuery(sql: string): Promise<string> {
  const q = await runAthenaQuery(aws, sql, "s3://snapshots-it/");
  if (q.Status?.State !== "SUCCEEDED") throw new Error(`query ${q.Status?.State}`);
  return q.QueryExecutionId!;
}

let seq = 0;
/** An indexed succeeded execution whose query is `queryExecutionId`; returns the index row's id. */
async function indexedRun(db: TestDatabase, queryExecutionId: string): Promise<string> {
  const n = ++seq;
  const startDate = new Date(Date.UTC(2026, 10, 1, 0, n));
  const record: ExecutionRecord = {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:runner:snap-${n}`,
    name: `snap-${n}`,
    stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:runner",
    status: "SUCCEEDED",
    startDate,
    stopDate: startDate,
    checkId: null,
    checkSlug: null,
    checkGeneration: null,
    triggerKind: "manual",
    rerunOf: null,
    actorName: null,
    input: null,
    output: null,
    verdict: "PASS",
    firstValue: null,
    previewRowCount: null,
    queryExecutionId,
    queryState: "SUCCEEDED",
    queryStateReason: null,
    statistics: null,
    dataScannedBytes: null,
    engineTimeMs: null,
    queueTimeMs: null,
    error: null,
    cause: null,
  };
  await prismaExecutionStore(() => db.client).upsert([record]);
  const row = await db.client.execution.findFirstOrThrow({ where: { name: record.name } });
  return String(row.id);
}

async function allRows(snapshotId: string): Promise<(string | null)[][]> {
  const out: (string | null)[][] = [];
  for await (const r of streamSnapshotRows(snapshotId, 700)) out.push(r);
  return out;
}

const SEQ_SQL = (n: number) =>
  `SELECT n, CASE WHEN n % 7 = 0 THEN NULL ELSE concat('user-', CAST(n AS varchar)) END AS who ` +
  `FROM unnest(sequence(1, ${n})) AS t(n) ORDER BY n`;

describe.each(bothDatabases("snapshots"))("result snapshots on %s", (_label, create) => {
  const db = withTestDatabase(create);

  it("copies a 2,500-row result page by page with its columns, NULLs kept, in order", async () => {
    const q = await runQuery(SEQ_SQL(2500));
    const executionId = await indexedRun(db(), q);
    expect(await enqueueMissingSnapshots()).toBeGreaterThanOrEqual(1);
    const snap = (await snapshotOfExecution(executionId))!;
    expect(snap.state).toBe("PENDING");
    const athena = counting();
    const outcome = await copySnapshot({ athena, limiter: free }, snap);
    expect(outcome).toMatchObject({ state: "COMPLETE", rows: 2500 });
    expect(athena.calls.results).toBe(3); // 1000 (header + 999) + 1000 + 501
    const done = (await getSnapshot(snap.id))!;
    expect(done).toMatchObject({ state: "COMPLETE", rowCount: 2500, cutReason: null, nextToken: null });
    expect(done.columns!.map((c) => [c.name, c.type])).toEqual([
      ["n", "bigint"],
      ["who", "varchar"],
    ]);
    const rows = await allRows(snap.id);
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toEqual(["1", "user-1"]);
    expect(rows[6]).toEqual(["7", null]);
    expect(rows[2499]).toEqual(["2500", "user-2500"]);
    expect(done.bytes).toBe(rows.reduce((n, r) => n + r.reduce((m, v) => m + (v?.length ?? 0), 0), 0));
    // Keyset read from the middle.
    const page = await readSnapshotRows(snap.id, 1000, 3);
    expect(page.map((r) => r.rowNumber)).toEqual([1001, 1002, 1003]);
    // Enqueuing again adds no second snapshot for the run.
    expect(await enqueueMissingSnapshots()).toBe(0);
  });

  it("resumes a copy killed after page 2 from its stored token, without duplicate rows", async () => {
    const q = await runQuery(SEQ_SQL(4200));
    const executionId = await indexedRun(db(), q);
    const snap = await enqueueSnapshot({ executionId, checkId: null, queryExecutionId: q });
    const first = counting();
    const killed = await copySnapshot({ athena: first, limiter: free, stopAfterPages: 2 }, snap);
    expect(killed).toMatchObject({ state: "STOPPED", rows: 1999 });
    const mid = (await getSnapshot(snap.id))!;
    expect(mid).toMatchObject({ state: "COPYING", rowCount: 1999 });
    expect(mid.nextToken).toBeTruthy();

    const again = counting();
    const resumed = await copySnapshot({ athena: again, limiter: free }, mid);
    expect(resumed).toMatchObject({ state: "COMPLETE", rows: 4200 });
    expect(again.calls.results).toBe(3); // pages 3..5 only, plus no first page again
    const rows = await allRows(snap.id);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 4200 }, (_, i) => i + 1));
    const count = await db().client.resultSnapshotRow.count({ where: { snapshotId: BigInt(snap.id) } });
    expect(count).toBe(4200);
  });

  it("is idempotent: a page written twice (crash between rows and progress) adds nothing", async () => {
    const q = await runQuery(SEQ_SQL(1500));
    const executionId = await indexedRun(db(), q);
    const snap = await enqueueSnapshot({ executionId, checkId: null, queryExecutionId: q });
    await copySnapshot({ athena: aws.athena, limiter: free, stopAfterPages: 1 }, snap);
    // Simulate a crash after the rows of page 2 were stored but before the progress moved: write them by hand.
    const mid = (await getSnapshot(snap.id))!;
    const out = await aws.athena.send(
      new GetQueryResultsCommand({ QueryExecutionId: q, MaxResults: 1000, NextToken: mid.nextToken! }),
    );
    const stray = (out.ResultSet!.Rows ?? []).slice(0, 10).map((r) => r.Data!.map((d) => d.VarCharValue ?? null));
    await db().client.$executeRawUnsafe(
      `INSERT INTO result_snapshot_rows (snapshot_id, row_number, "values")
       SELECT $1::bigint, 999 + ord::int, v FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(v, ord)`,
      snap.id,
      JSON.stringify(stray),
    );
    const resumed = await copySnapshot({ athena: aws.athena, limiter: free }, mid);
    expect(resumed).toMatchObject({ state: "COMPLETE", rows: 1500 });
    const rows = await allRows(snap.id);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
    // A finished snapshot is not picked up again.
    const report = await copyDueSnapshots({ athena: aws.athena, limiter: free });
    expect(report.copied).toBe(0);
  });

  it("stops at the row cap and at the byte cap, recording which", async () => {
    const q = await runQuery(SEQ_SQL(3000));
    const byRows = await enqueueSnapshot({
      executionId: await indexedRun(db(), q),
      checkId: null,
      queryExecutionId: q,
      maxRows: 1200,
    });
    const athena = counting();
    expect(await copySnapshot({ athena, limiter: free }, byRows)).toMatchObject({ state: "TRUNCATED", rows: 1200 });
    expect(athena.calls.results).toBe(2); // never reads the third page
    expect(await getSnapshot(byRows.id)).toMatchObject({ state: "TRUNCATED", cutReason: "rows", rowCount: 1200 });

    const byBytes = await enqueueSnapshot({
      executionId: await indexedRun(db(), q),
      checkId: null,
      queryExecutionId: q,
      maxBytes: 5_000,
    });
    expect(await copySnapshot({ athena: aws.athena, limiter: free }, byBytes)).toMatchObject({ state: "TRUNCATED" });
    const cut = (await getSnapshot(byBytes.id))!;
    expect(cut.cutReason).toBe("bytes");
    expect(cut.bytes).toBeLessThanOrEqual(5_000);
    expect(cut.bytes).toBeGreaterThan(4_950);
    expect(await allRows(byBytes.id)).toHaveLength(cut.rowCount);
  });

  it("ends as unavailable, with Athena's words, when the output was deleted or the query forgotten", async () => {
    const q = await runQuery(SEQ_SQL(10));
    const gone = await enqueueSnapshot({ executionId: await indexedRun(db(), q), checkId: null, queryExecutionId: q });
    const res = await fetch(`${emu.url}/_emulator/athena/delete-result`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ queryExecutionId: q }),
    });
    expect(await res.json()).toMatchObject({ resultDeleted: true, queryForgotten: false });
    const outcome = await copySnapshot({ athena: aws.athena, limiter: free }, gone);
    expect(outcome.state).toBe("UNAVAILABLE");
    const s = (await getSnapshot(gone.id))!;
    expect(s.state).toBe("UNAVAILABLE");
    expect(s.error).toMatch(/no longer has the result.*deleted/);

    const q2 = await runQuery(SEQ_SQL(10));
    const forgotten = await enqueueSnapshot({
      executionId: await indexedRun(db(), q2),
      checkId: null,
      queryExecutionId: q2,
    });
    await fetch(`${emu.url}/_emulator/athena/delete-result`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ queryExecutionId: q2, forgetQuery: true }),
    });
    await copyDueSnapshots({ athena: aws.athena, limiter: free });
    expect((await getSnapshot(forgotten.id))!).toMatchObject({ state: "UNAVAILABLE" });
    expect((await getSnapshot(forgotten.id))!.error).toMatch(/was not found/);
    // Closed for good: another pass does not ask Athena again.
    const athena = counting();
    await copyDueSnapshots({ athena, limiter: free });
    expect(athena.calls.results).toBe(0);
  });
});
