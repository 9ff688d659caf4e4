// The evidence package on both databases: a check edited once during the period (two generations), three runs (one
// before the period), a kept snapshot with a formula-looking cell, a truncated one and an unavailable one; the zip
// is read back and every file's SHA-256 and size checked against the manifest.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import { createCheck, getCheck, updateCheck } from "@/lib/db/checks";
import { prismaExecutionStore } from "@/lib/db/executions";
import { enqueueSnapshot, markSnapshotUnavailable, writeSnapshotPage } from "@/lib/db/result-snapshots";
import { bothDatabases, withTestDatabase } from "@/lib/db/testing/both-databases";
import type { ExecutionRecord } from "@/lib/executions/execution-record";
import { evidenceRequestSchema, evidenceZip, generationsOf, type Manifest } from "./export";

const alice: Actor = { id: "user:alice", displayName: "Alice" };

const spec: CheckSpec = {
  name: "Administrator logins",
  slug: "admin-logins",
  description: "",
  sql: "SELECT username, host FROM auditlogs.aurora_audit_log WHERE username = 'admin'",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
  parameters: [],
  trigger: { kind: "schedule", expression: "rate(1 hour)" },
  expectation: { kind: "noRows" },
  findingKeys: [],
  enabled: true,
};

async function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        stream!.on("data", (c: Buffer) => parts.push(c));
        stream!.on("end", () => {
          files.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return files;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe.each(bothDatabases("evidence"))("evidence export on %s", (_label, create) => {
  const db = withTestDatabase(create);

  it("packages definitions, runs and snapshots with a manifest whose hashes match", async () => {
    const created = await createCheck(spec, alice);
    const edited = await updateCheck(
      created.id,
      created.version,
      { ...spec, expectation: { kind: "rowCount", op: "le", value: 3 } },
      alice,
    );
    expect(edited.generation).toBe(2);
    const gens = await generationsOf(edited);
    expect(gens.map((g) => g.generation)).toEqual([1, 2]);
    expect(gens[0]!.spec.expectation).toEqual({ kind: "noRows" });
    expect(gens[1]!.spec.expectation).toEqual({ kind: "rowCount", op: "le", value: 3 });

    const now = Date.now();
    const run = (n: number, startMs: number): ExecutionRecord => ({
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:runner:ev-${n}`,
      name: `ev-${n}`,
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:runner",
      status: "SUCCEEDED",
      startDate: new Date(startMs),
      stopDate: new Date(startMs + 5_000),
      checkId: created.id,
      checkSlug: spec.slug,
      checkGeneration: 2,
      triggerKind: n === 1 ? "manual" : "schedule",
      rerunOf: null,
      actorName: n === 1 ? "Alice" : null,
      input: null,
      output: null,
      verdict: n === 2 ? "FAIL" : "PASS",
      firstValue: n === 2 ? "=cmd()" : "0",
      previewRowCount: 2,
      queryExecutionId: `q-${n}`,
      queryState: "SUCCEEDED",
      queryStateReason: null,
      statistics: null,
      dataScannedBytes: 123_456n,
      engineTimeMs: 10,
      queueTimeMs: 1,
      error: null,
      cause: null,
    });
    await prismaExecutionStore(() => db().client).upsert([
      run(0, now - 40 * 86_400_000), // before the period
      run(1, now - 2 * 3_600_000),
      run(2, now - 3_600_000),
      run(3, now - 1_800_000),
    ]);
    const idOf = async (name: string) => String((await db().client.execution.findFirstOrThrow({ where: { name } })).id);
    const columns = [
      { name: "username", type: "varchar", kind: "text" as const, align: "left" as const },
      { name: "logins", type: "bigint", kind: "integer" as const, align: "right" as const },
    ];
    const s1 = await enqueueSnapshot({ executionId: await idOf("ev-1"), checkId: created.id, queryExecutionId: "q-1" });
    await writeSnapshotPage({
      snapshotId: s1.id,
      fromRowCount: 0,
      rows: [
        ["admin", "3"],
        ['=HYPERLINK("x")', null],
      ],
      bytes: 22,
      columns,
      statementType: "DML",
      nextToken: null,
      finish: { state: "COMPLETE" },
    });
    const s2 = await enqueueSnapshot({
      executionId: await idOf("ev-2"),
      checkId: created.id,
      queryExecutionId: "q-2",
      maxRows: 1,
    });
    await writeSnapshotPage({
      snapshotId: s2.id,
      fromRowCount: 0,
      rows: [["root", "9"]],
      bytes: 5,
      columns,
      statementType: "DML",
      nextToken: null,
      finish: { state: "TRUNCATED", cutReason: "rows" },
    });
    const s3 = await enqueueSnapshot({ executionId: await idOf("ev-3"), checkId: created.id, queryExecutionId: "q-3" });
    await markSnapshotUnavailable(s3.id, "Athena no longer has the result of query q-3.");

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const req = evidenceRequestSchema.parse({ checkIds: [created.id], from: day(now - 7 * 86_400_000), to: day(now) });
    const check = (await getCheck(created.id))!;
    const zip = await collect(evidenceZip([check], req, { exportedBy: "Alice" }));
    const files = await readZip(zip);

    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Manifest;
    expect(manifest.checks).toEqual([
      { id: created.id, slug: "admin-logins", name: spec.name, folder: "checks/admin-logins" },
    ]);
    const listed = manifest.files.map((f) => f.path).sort();
    expect(listed).toEqual(
      [
        "README.txt",
        "checks/admin-logins/definition.json",
        "checks/admin-logins/runs.csv",
        "checks/admin-logins/snapshots.csv",
        "checks/admin-logins/snapshots/ev-1.csv",
        "checks/admin-logins/snapshots/ev-2.csv",
      ].sort(),
    );
    expect([...files.keys()].sort()).toEqual([...listed, "manifest.json"].sort());
    for (const f of manifest.files) {
      const body = files.get(f.path)!;
      expect(body.length).toBe(f.bytes);
      expect(createHash("sha256").update(body).digest("hex")).toBe(f.sha256);
    }

    const definition = JSON.parse(files.get("checks/admin-logins/definition.json")!.toString("utf8"));
    expect(definition.generations.map((g: { generation: number }) => g.generation)).toEqual([1, 2]);

    const runs = files.get("checks/admin-logins/runs.csv")!.toString("utf8").trim().split("\r\n");
    expect(runs[0]).toBe(
      "execution,started_at,stopped_at,status,trigger,actor,check_generation,verdict,first_value,preview_rows,data_scanned_bytes,cost_usd,query_execution_id,error",
    );
    expect(runs.slice(1).map((l) => l.split(",")[0])).toEqual(["ev-1", "ev-2", "ev-3"]); // ev-0 is before the period
    expect(runs[1]).toContain(",manual,Alice,2,PASS,0,2,123456,0.00004768,q-1,");
    expect(runs[2]).toContain(",FAIL,'=cmd(),"); // formula neutralized

    const snap1 = files.get("checks/admin-logins/snapshots/ev-1.csv")!.toString("utf8");
    // NULL is an empty field; the formula-looking cell is defused and quoted.
    expect(snap1).toBe(`username,logins\r\nadmin,3\r\n"'=HYPERLINK(""x"")",\r\n`);
    const index = files.get("checks/admin-logins/snapshots.csv")!.toString("utf8").trim().split("\r\n");
    expect(index.slice(1).map((l) => l.split(",").slice(0, 1).concat(l.split(",").slice(2, 4)))).toEqual([
      ["ev-1", "complete", "2"],
      ["ev-2", "truncated", "1"],
      ["ev-3", "unavailable", "0"],
    ]);
    expect(index[2]).toContain("first 1 rows");
    expect(index[3]).toContain("Athena no longer has the result of query q-3.");
  });

  it("refuses an empty selection and a reversed period, beside the fields", () => {
    const r = evidenceRequestSchema.safeParse({ checkIds: [], from: "2026-02-01", to: "2026-01-01" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("checkIds");
  });
});
