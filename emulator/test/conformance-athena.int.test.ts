// Athena as an outside tester sees it: a separate emulator process at http://localhost:<port>, the real SDK,
// typical argument combinations and each modeled error, every raw answer checked against the service model.
import { describe, expect, it } from "vitest";
import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetDataCatalogCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  ListQueryExecutionsCommand,
  ListDatabasesCommand,
  ListDataCatalogsCommand,
  ListTableMetadataCommand,
  ListWorkGroupsCommand,
  StartQueryExecutionCommand,
  type StartQueryExecutionCommandInput,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { errorOf, sleep, conformanceEmulator } from "./outside";

const OUTPUT = "s3://conformance-results/athena/";

const c = conformanceEmulator();

async function start(QueryString: string, extra: Partial<StartQueryExecutionCommandInput> = {}): Promise<string> {
  const out = await c.athena.send(
    new StartQueryExecutionCommand({
      QueryString,
      QueryExecutionContext: { Database: "auditlogs", Catalog: "AwsDataCatalog" },
      ResultConfiguration: { OutputLocation: OUTPUT },
      WorkGroup: "primary",
      ...extra,
    }),
  );
  expect(out.QueryExecutionId).toMatch(/^[0-9a-f-]{36}$/);
  return out.QueryExecutionId!;
}

/** Polls GetQueryExecution until the query leaves QUEUED/RUNNING; returns every state seen. */
async function settle(
  id: string,
  timeoutMs = 30_000,
): Promise<{ qe: NonNullable<GetQueryExecutionCommandOutput["QueryExecution"]>; states: string[] }> {
  const states: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const qe = (await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!;
    const state = qe.Status!.State!;
    if (states[states.length - 1] !== state) states.push(state);
    if (state !== "QUEUED" && state !== "RUNNING") return { qe, states };
    if (Date.now() > deadline) throw new Error(`query ${id} still ${state} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe("StartQueryExecution / GetQueryExecution", () => {
  it("a SELECT goes QUEUED/RUNNING → SUCCEEDED with statistics, context and output location", async () => {
    const id = await start("SELECT count(*) AS n FROM aurora_audit_log");
    const { qe, states } = await settle(id);
    for (const s of states.slice(0, -1)) expect(["QUEUED", "RUNNING"]).toContain(s);
    expect(qe).toMatchObject({
      QueryExecutionId: id,
      Query: "SELECT count(*) AS n FROM aurora_audit_log",
      StatementType: "DML",
      QueryExecutionContext: { Database: "auditlogs", Catalog: "AwsDataCatalog" },
      WorkGroup: "primary",
      Status: { State: "SUCCEEDED" },
    });
    expect(qe.ResultConfiguration!.OutputLocation).toBe(`${OUTPUT}${id}.csv`);
    expect(qe.Status!.SubmissionDateTime).toBeInstanceOf(Date);
    expect(qe.Status!.CompletionDateTime!.getTime()).toBeGreaterThanOrEqual(qe.Status!.SubmissionDateTime!.getTime());
    expect(qe.Statistics!.DataScannedInBytes).toBeGreaterThan(0);
    for (const k of ["EngineExecutionTimeInMillis", "TotalExecutionTimeInMillis", "QueryQueueTimeInMillis"] as const) {
      expect(qe.Statistics![k], k).toBeGreaterThanOrEqual(0);
    }
  });

  it("ClientRequestToken makes the start idempotent; a token under 32 characters is refused", async () => {
    const token = "conformance-token-0123456789abcdef";
    const a = await start("SELECT 1", { ClientRequestToken: token });
    const b = await start("SELECT 1", { ClientRequestToken: token });
    expect(b).toBe(a);
    const err = await errorOf(start("SELECT 1", { ClientRequestToken: "short" }));
    expect(err.name).toBe("InvalidRequestException");
  });

  it("ExecutionParameters fill the ? placeholders as SQL literals", async () => {
    const id = await start("SELECT ? AS s, ? AS n, count(*) AS c FROM aurora_audit_log WHERE username = ?", {
      ExecutionParameters: ["'it''s'", "42", "'admin'"],
    });
    const { qe } = await settle(id);
    expect(qe.Status!.State).toBe("SUCCEEDED");
    expect(qe.ExecutionParameters).toEqual(["'it''s'", "42", "'admin'"]);
    const rows = (await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }))).ResultSet!.Rows!;
    expect(rows[1]!.Data!.slice(0, 2).map((d) => d.VarCharValue)).toEqual(["it's", "42"]);
  });

  it("a bad query ends FAILED with AthenaError and StateChangeReason; its results are refused", async () => {
    const id = await start("SELECT no_such_column FROM aurora_audit_log");
    const { qe } = await settle(id);
    expect(qe.Status!.State).toBe("FAILED");
    expect(qe.Status!.StateChangeReason).toMatch(/no_such_column/i);
    expect(qe.Status!.AthenaError).toMatchObject({
      ErrorCategory: 2,
      ErrorType: expect.any(Number),
      Retryable: false,
      ErrorMessage: expect.any(String),
    });
    expect((await errorOf(c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id })))).name).toBe(
      "InvalidRequestException",
    );
    const syntax = await settle(await start("SELEC 1"));
    expect(syntax.qe.Status!.State).toBe("FAILED");
    expect(syntax.qe.Status!.AthenaError!.ErrorCategory).toBe(2);
  });

  it("refuses an unknown workgroup, an empty query, and unknown query ids", async () => {
    expect((await errorOf(start("SELECT 1", { WorkGroup: "no-such-wg" }))).name).toBe("InvalidRequestException");
    expect((await errorOf(start(""))).name).toBe("InvalidRequestException");
    const unknown = "00000000-0000-0000-0000-000000000000";
    expect((await errorOf(c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: unknown })))).name).toBe(
      "InvalidRequestException",
    );
    expect((await errorOf(c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: unknown })))).name).toBe(
      "InvalidRequestException",
    );
    expect((await errorOf(c.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: unknown })))).name).toBe(
      "InvalidRequestException",
    );
  });
});

describe("empty fields of the audit log", () => {
  /** The single value of a one-row, one-column query. */
  async function scalar(sql: string): Promise<string | undefined> {
    const id = await start(sql);
    expect((await settle(id)).qe.Status!.State).toBe("SUCCEEDED");
    return (await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }))).ResultSet!.Rows![1]!.Data![0]!
      .VarCharValue;
  }

  it("are '' (never NULL) whether the column is only filtered or also selected", async () => {
    // CONNECT lines of rdsadmin / admin sessions have an empty `database`; the same count, however it is asked for.
    const filtered = await scalar("SELECT count(*) FROM aurora_audit_log WHERE database = ''");
    const projected = await scalar("SELECT count_if(database = '') FROM aurora_audit_log");
    const grouped = await scalar(
      "SELECT sum(c) FROM (SELECT operation, count(*) AS c FROM aurora_audit_log WHERE database = '' GROUP BY operation)",
    );
    expect(Number(filtered)).toBeGreaterThan(0);
    expect(projected).toBe(filtered);
    expect(grouped).toBe(filtered);
    expect(await scalar("SELECT count(*) FROM aurora_audit_log WHERE database IS NULL OR object IS NULL")).toBe("0");
  });
});

describe("GetQueryResults", () => {
  it("header row first, VarCharValue strings, NULL without VarCharValue, Athena type names", async () => {
    const id = await start(
      "SELECT CAST(NULL AS varchar) AS nothing, 'x' AS s, 7 AS i, CAST(7 AS bigint) AS b, 1.5e0 AS d, true AS t, DATE '2024-01-02' AS day",
    );
    expect((await settle(id)).qe.Status!.State).toBe("SUCCEEDED");
    const out = await c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
    const [header, row] = out.ResultSet!.Rows!;
    expect(header!.Data!.map((d) => d.VarCharValue)).toEqual(["nothing", "s", "i", "b", "d", "t", "day"]);
    expect(row!.Data![0]).toEqual({});
    expect(row!.Data!.slice(1).map((d) => d.VarCharValue)).toEqual(["x", "7", "7", "1.5", "true", "2024-01-02"]);
    const cols = out.ResultSet!.ResultSetMetadata!.ColumnInfo!;
    expect(cols.map((c) => c.Type)).toEqual(["varchar", "varchar", "integer", "bigint", "double", "boolean", "date"]);
    for (const col of cols) expect(col).toMatchObject({ Nullable: "UNKNOWN", CatalogName: "hive", Label: col.Name });
    expect(out.NextToken).toBeUndefined();
  });

  it("pages with MaxResults / NextToken (header only on the first page); MaxResults over 1000 is refused", async () => {
    const id = await start("SELECT n FROM unnest(sequence(1, 2500)) AS t(n) ORDER BY n");
    expect((await settle(id)).qe.Status!.State).toBe("SUCCEEDED");
    const values: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await c.athena.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 1000, NextToken }),
      );
      const rows = page.ResultSet!.Rows!.map((r) => r.Data![0]!.VarCharValue!);
      expect(rows.length).toBeLessThanOrEqual(1000);
      values.push(...(pages === 0 ? rows.slice(1) : rows));
      if (pages === 0) expect(rows[0]).toBe("n");
      NextToken = page.NextToken;
      pages++;
    } while (NextToken && pages < 10);
    expect(pages).toBe(3);
    expect(values).toHaveLength(2500);
    expect(values[0]).toBe("1");
    expect(values[2499]).toBe("2500");
    for (const MaxResults of [1001, 0]) {
      const err = await errorOf(c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults })));
      expect(err.name, String(MaxResults)).toBe("InvalidRequestException");
    }
    expect(
      (await errorOf(c.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: "garbage" })))).name,
    ).toBe("InvalidRequestException");
  });
});

describe("StopQueryExecution / BatchGetQueryExecution", () => {
  it("stopping a long query ends it CANCELLED; stopping a finished one changes nothing", async () => {
    const slow = await start(
      "SELECT count(*) FROM aurora_audit_log a CROSS JOIN aurora_audit_log b WHERE regexp_like(a.object || b.object || a.host, 'x.*y.*z.*q')",
    );
    await sleep(300);
    await c.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: slow }));
    const { qe } = await settle(slow, 20_000);
    expect(qe.Status!.State).toBe("CANCELLED");
    const done = await start("SELECT 1");
    await settle(done);
    await c.athena.send(new StopQueryExecutionCommand({ QueryExecutionId: done }));
    expect(
      (await c.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: done }))).QueryExecution!.Status!.State,
    ).toBe("SUCCEEDED");
  });

  it("answers known ids and lists unknown ones as unprocessed", async () => {
    const id = await start("SELECT 2");
    await settle(id);
    const unknown = "11111111-1111-1111-1111-111111111111";
    const out = await c.athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [id, unknown] }));
    expect(out.QueryExecutions!.map((q) => q.QueryExecutionId)).toEqual([id]);
    expect(out.UnprocessedQueryExecutionIds).toEqual([
      expect.objectContaining({ QueryExecutionId: unknown, ErrorCode: expect.any(String) }),
    ]);
    expect((await errorOf(c.athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [] })))).name).toBe(
      "InvalidRequestException",
    );
  });
});

describe("work groups and the catalog", () => {
  it("ListWorkGroups / GetWorkGroup (unknown → InvalidRequestException)", async () => {
    const wgs = (await c.athena.send(new ListWorkGroupsCommand({}))).WorkGroups!;
    expect(wgs.map((w) => w.Name)).toContain("primary");
    const wg = (await c.athena.send(new GetWorkGroupCommand({ WorkGroup: "primary" }))).WorkGroup!;
    expect(wg).toMatchObject({ Name: "primary", State: "ENABLED" });
    expect(wg.CreationTime).toBeInstanceOf(Date);
    expect((await errorOf(c.athena.send(new GetWorkGroupCommand({ WorkGroup: "no-such-wg" })))).name).toBe(
      "InvalidRequestException",
    );
  });

  it("ListDataCatalogs / ListDatabases / ListTableMetadata describe the audit table", async () => {
    const catalogs = (await c.athena.send(new ListDataCatalogsCommand({}))).DataCatalogsSummary!;
    expect(catalogs).toEqual(
      expect.arrayContaining([expect.objectContaining({ CatalogName: "AwsDataCatalog", Type: "GLUE" })]),
    );
    const dbs = (await c.athena.send(new ListDatabasesCommand({ CatalogName: "AwsDataCatalog" }))).DatabaseList!;
    expect(dbs.map((d) => d.Name)).toContain("auditlogs");
    const tables = (
      await c.athena.send(new ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "auditlogs" }))
    ).TableMetadataList!;
    const audit = tables.find((t) => t.Name === "aurora_audit_log")!;
    expect(audit.Columns!.map((col) => col.Name)).toEqual([
      "timestamp",
      "serverhost",
      "username",
      "host",
      "connectionid",
      "queryid",
      "operation",
      "database",
      "object",
      "retcode",
    ]);
    expect(audit.Columns![0]!.Type).toBe("bigint");
    expect(audit.PartitionKeys).toEqual([
      expect.objectContaining({ Name: "dt", Type: expect.stringMatching(/^(varchar|string)$/) }),
    ]);
    const missingDb = await errorOf(
      c.athena.send(new ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "no_such_db" })),
    );
    expect(["MetadataException", "InvalidRequestException"]).toContain(missingDb.name);
    const missingCatalog = await errorOf(c.athena.send(new ListDatabasesCommand({ CatalogName: "NoSuchCatalog" })));
    expect(["MetadataException", "InvalidRequestException"]).toContain(missingCatalog.name);
  });
});

describe("the other modeled errors", () => {
  it("InvalidRequestException for MaxResults past the model's limits, foreign tokens and unknown catalogs", async () => {
    const name = async (p: Promise<unknown>) => (await errorOf(p)).name;
    expect(await name(c.athena.send(new ListWorkGroupsCommand({ MaxResults: 51 })))).toBe("InvalidRequestException");
    expect(await name(c.athena.send(new ListDataCatalogsCommand({ MaxResults: 1 })))).toBe("InvalidRequestException");
    expect(await name(c.athena.send(new ListQueryExecutionsCommand({ NextToken: "garbage" })))).toBe(
      "InvalidRequestException",
    );
    expect(
      await name(
        c.athena.send(
          new ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "auditlogs", MaxResults: 51 }),
        ),
      ),
    ).toBe("InvalidRequestException");
    expect(await name(c.athena.send(new GetDataCatalogCommand({ Name: "NoSuchCatalog" })))).toBe(
      "InvalidRequestException",
    );
  });
});
