// Result pages and the CSV stream against the emulator's Athena through the real SDK: the header row of a SELECT,
// no header for UTILITY statements, NULL vs '', and every row of a 10,000-row result across NextToken pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetQueryResultsCommand, type QueryExecution } from "@aws-sdk/client-athena";
import type { AwsClients } from "@/lib/aws/create-clients";
import { emulatorAwsClients, runAthenaQuery } from "@/lib/testing/emulator-aws";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { toResultPage } from "./result-page";
import { resultsCsvChunks } from "./results-csv";

let emu: EmulatorProcess;
let aws: AwsClients;

beforeAll(async () => {
  emu = await startEmulator();
  aws = emulatorAwsClients(emu);
});

afterAll(async () => {
  await emu?.stop();
});

async function run(sql: string): Promise<QueryExecution> {
  return runAthenaQuery(aws, sql, "s3://c4-results/");
}

const fetcher = (id: string, size: number) => (token: string | null) =>
  aws.athena.send(
    new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: size, NextToken: token ?? undefined }),
  );

describe("Athena results on the emulator", () => {
  it("drops the header row of a SELECT's first page only, and keeps NULL apart from ''", async () => {
    const q = await run("SELECT label FROM demo.all_types ORDER BY id");
    expect(q.StatementType).toBe("DML");
    const first = toResultPage(await fetcher(q.QueryExecutionId!, 3)(null), {
      firstPage: true,
      statementType: q.StatementType,
    });
    expect(first.columns.map((c) => c.name)).toEqual(["label"]);
    expect(first.rows).toEqual([["alpha"], [null]]); // header + 2 rows in a page of 3
    const second = toResultPage(await fetcher(q.QueryExecutionId!, 3)(first.nextToken), {
      firstPage: false,
      statementType: q.StatementType,
    });
    expect(second.rows[0]).toEqual([""]);
    expect(second.rows).toHaveLength(2);
  });

  it("keeps the first row of a UTILITY statement (no header)", async () => {
    const q = await run("SHOW TABLES IN auditlogs");
    expect(q.StatementType).toBe("UTILITY");
    const page = toResultPage(await fetcher(q.QueryExecutionId!, 100)(null), {
      firstPage: true,
      statementType: q.StatementType,
    });
    expect(page.rows.map((r) => r[0])).toContain("aurora_audit_log");
  });

  it("streams all 10,000 rows of a result as CSV, a page at a time", async () => {
    const q = await run("SELECT n FROM unnest(sequence(1, 10000)) AS t(n) ORDER BY n");
    let calls = 0;
    const fetch = fetcher(q.QueryExecutionId!, 1000);
    let csv = "";
    for await (const chunk of resultsCsvChunks((t) => (calls++, fetch(t)), { statementType: q.StatementType }))
      csv += chunk;
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("n");
    expect(lines.slice(1)).toEqual(Array.from({ length: 10_000 }, (_, i) => String(i + 1)));
    expect(calls).toBe(11); // 999 + 9 × 1,000 + 1
  });
});
