// The workbench service against the emulator's Athena and a real PostgreSQL: a query's rows and statistics, a
// syntax error with its line and column, a stopped query, the history row of each, and the schema listing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/actor";
import { setPrismaClient } from "@/lib/db/client";
import { listQueryRuns } from "@/lib/db/query-runs";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { resetEnvCache } from "@/lib/env";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import type { RunStatus } from "./run-status";

const OPERATOR: Actor = { id: "user:operator", displayName: "operator", kind: "user", role: "operator" };

vi.mock("server-only", () => ({}));

const { queryResultPage, queryStatus, startQuery, stopQuery, defaultQueryContext, workgroupLimits } =
  await import("./queries");
const { sampleTriggerEvent } = await import("./trigger-events");
const { parameterLiterals } = await import("@/lib/checks/parameter-preview");
const { listCatalogs, listDatabases, listTables } = await import("./schema-catalog");

let emu: EmulatorProcess;
let db: TestDatabase;

beforeAll(async () => {
  [emu, db] = await Promise.all([startEmulator(), createPostgresTestDatabase("workbench")]);
  setPrismaClient(db.client);
  process.env.ACC_AWS_MODE = "emulator";
  process.env.AWS_ENDPOINT_URL = emu.url;
  resetEnvCache();
});

afterAll(async () => {
  setPrismaClient(undefined);
  await Promise.all([db?.drop(), emu?.stop()]);
});

async function until(id: string, done: (s: RunStatus) => boolean = (s) => s.done): Promise<RunStatus> {
  for (let i = 0; i < 600; i++) {
    const s = await queryStatus(id);
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`query ${id} did not finish`);
}

describe("query workbench on the emulator", () => {
  it("runs with the literals a check's parameters take from the trigger's sample event", async () => {
    const pattern = {
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: {
        clusterArn: ["arn:aws:ecs:us-east-1:000000000000:cluster/audit-log-shipper"],
        lastStatus: ["STOPPED"],
        overrides: { containerOverrides: { command: ["prod-aurora-cluster"] } },
      },
    };
    const { event } = sampleTriggerEvent({ kind: "eventPattern", patternText: JSON.stringify(pattern) }, "probe");
    const { literals } = parameterLiterals(
      [
        { kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" },
        { kind: "literal", value: "'admin'" },
      ],
      event,
    );
    expect(literals).toEqual(["'prod-aurora-cluster'", "'admin'"]);
    const { queryExecutionId } = await startQuery(
      "SELECT ? AS cluster, count(*) AS n FROM aurora_audit_log WHERE username = ? AND serverhost LIKE 'prod-aurora-cluster%'",
      defaultQueryContext(),
      OPERATOR,
      literals!,
    );
    const s = await until(queryExecutionId);
    expect(s.state).toBe("SUCCEEDED");
    const page = await queryResultPage(queryExecutionId, 25, null);
    expect(page.rows[0]?.[0]).toBe("prod-aurora-cluster");
    expect(Number(page.rows[0]?.[1])).toBeGreaterThan(0);
  });

  it("a schedule's sample event is its next fire time; the workgroup's limits are read", async () => {
    const now = new Date("2026-12-03T10:17:00Z");
    const { event } = sampleTriggerEvent({ kind: "schedule", expression: "cron(0 12 * * ? *)" }, "probe", now);
    expect(event.time).toBe("2026-12-03T12:00:00Z");
    expect(() => sampleTriggerEvent({ kind: "schedule", expression: "every day" }, "probe")).toThrow(/schedule/);
    await expect(workgroupLimits("primary")).resolves.toEqual({
      workgroup: "primary",
      bytesScannedCutoffPerQuery: null,
      enforcedOutputLocation: null,
    });
    await expect(workgroupLimits("no-such-workgroup")).rejects.toThrow(/workgroup no-such-workgroup/);
  });

  it("runs a query in the default context and returns typed rows, statistics and a history row", async () => {
    const { queryExecutionId } = await startQuery(
      "SELECT operation, count(*) AS n\nFROM aurora_audit_log\nWHERE operation IN ('CONNECT', 'QUERY')\nGROUP BY operation\nORDER BY operation",
      defaultQueryContext(),
      OPERATOR,
    );
    const s = await until(queryExecutionId);
    expect(s.state).toBe("SUCCEEDED");
    expect(s.dataScannedBytes).toBeGreaterThan(0);
    expect(s.cost).toMatchObject({ freeBecause: null });
    expect(s.engineMs).not.toBeNull();
    const page = await queryResultPage(queryExecutionId, 25, null);
    expect(page.columns.map((c) => [c.name, c.kind])).toEqual([
      ["operation", "text"],
      ["n", "integer"],
    ]);
    expect(page.rows.map((r) => r[0])).toEqual(["CONNECT", "QUERY"]);
    const [run] = await listQueryRuns(OPERATOR);
    expect(run).toMatchObject({ queryExecutionId, state: "SUCCEEDED", dataScannedBytes: s.dataScannedBytes });
    expect(run!.finishedAt).not.toBeNull();
  });

  it("reports a syntax error at its line and column and keeps it in the history", async () => {
    const { queryExecutionId } = await startQuery(
      "SELECT count(*)\nFROM aurora_audit_log\nWHERE operation = 'CONNECT' AND AND retcode = 0",
      defaultQueryContext(),
      OPERATOR,
    );
    const s = await until(queryExecutionId);
    expect(s.state).toBe("FAILED");
    expect(s.error).toMatchObject({ code: "SYNTAX_ERROR", line: 3 });
    expect(s.error!.column).toBeGreaterThan(1);
    expect(s.cost).toMatchObject({ usd: 0, freeBecause: "failed" });
    await expect(queryResultPage(queryExecutionId, 25, null)).rejects.toThrow(/did not succeed/);
    const [run] = await listQueryRuns(OPERATOR);
    expect(run).toMatchObject({ queryExecutionId, state: "FAILED" });
    expect(run!.error).toMatch(/^SYNTAX_ERROR: line 3:/);
  });

  it("stops a long query", async () => {
    const { queryExecutionId } = await startQuery(
      "SELECT count(*) FROM aurora_audit_log a CROSS JOIN aurora_audit_log b CROSS JOIN aurora_audit_log c",
      defaultQueryContext(),
      OPERATOR,
    );
    await stopQuery(queryExecutionId);
    const s = await until(queryExecutionId);
    expect(s.state).toBe("CANCELLED");
    expect(s.error).toBeNull();
  });

  it("refuses an empty or oversized query and an id it did not start", async () => {
    await expect(startQuery("  \n", defaultQueryContext(), OPERATOR)).rejects.toThrow(/Write a query first/);
    await expect(startQuery(`SELECT '${"x".repeat(262_144)}'`, defaultQueryContext(), OPERATOR)).rejects.toThrow(
      /over Athena's limit/,
    );
    await expect(queryStatus("00000000-0000-0000-0000-000000000000")).rejects.toThrow(
      /not started from the query workbench/,
    );
  });

  it("lists catalogs, databases and the audit table with its partition key", async () => {
    expect((await listCatalogs()).map((c) => c.name)).toContain("AwsDataCatalog");
    expect((await listDatabases("AwsDataCatalog")).map((d) => d.name)).toContain("auditlogs");
    const table = (await listTables("AwsDataCatalog", "auditlogs")).find((t) => t.name === "aurora_audit_log")!;
    expect(table.columns.find((c) => c.name === "username")).toMatchObject({ type: "varchar", partitionKey: false });
    expect(table.columns.find((c) => c.name === "dt")).toMatchObject({ partitionKey: true });
  });
});
