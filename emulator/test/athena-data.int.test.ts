// The audit-log data set, the result files and persistence across restarts, checked from outside the engine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { generateAuditLogs } from "../src/athena/datasets/aurora-audit-log";
import { csvLine, CsvResultWriter, readCsvPage } from "../src/athena/results";
import { sdkClients, startTestEmulator } from "./helpers";
import { runToEnd, values, waitForEnd } from "./athena-helpers";

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athena-data-"));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** An Aurora audit line parsed on its own terms (written for this test, independent of the engine). */
interface AuditLine {
  timestamp: bigint;
  serverhost: string;
  username: string;
  host: string;
  operation: string;
  database: string;
  object: string;
  retcode: number;
}

function parseAuditLine(line: string): AuditLine {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === "'") {
      let value = "";
      i++;
      while (i < line.length && line[i] !== "'") {
        if (line[i] === "\\") i++;
        value += line[i];
        i++;
      }
      fields.push(value);
      i += 2; // closing quote and comma
    } else {
      const end = line.indexOf(",", i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  if (fields.length !== 10) throw new Error(`expected 10 fields, got ${fields.length}: ${line}`);
  const [timestamp, serverhost, username, host, , , operation, database, object, retcode] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    timestamp: BigInt(timestamp),
    serverhost,
    username,
    host,
    operation,
    database,
    object,
    retcode: Number(retcode),
  };
}

function readAuditDir(dir: string): { dt: string; lines: AuditLine[] }[] {
  return fs
    .readdirSync(dir)
    .filter((d) => d.startsWith("dt="))
    .sort()
    .map((d) => ({
      dt: d.slice(3),
      lines: fs
        .readFileSync(path.join(dir, d, "audit.log.csv"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map(parseAuditLine),
    }));
}

describe("Aurora audit log generator", () => {
  const endMs = Date.UTC(2026, 10, 27, 15, 30);

  it("is deterministic and writes exactly the requested number of lines, one file per UTC day", () => {
    const a = tmpDir();
    const b = tmpDir();
    const ma = generateAuditLogs(a, { rows: 4000, seed: 7, endMs });
    generateAuditLogs(b, { rows: 4000, seed: 7, endMs });
    const files = Object.keys(ma.partitions).map((dt) => `dt=${dt}/audit.log.csv`);
    expect(files).toHaveLength(8); // 7 days back from 15:30 touch 8 calendar days
    for (const f of files) expect(fs.readFileSync(path.join(a, f))).toEqual(fs.readFileSync(path.join(b, f)));
    const parts = readAuditDir(a);
    expect(parts.reduce((n, p) => n + p.lines.length, 0)).toBe(4000);
    const misplaced = parts.flatMap((p) =>
      p.lines.filter((line) => {
        const ms = Number(line.timestamp / 1000n);
        return new Date(ms).toISOString().slice(0, 10) !== p.dt || ms >= endMs || ms < endMs - 7 * 86_400_000;
      }),
    );
    expect(misplaced).toEqual([]);
    const other = tmpDir();
    generateAuditLogs(other, { rows: 4000, seed: 8, endMs });
    expect(fs.readFileSync(path.join(other, files[3]!))).not.toEqual(fs.readFileSync(path.join(a, files[3]!)));
  });

  it("contains normal traffic, admin logins, failed logins and DDL on the cluster's instances", () => {
    const dir = tmpDir();
    generateAuditLogs(dir, { rows: 6000, seed: 3, endMs });
    const lines = readAuditDir(dir).flatMap((p) => p.lines);
    const count = (f: (l: AuditLine) => boolean) => lines.filter(f).length;
    expect(count((l) => !l.serverhost.startsWith("prod-aurora-cluster-instance-"))).toBe(0);
    expect(count((l) => l.username === "admin" && l.operation === "CONNECT")).toBeGreaterThan(5);
    expect(count((l) => l.username === "rdsadmin" && l.operation === "CONNECT")).toBeGreaterThan(20);
    expect(count((l) => l.operation === "FAILED_CONNECT" && l.retcode === 1045)).toBeGreaterThan(10);
    for (const op of ["CREATE", "ALTER", "DROP", "RENAME", "QUERY", "READ", "WRITE", "DISCONNECT"])
      expect(count((l) => l.operation === op)).toBeGreaterThan(0);
    expect(count((l) => l.operation === "QUERY" && l.object.includes(",") && l.object.includes("'"))).toBeGreaterThan(
      0,
    );
  });
});

describe("result files", () => {
  it("round-trips NULL, empty strings, quotes, commas and newlines, page by page from byte offsets", async () => {
    const file = path.join(tmpDir(), "r.csv");
    const writer = new CsvResultWriter(file);
    const rows: (string | null)[][] = [
      ["a", "b"],
      [null, ""],
      ['say "hi", ok', "two\nlines"],
      ["ünï", null],
    ];
    for (let i = 0; i < 3000; i++) rows.push([`row ${i}`, i % 3 === 0 ? null : "x,y"]);
    for (const r of rows) await writer.write(csvLine(r));
    await writer.close();
    const read: (string | null)[][] = [];
    let offset = 0;
    for (;;) {
      const page = await readCsvPage(file, offset, 777);
      read.push(...page.rows);
      offset = page.nextOffset;
      if (page.done) break;
    }
    expect(read).toEqual(rows);
  });
});

describe("the audit table through the SDK", () => {
  it("counts administrator logins exactly as a plain reading of the generated files does", async () => {
    const emu = await startTestEmulator({ options: { "audit-rows": "12000" } });
    try {
      const { athena } = sdkClients(emu.url);
      const q = await runToEnd(athena, {
        QueryString:
          "SELECT count(*) FROM aurora_audit_log WHERE username IN ('admin','rdsadmin') AND operation = 'CONNECT' AND starts_with(serverhost, ?)",
        ExecutionParameters: ["'prod-aurora-cluster'"],
        QueryExecutionContext: { Database: "auditlogs" },
      });
      expect(q.Status?.State).toBe("SUCCEEDED");
      const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
      const lines = readAuditDir(path.join(emu.dataDir, "datasets/auditlogs/aurora_audit_log")).flatMap((p) => p.lines);
      expect(lines).toHaveLength(12000);
      const expected = lines.filter(
        (l) =>
          ["admin", "rdsadmin"].includes(l.username) &&
          l.operation === "CONNECT" &&
          l.serverhost.startsWith("prod-aurora-cluster"),
      ).length;
      expect(expected).toBeGreaterThan(0);
      expect(values(res.ResultSet?.Rows?.[1])).toEqual([String(expected)]);

      const failed = await runToEnd(athena, {
        QueryString: "SELECT count(*) FROM aurora_audit_log WHERE operation = 'FAILED_CONNECT' AND retcode = 1045",
        QueryExecutionContext: { Database: "auditlogs" },
      });
      const failedRes = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: failed.QueryExecutionId }));
      expect(values(failedRes.ResultSet?.Rows?.[1])).toEqual([
        String(lines.filter((l) => l.operation === "FAILED_CONNECT" && l.retcode === 1045).length),
      ]);
    } finally {
      await emu.close();
    }
  });
});

describe("restarts", () => {
  it("keeps finished queries and their results, fails the ones in flight, and regenerates data when the size flag changes", async () => {
    const dataDir = tmpDir();
    const first = await startTestEmulator({ dataDir, options: { "audit-rows": "3000" } });
    let doneId: string;
    let inFlightId: string;
    try {
      const { athena } = sdkClients(first.url);
      const done = await runToEnd(athena, {
        QueryString: "SELECT count(*) AS n FROM aurora_audit_log",
        QueryExecutionContext: { Database: "auditlogs" },
      });
      doneId = done.QueryExecutionId!;
      const slow = await athena.send(
        new StartQueryExecutionCommand({
          QueryString:
            "SELECT count(*) FROM unnest(sequence(1, 5000)) a CROSS JOIN unnest(sequence(1, 50000)) b WHERE (a.unnest * b.unnest) % 7 = 3",
        }),
      );
      inFlightId = slow.QueryExecutionId!;
    } finally {
      await first.close();
    }

    const second = await startTestEmulator({ dataDir, options: { "audit-rows": "3000" } });
    try {
      const { athena } = sdkClients(second.url);
      const done = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: doneId }));
      expect(done.QueryExecution?.Status?.State).toBe("SUCCEEDED");
      const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: doneId }));
      expect(res.ResultSet?.Rows?.map(values)).toEqual([["n"], ["3000"]]);
      const lost = await waitForEnd(athena, inFlightId);
      expect(lost.Status?.State).toBe("FAILED");
      expect(lost.Status?.StateChangeReason).toMatch(/emulator stopped/);
      expect(lost.Status?.AthenaError).toMatchObject({ ErrorCategory: 1, Retryable: true });
    } finally {
      await second.close();
    }

    const third = await startTestEmulator({ dataDir, options: { "audit-rows": "4000" } });
    try {
      const { athena } = sdkClients(third.url);
      const q = await runToEnd(athena, {
        QueryString: "SELECT count(*) FROM aurora_audit_log",
        QueryExecutionContext: { Database: "auditlogs" },
      });
      const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
      expect(values(res.ResultSet?.Rows?.[1])).toEqual(["4000"]);
    } finally {
      await third.close();
    }
  });
});
