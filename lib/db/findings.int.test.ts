// The findings lifecycle on both databases, over a scripted sequence of runs: new → still open → resolved → new
// again, duplicates counted, idempotency, a late (older) run and a cut snapshot changing nothing they should not,
// and acknowledgements with expiry (audited, and what the rule target's query would exclude).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import type { ExecutionRecord } from "@/lib/executions/execution-record";
import { toResultColumn } from "@/lib/executions/result-columns";
import { createCheck } from "./checks";
import { prismaExecutionStore } from "./executions";
import {
  acknowledgedKeys,
  acknowledgeFinding,
  findingsOfCheck,
  findingsOfExecution,
  processExecutionFindings,
  processPendingFindings,
} from "./findings";
import { enqueueSnapshot, writeSnapshotPage } from "./result-snapshots";
import { bothDatabases, withTestDatabase } from "./testing/both-databases";

const alice: Actor = { id: "alice", displayName: "Alice" };
const COLUMNS = ["username", "host", "logins"].map((name) =>
  toResultColumn({ Name: name, Type: name === "logins" ? "bigint" : "varchar" }, 0),
);

const spec: CheckSpec = {
  name: "Administrator logins",
  slug: "admin-logins-findings",
  description: "",
  sql: "SELECT username, host, count(*) AS logins FROM log GROUP BY 1, 2",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://r/",
  parameters: [],
  trigger: { kind: "schedule", expression: "rate(1 hour)" },
  expectation: { kind: "noUnacknowledgedFindings" },
  findingKeys: ["username", "host"],
  enabled: true,
};

type Rows = (string | null)[][];

describe.each(bothDatabases("findings"))("findings on %s", (_label, create) => {
  const db = withTestDatabase(create);
  let checkId: string;
  let seq = 0;

  beforeAll(async () => {
    checkId = (await createCheck(spec, alice)).id;
  });

  /** An indexed run of the check at hour `hour` whose snapshot holds `rows`; returns its execution id. */
  async function run(hour: number, rows: Rows, state: "COMPLETE" | "TRUNCATED" = "COMPLETE"): Promise<string> {
    const n = ++seq;
    const startDate = new Date(Date.UTC(2026, 10, 1, hour));
    const record: ExecutionRecord = {
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:runner:f-${n}`,
      name: `f-${n}`,
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:runner",
      status: "SUCCEEDED",
      startDate,
      stopDate: startDate,
      checkId,
      checkSlug: spec.slug,
      checkGeneration: 1,
      triggerKind: "schedule",
      rerunOf: null,
      actorName: null,
      input: null,
      output: null,
      verdict: "FAIL",
      firstValue: null,
      previewRowCount: null,
      queryExecutionId: `q-${n}`,
      queryState: "SUCCEEDED",
      queryStateReason: null,
      statistics: null,
      dataScannedBytes: null,
      engineTimeMs: null,
      queueTimeMs: null,
      error: null,
      cause: null,
    };
    await prismaExecutionStore(() => db().client).upsert([record]);
    const id = String((await db().client.execution.findFirstOrThrow({ where: { name: record.name } })).id);
    const s = await enqueueSnapshot({ executionId: id, checkId, queryExecutionId: record.queryExecutionId! });
    await writeSnapshotPage({
      snapshotId: s.id,
      fromRowCount: 0,
      rows,
      bytes: 10,
      columns: COLUMNS,
      statementType: "DML",
      nextToken: null,
      finish: state === "TRUNCATED" ? { state, cutReason: "rows" } : { state },
    });
    return id;
  }

  const byUser = async () =>
    Object.fromEntries(
      (await findingsOfCheck(checkId)).findings.map((f) => [
        `${f.keyValues.username}@${f.keyValues.host ?? "NULL"}`,
        { status: f.status, occurrences: f.occurrenceCount },
      ]),
    );

  it("new → still open → resolved → new again, duplicates counted, each step once", async () => {
    const r1 = await run(1, [
      ["admin", "10.0.0.1", "3"],
      ["admin", "10.0.0.1", "1"],
      ["rdsadmin", null, "1"],
    ]);
    const [o1] = await processPendingFindings();
    expect(o1).toMatchObject({
      executionId: r1,
      newCount: 2,
      openCount: 0,
      resolvedCount: 0,
      rows: 3,
      duplicateRows: 1,
    });
    const e1 = await findingsOfExecution(r1);
    expect(e1.findings.map((f) => [f.change, f.rowCount])).toEqual([
      ["NEW", 2],
      ["NEW", 1],
    ]);

    // An identical second run: everything still open, nothing new.
    const r2 = await run(2, [
      ["admin", "10.0.0.1", "3"],
      ["admin", "10.0.0.1", "1"],
      ["rdsadmin", null, "1"],
    ]);
    expect(await processPendingFindings()).toMatchObject([
      { executionId: r2, newCount: 0, openCount: 2, resolvedCount: 0 },
    ]);
    expect(await processExecutionFindings(r2)).toBeNull(); // idempotent

    const r3 = await run(3, [["admin", "10.0.0.1", "5"]]);
    expect(await processPendingFindings()).toMatchObject([
      { executionId: r3, newCount: 0, openCount: 1, resolvedCount: 1 },
    ]);
    expect(await byUser()).toEqual({
      "admin@10.0.0.1": { status: "OPEN", occurrences: 3 },
      "rdsadmin@NULL": { status: "RESOLVED", occurrences: 2 },
    });

    const r4 = await run(4, [
      ["admin", "10.0.0.1", "5"],
      ["rdsadmin", null, "2"],
    ]);
    expect(await processPendingFindings()).toMatchObject([
      { executionId: r4, newCount: 1, openCount: 1, resolvedCount: 0 },
    ]);
    expect(await byUser()).toEqual({
      "admin@10.0.0.1": { status: "OPEN", occurrences: 4 },
      "rdsadmin@NULL": { status: "OPEN", occurrences: 3 },
    });
    const resolvedIn3 = await findingsOfExecution(r3);
    expect(resolvedIn3.findings.map((f) => f.change).sort()).toEqual(["OPEN", "RESOLVED"]);
  });

  it("a run cut at its cap resolves nothing; a run older than the last processed one changes nothing", async () => {
    const cut = await run(5, [["admin", "10.0.0.1", "5"]], "TRUNCATED");
    expect(await processPendingFindings()).toMatchObject([{ executionId: cut, resolvedCount: 0, openCount: 1 }]);
    expect((await byUser())["rdsadmin@NULL"]?.status).toBe("OPEN");

    const late = await run(0, [["eve", "h", "1"]]);
    expect(await processPendingFindings()).toMatchObject([{ executionId: late, processed: false }]);
    expect(Object.keys(await byUser())).not.toContain("eve@h");
  });

  it("acknowledgements: audited, excluded from the verdict query until they expire, withdrawable", async () => {
    const { findings } = await findingsOfCheck(checkId);
    const admin = findings.find((f) => f.keyValues.username === "admin")!;
    const root = findings.find((f) => f.keyValues.username === "rdsadmin")!;
    const until = new Date(Date.UTC(2026, 11, 31));
    await acknowledgeFinding({ findingId: admin.id, comment: "Break-glass login, ticket OPS-1", until, actor: alice });
    await acknowledgeFinding({ findingId: root.id, comment: "Monitoring agent", until: null, actor: alice });

    const before = new Date(Date.UTC(2026, 11, 1));
    const after = new Date(Date.UTC(2027, 0, 1));
    expect(await acknowledgedKeys(checkId, spec.findingKeys, before)).toEqual([
      ["admin", "10.0.0.1"],
      ["rdsadmin", null],
    ]);
    expect(await acknowledgedKeys(checkId, spec.findingKeys, after)).toEqual([["rdsadmin", null]]);
    const listed = await findingsOfCheck(checkId, after);
    expect(listed.findings.find((f) => f.id === admin.id)).toMatchObject({ acknowledged: false, ack: { until } });
    expect(listed.counts.acknowledged).toBe(1);

    const events = await db().client.auditEvent.findMany({ where: { checkId, action: "finding.acknowledge" } });
    expect(events.map((e) => (e.detail as { comment: string }).comment).sort()).toEqual([
      "Break-glass login, ticket OPS-1",
      "Monitoring agent",
    ]);

    await acknowledgeFinding({ findingId: root.id, comment: null, until: null, actor: alice });
    expect(await acknowledgedKeys(checkId, spec.findingKeys, before)).toEqual([["admin", "10.0.0.1"]]);
    expect(await db().client.auditEvent.count({ where: { checkId, action: "finding.withdrawAcknowledgement" } })).toBe(
      1,
    );
  });
});
