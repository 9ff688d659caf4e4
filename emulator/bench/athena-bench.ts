// Benchmark of the emulator's Athena (and DescribeExecution): `npx tsx emulator/bench/athena-bench.ts [--rows N]`.
//  1. A count over the audit table (1M lines by default) through the SDK (Start → poll → GetQueryResults) versus
//     the same SQL run directly in DuckDB on the same files: the emulator's overhead ratio.
//  2. p50/p95 of a 1,000-row GetQueryResults page and of DescribeExecution under 20 concurrent clients.
// The emulator runs as its own process (as beside the console), so client-side SDK work does not compete with it.
// The generated data set is kept in the OS temp dir between runs (regenerating 1M lines takes ~15 s).
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { ident, loadCatalogConfig, tableViewSql } from "../src/athena/catalog";
import { installTrinoFunctions } from "../src/athena/trino/functions";

const COUNT_SQL =
  "SELECT count(*) FROM aurora_audit_log WHERE username IN ('admin','rdsadmin') AND operation = 'CONNECT' AND starts_with(serverhost, 'prod-aurora-cluster')";
const CONCURRENCY = 20;
const REQUESTS_PER_CLIENT = 50;
const COUNT_RUNS = 7;

/** SDK clients for the emulator, as the console builds them (dummy credentials, no retries). */
function sdkClients(url: string): { athena: AthenaClient; sfn: SFNClient } {
  const common = {
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
  };
  return { athena: new AthenaClient(common), sfn: new SFNClient(common) };
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s[s.length - 1]!) };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function median(xs: number[]): number {
  return stats(xs).p50;
}

async function athenaCount(
  athena: AthenaClient,
): Promise<{ ms: number; value: string; engineMs: number; scanned: number }> {
  const t0 = performance.now();
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({ QueryString: COUNT_SQL, QueryExecutionContext: { Database: "auditlogs" } }),
  );
  let q;
  // Back off from 10 ms to 100 ms, like a client polling politely: a tight loop would steal the CPU DuckDB needs.
  for (let wait = 10; ; wait = Math.min(100, wait * 1.5)) {
    q = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!;
    if (q.Status?.State !== "QUEUED" && q.Status?.State !== "RUNNING") break;
    await new Promise((r) => setTimeout(r, wait));
  }
  if (q.Status?.State !== "SUCCEEDED")
    throw new Error(`count query ${q.Status?.State}: ${q.Status?.StateChangeReason}`);
  const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId }));
  return {
    ms: performance.now() - t0,
    value: res.ResultSet!.Rows![1]!.Data![0]!.VarCharValue!,
    engineMs: q.Statistics!.EngineExecutionTimeInMillis!,
    scanned: q.Statistics!.DataScannedInBytes!,
  };
}

/** Runs `clients` workers, each issuing `perClient` calls of `call`, and returns every call's latency in ms. */
async function underLoad(
  clients: number,
  perClient: number,
  call: (worker: number, i: number) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; i < perClient; i++) {
        const t0 = performance.now();
        await call(w, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

/** Starts `emulator/src/main.ts` as a child process and waits for its "listening" line. */
async function spawnEmulator(dataDir: string, rows: number): Promise<{ url: string; close(): Promise<void> }> {
  const cli = require.resolve("tsx/cli");
  const main = path.resolve(path.dirname(__filename), "../src/main.ts");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, main, "--port", "0", "--data-dir", dataDir, "--audit-rows", String(rows)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /emulator listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function main(): Promise<void> {
  const rows = Number(flag("rows", "1000000"));
  const dataDir = flag("data-dir", path.join(os.tmpdir(), `athena-bench-${rows}`));
  console.log(`data dir ${dataDir}, audit rows ${rows}, ${os.cpus().length} CPUs`);

  const t0 = performance.now();
  const emulator = await spawnEmulator(dataDir, rows);
  console.log(`emulator ready in ${Math.round(performance.now() - t0)} ms (includes data generation when missing)`);
  const report: Record<string, unknown> = { rows };
  try {
    const { athena, sfn } = sdkClients(emulator.url);

    // 1. Count through the SDK vs directly in DuckDB on the same files.
    const direct = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false" });
    const conn = await direct.connect();
    await installTrinoFunctions(conn);
    const table = loadCatalogConfig().catalogs[0]!.databases.find((d) => d.name === "auditlogs")!.tables[0]!;
    await conn.run(`CREATE VIEW ${ident("aurora_audit_log")} AS ${tableViewSql(path.resolve(dataDir), table)}`);
    await conn.runAndReadAll(COUNT_SQL); // warm the OS file cache
    await athenaCount(athena); // warm-up
    // Alternate the two so both see the same machine load (other processes share these cores).
    const directMs: number[] = [];
    const sdk: Awaited<ReturnType<typeof athenaCount>>[] = [];
    let directValue = "";
    for (let i = 0; i < COUNT_RUNS; i++) {
      const s = performance.now();
      directValue = String((await conn.runAndReadAll(COUNT_SQL)).getRows()[0]![0]);
      directMs.push(performance.now() - s);
      sdk.push(await athenaCount(athena));
    }
    conn.closeSync();
    direct.closeSync();
    if (sdk[0]!.value !== directValue) throw new Error(`counts differ: sdk ${sdk[0]!.value} vs duckdb ${directValue}`);
    const sdkMedian = median(sdk.map((s) => s.ms));
    const directMedian = median(directMs);
    report.count = {
      sql: COUNT_SQL,
      result: directValue,
      dataScannedBytes: sdk[0]!.scanned,
      duckdbDirectMs: stats(directMs),
      sdkEndToEndMs: stats(sdk.map((s) => s.ms)),
      engineExecutionMs: stats(sdk.map((s) => s.engineMs)),
      overheadRatio: round(sdkMedian / directMedian),
    };

    // 2a. GetQueryResults: 1,000-row pages of a 100,000-row result under 20 concurrent clients.
    const { QueryExecutionId } = await athena.send(
      new StartQueryExecutionCommand({
        QueryString: "SELECT * FROM aurora_audit_log LIMIT 100000",
        QueryExecutionContext: { Database: "auditlogs" },
      }),
    );
    for (;;) {
      const s = (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!.Status!.State;
      if (s === "SUCCEEDED") break;
      if (s !== "QUEUED" && s !== "RUNNING") throw new Error(`page query ${s}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const tokens: (string | undefined)[] = [undefined];
    for (let token: string | undefined; ;) {
      const page = await athena.send(
        new GetQueryResultsCommand({ QueryExecutionId, MaxResults: 1000, NextToken: token }),
      );
      token = page.NextToken;
      if (!token) break;
      tokens.push(token);
    }
    tokens.pop(); // the last page holds the one row left after the header: keep only full 1,000-row pages
    const clients = Array.from({ length: CONCURRENCY }, () => sdkClients(emulator.url));
    const pageLatencies = await underLoad(CONCURRENCY, REQUESTS_PER_CLIENT, async (w, i) => {
      const page = await clients[w]!.athena.send(
        new GetQueryResultsCommand({
          QueryExecutionId,
          MaxResults: 1000,
          NextToken: tokens[(w * 7 + i * 13) % tokens.length],
        }),
      );
      if ((page.ResultSet?.Rows?.length ?? 0) < 1000) throw new Error("short page");
    });
    const sequential = await underLoad(1, tokens.length, (_w, i) =>
      athena.send(new GetQueryResultsCommand({ QueryExecutionId, MaxResults: 1000, NextToken: tokens[i] })),
    );
    // The same load over plain HTTP: the emulator's own latency, without the SDK's parsing in this process.
    const rawLatencies = await underLoad(CONCURRENCY, REQUESTS_PER_CLIENT, async (w, i) => {
      const token = tokens[(w * 7 + i * 13) % tokens.length];
      const res = await fetch(emulator.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AmazonAthena.GetQueryResults" },
        body: JSON.stringify({ QueryExecutionId, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    });
    report.getQueryResults1000RowPage = {
      concurrency: CONCURRENCY,
      pages: tokens.length,
      sdk: stats(pageLatencies),
      rawHttp: stats(rawLatencies),
      oneClientSdk: stats(sequential),
    };

    // 2b. DescribeExecution under 20 concurrent clients (Step Functions, if the service is loaded).
    try {
      const machine = await sfn.send(
        new CreateStateMachineCommand({
          name: `bench-${Date.now()}`,
          roleArn: "arn:aws:iam::000000000000:role/bench",
          definition: JSON.stringify({
            StartAt: "Done",
            States: { Done: { Type: "Pass", Result: { ok: true }, End: true } },
          }),
        }),
      );
      const executions: string[] = [];
      for (let i = 0; i < CONCURRENCY; i++) {
        executions.push(
          (
            await sfn.send(
              new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, input: JSON.stringify({ i }) }),
            )
          ).executionArn!,
        );
      }
      const describeLatencies = await underLoad(CONCURRENCY, REQUESTS_PER_CLIENT, (w) =>
        clients[w]!.sfn.send(new DescribeExecutionCommand({ executionArn: executions[w] })),
      );
      const oneClient = await underLoad(1, 200, () =>
        sfn.send(new DescribeExecutionCommand({ executionArn: executions[0] })),
      );
      report.describeExecution = { concurrency: CONCURRENCY, ...stats(describeLatencies), oneClient: stats(oneClient) };
    } catch (err) {
      report.describeExecution = { skipped: `Step Functions not available: ${(err as Error).message}` };
    }

    // 2c. GetQueryExecution under the same load (what the state machine's .sync polling does).
    const gqeLatencies = await underLoad(CONCURRENCY, REQUESTS_PER_CLIENT, (w) =>
      clients[w]!.athena.send(new GetQueryExecutionCommand({ QueryExecutionId })),
    );
    report.getQueryExecution = { concurrency: CONCURRENCY, ...stats(gqeLatencies) };
  } finally {
    await emulator.close();
  }
  report.loadAverage = os.loadavg().map(round);
  console.log(JSON.stringify(report, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
