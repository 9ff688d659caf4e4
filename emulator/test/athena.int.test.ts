// The Athena service through the real SDK client: every operation's happy path, paging, parameters and the
// modeled errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AthenaClient,
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  GetDatabaseCommand,
  GetDataCatalogCommand,
  GetQueryResultsCommand,
  GetQueryRuntimeStatisticsCommand,
  GetTableMetadataCommand,
  GetWorkGroupCommand,
  InvalidRequestException,
  ListDataCatalogsCommand,
  ListDatabasesCommand,
  ListQueryExecutionsCommand,
  ListTableMetadataCommand,
  ListWorkGroupsCommand,
  MetadataException,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { sdkClients, startTestEmulator, type TestEmulator } from "./helpers";
import { allPages, runToEnd, values, waitForEnd } from "./athena-helpers";

let emu: TestEmulator;
let athena: AthenaClient;
const audit = { QueryExecutionContext: { Database: "auditlogs", Catalog: "AwsDataCatalog" } };

beforeAll(async () => {
  emu = await startTestEmulator({ options: { "audit-rows": "5000" } });
  athena = sdkClients(emu.url).athena;
});

afterAll(async () => {
  await emu?.close();
});

async function expectError<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
  message?: RegExp,
): Promise<T> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  if (message) expect((err as Error).message).toMatch(message);
  return err as T;
}

describe("StartQueryExecution → GetQueryExecution", () => {
  it("runs a query to SUCCEEDED with Athena's QueryExecution shape and real statistics", async () => {
    const q = await runToEnd(athena, {
      QueryString: "SELECT count(*) AS n FROM aurora_audit_log",
      ...audit,
      ResultConfiguration: { OutputLocation: "s3://my-results/checks/" },
    });
    expect(q.Status?.State).toBe("SUCCEEDED");
    expect(q.StatementType).toBe("DML");
    expect(q.ResultConfiguration?.OutputLocation).toBe(`s3://my-results/checks/${q.QueryExecutionId}.csv`);
    expect(q.QueryExecutionContext).toEqual({ Database: "auditlogs", Catalog: "AwsDataCatalog" });
    expect(q.WorkGroup).toBe("primary");
    expect(q.EngineVersion?.EffectiveEngineVersion).toBe("Athena engine version 3");
    expect(q.Status?.SubmissionDateTime).toBeInstanceOf(Date);
    expect(q.Status!.CompletionDateTime!.getTime()).toBeGreaterThanOrEqual(q.Status!.SubmissionDateTime!.getTime());
    const s = q.Statistics!;
    expect(s.DataScannedInBytes).toBeGreaterThan(100_000);
    expect(s.EngineExecutionTimeInMillis).toBeGreaterThan(0);
    expect(s.TotalExecutionTimeInMillis).toBeGreaterThan(0);
    expect(s.TotalExecutionTimeInMillis).toBeGreaterThanOrEqual(s.EngineExecutionTimeInMillis!);
    expect(s.QueryQueueTimeInMillis).toBeGreaterThanOrEqual(0);
    const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect(values(res.ResultSet?.Rows?.[0])).toEqual(["n"]);
    expect(values(res.ResultSet?.Rows?.[1])).toEqual(["5000"]);
    const runtime = await athena.send(new GetQueryRuntimeStatisticsCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect(runtime.QueryRuntimeStatistics?.Rows).toMatchObject({ InputBytes: s.DataScannedInBytes, OutputRows: 1 });
    expect(runtime.QueryRuntimeStatistics?.Timeline?.EngineExecutionTimeInMillis).toBe(s.EngineExecutionTimeInMillis);
  });

  it("uses the workgroup's output location when none is given, and answers QUEUED/RUNNING first", async () => {
    const { QueryExecutionId } = await athena.send(
      new StartQueryExecutionCommand({ QueryString: "SELECT 1", WorkGroup: "audit-checks" }),
    );
    const first = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    expect(["QUEUED", "RUNNING", "SUCCEEDED"]).toContain(first.QueryExecution?.Status?.State);
    const q = await waitForEnd(athena, QueryExecutionId!);
    expect(q.ResultConfiguration?.OutputLocation).toBe(`s3://audit-checks-athena-results/${QueryExecutionId}.csv`);
    expect(q.WorkGroup).toBe("audit-checks");
  });

  it("prunes partitions: a one-day query scans exactly that day's file", async () => {
    const days = await runToEnd(athena, {
      QueryString: "SELECT dt, count(*) FROM aurora_audit_log GROUP BY dt ORDER BY dt",
      ...audit,
    });
    const rows = (await allPages(athena, days.QueryExecutionId!)).flat().slice(1).map(values);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const day = rows[2]![0]!;
    const full = days.Statistics!.DataScannedInBytes!;
    const one = await runToEnd(athena, {
      QueryString: `SELECT count(*) FROM aurora_audit_log WHERE dt = '${day}'`,
      ...audit,
    });
    expect(one.Status?.State).toBe("SUCCEEDED");
    expect(one.Statistics!.DataScannedInBytes!).toBeGreaterThan(0);
    expect(one.Statistics!.DataScannedInBytes!).toBeLessThan(full / 3);
  });

  it("is idempotent on ClientRequestToken and refuses the token for a different query", async () => {
    const token = "token-0123456789-0123456789-abcdef";
    const a = await athena.send(
      new StartQueryExecutionCommand({ QueryString: "SELECT 42", ClientRequestToken: token }),
    );
    const b = await athena.send(
      new StartQueryExecutionCommand({ QueryString: "SELECT 42", ClientRequestToken: token }),
    );
    expect(b.QueryExecutionId).toBe(a.QueryExecutionId);
    await expectError(
      athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT 43", ClientRequestToken: token })),
      InvalidRequestException,
    );
  });

  it("binds ExecutionParameters as values, including a string with a quote", async () => {
    const q = await runToEnd(athena, {
      QueryString:
        "SELECT ? AS s, ? AS n, ? AS d, ? AS b, ? AS missing, count(*) AS admins FROM aurora_audit_log WHERE username = ?",
      ExecutionParameters: ["'it''s'", "42", "DATE '2024-01-02'", "true", "NULL", "'x'' OR ''1''=''1'"],
      ...audit,
    });
    expect(q.Status?.State).toBe("SUCCEEDED");
    expect(q.ExecutionParameters).toHaveLength(6);
    const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect(values(res.ResultSet?.Rows?.[1])).toEqual(["it's", "42", "2024-01-02", "true", undefined, "0"]);
    const types = res.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((c) => c.Type);
    // A bare NULL parameter has no type of its own (Trino says unknown, DuckDB picks one): not compared.
    expect([...types!.slice(0, 4), types![5]]).toEqual(["varchar", "integer", "date", "boolean", "bigint"]);
  });

  it("fails a query whose parameter count does not match", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT ?, ?", ExecutionParameters: ["1"] });
    expect(q.Status?.State).toBe("FAILED");
    expect(q.Status?.AthenaError?.ErrorMessage).toMatch(/Incorrect number of parameters: expected 2 but found 1/);
  });

  it("ends a bad query FAILED with AthenaError and StateChangeReason shaped like Athena's", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT x FROM aurora_audit_log", ...audit });
    expect(q.Status?.State).toBe("FAILED");
    expect(q.Status?.AthenaError).toEqual({
      ErrorCategory: 2,
      ErrorType: 1000,
      Retryable: false,
      ErrorMessage:
        "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved or requester is not authorized to access requested resources",
    });
    expect(q.Status?.StateChangeReason).toBe(q.Status?.AthenaError?.ErrorMessage);
    expect(q.Statistics?.DataScannedInBytes).toBe(0);
    await expectError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId })),
      InvalidRequestException,
      /COLUMN_NOT_FOUND/,
    );

    const t = await runToEnd(athena, { QueryString: "SELECT * FROM no_such_table", ...audit });
    expect(t.Status?.AthenaError?.ErrorMessage).toBe(
      "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.auditlogs.no_such_table' does not exist",
    );
    const s = await runToEnd(athena, { QueryString: "SELECT * FORM aurora_audit_log", ...audit });
    expect(s.Status?.AthenaError?.ErrorMessage).toMatch(/^SYNTAX_ERROR: line 1:\d+: /);
    const two = await runToEnd(athena, { QueryString: "SELECT 1; SELECT 2" });
    expect(two.Status?.AthenaError?.ErrorMessage).toMatch(/^Only one sql statement is allowed/);
  });

  it("answers Athena's FUNCTION_NOT_FOUND for a function Trino lacks, even one DuckDB has", async () => {
    for (const [sql, message] of [
      ["SELECT list_value(1, 2)", "FUNCTION_NOT_FOUND: line 1:8: Function 'list_value' not registered"],
      ["SELECT 1,\n  strftime(now(), '%Y')", "FUNCTION_NOT_FOUND: line 2:3: Function 'strftime' not registered"],
      ["SELECT no_such_function(1)", "FUNCTION_NOT_FOUND: line 1:8: Function 'no_such_function' not registered"],
    ] as const) {
      const q = await runToEnd(athena, { QueryString: sql });
      expect(q.Status?.State, sql).toBe("FAILED");
      expect(q.Status?.AthenaError?.ErrorMessage, sql).toBe(message);
    }
  });

  it("renders Trino semantics end to end: integer division, typeof, zones, VALUES without parentheses", async () => {
    const cells = async (sql: string) => {
      const q = await runToEnd(athena, { QueryString: sql });
      expect(q.Status?.State, `${sql}: ${q.Status?.AthenaError?.ErrorMessage}`).toBe("SUCCEEDED");
      const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
      return {
        rows: res.ResultSet!.Rows!.slice(1).map((r) => r.Data!.map((d) => d.VarCharValue ?? null)),
        types: res.ResultSet!.ResultSetMetadata!.ColumnInfo!.map((c) => c.Type),
      };
    };
    expect((await cells("SELECT 7 / 2, -7 % 3, typeof('abc'), split_part('a,b', ',', 3)")).rows).toEqual([
      ["3", "-1", "varchar(3)", null],
    ]);
    const zoned = await cells(
      "SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055+01:00'), date_trunc('day', from_iso8601_timestamp('2020-05-11T00:15:05+01:00'))",
    );
    expect(zoned.rows).toEqual([["2020-05-11 11:15:05.055 +01:00", "2020-05-11 00:00:00.000 +01:00"]]);
    expect(zoned.types).toEqual(["timestamp with time zone", "timestamp with time zone"]);
    // Other queries on the same connection go back to UTC.
    expect((await cells("SELECT TIMESTAMP '2020-06-10 15:55:23 UTC'")).rows).toEqual([["2020-06-10 15:55:23.000 UTC"]]);
    expect((await cells("VALUES 1, 2, 3")).rows).toEqual([["1"], ["2"], ["3"]]);
  });

  it("does not let a query reach files outside the catalog", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT * FROM read_text('/etc/passwd')" });
    expect(q.Status?.State).toBe("FAILED");
    const c = await runToEnd(athena, { QueryString: "COPY (SELECT 1) TO '/tmp/x.csv'" });
    expect(c.Status?.State).toBe("FAILED");
  });
});

describe("GetQueryResults", () => {
  it("pages 2,500 rows over 3 pages with the header on page 1 only", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT n, label FROM demo.numbers WHERE n <= 2500 ORDER BY n" });
    expect(q.Status?.State).toBe("SUCCEEDED");
    const pages = await allPages(athena, q.QueryExecutionId!, 1000);
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 501]);
    expect(values(pages[0]![0])).toEqual(["n", "label"]);
    const data = pages.flat().slice(1).map(values);
    expect(data).toHaveLength(2500);
    expect(data.map((r) => Number(r[0]))).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(values(pages[1]![0])).toEqual(["1000", "row 1000"]);
  });

  it("serves a 100,000-row result page by page", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT * FROM unnest(sequence(1, 100000)) AS t(n)" });
    const pages = await allPages(athena, q.QueryExecutionId!, 1000);
    expect(pages).toHaveLength(101);
    const data = pages.flat().slice(1);
    expect(data).toHaveLength(100_000);
    expect(values(data[99_999])).toEqual(["100000"]);
  });

  it("renders every type as Athena does: NULL without VarCharValue, '' with it", async () => {
    const q = await runToEnd(athena, {
      QueryString: "SELECT * FROM all_types ORDER BY id",
      QueryExecutionContext: { Database: "demo" },
    });
    const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
    const info = res.ResultSet!.ResultSetMetadata!.ColumnInfo!;
    expect(info.map((c) => c.Type)).toEqual([
      "integer",
      "varchar",
      "tinyint",
      "smallint",
      "bigint",
      "decimal",
      "double",
      "real",
      "boolean",
      "date",
      "timestamp",
      "array",
      "map",
      "row",
      "json",
      "varbinary",
    ]);
    expect(info[5]).toMatchObject({
      Name: "price",
      Precision: 10,
      Scale: 2,
      Nullable: "UNKNOWN",
      CatalogName: "hive",
      CaseSensitive: false,
    });
    expect(info[1]).toMatchObject({ CaseSensitive: true, Label: "label" });
    const rows = res.ResultSet!.Rows!;
    expect(values(rows[1])).toEqual([
      "1",
      "alpha",
      "1",
      "100",
      "9007199254740993",
      "12.50",
      "0.5",
      "1.25",
      "true",
      "2024-01-15",
      "2024-01-15 10:30:00.123",
      "[a, b]",
      "{k1=1, k2=2}",
      "{x=1.5, y=-2.0}",
      '{"user":"admin","ok":true}',
      "61 62",
    ]);
    expect(rows[2]!.Data!.slice(1)).toEqual(Array(15).fill({}));
    expect(values(rows[3])[1]).toBe("");
    expect(values(rows[4])[1]).toBe('quote \' comma , newline\nand "double" ünïcødé ✓');
  });

  it("names unnamed columns _colN and lower-cases the rest, like Trino", async () => {
    const q = await runToEnd(athena, {
      QueryString: "SELECT 1 + 1, count(*) AS Total, max(dt) FROM aurora_audit_log",
      ...audit,
    });
    const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect(values(res.ResultSet?.Rows?.[0])).toEqual(["_col0", "total", "_col2"]);
    const v = await runToEnd(athena, { QueryString: "VALUES (1, 'a')" });
    const vres = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: v.QueryExecutionId }));
    expect(values(vres.ResultSet?.Rows?.[0])).toEqual(["_col0", "_col1"]);
  });

  it("resolves qualified table names from any database, case-insensitively", async () => {
    for (const name of [
      "auditlogs.aurora_audit_log",
      "awsdatacatalog.auditlogs.aurora_audit_log",
      '"AwsDataCatalog"."AuditLogs"."Aurora_Audit_Log"',
    ]) {
      const q = await runToEnd(athena, { QueryString: `SELECT count(*) FROM ${name}` });
      expect(q.Status?.State).toBe("SUCCEEDED");
      const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
      expect(values(res.ResultSet?.Rows?.[1])).toEqual(["5000"]);
    }
  });

  it("answers SHOW / DESCRIBE without a header row, as UTILITY statements", async () => {
    const q = await runToEnd(athena, { QueryString: "SHOW TABLES", ...audit });
    expect(q.StatementType).toBe("UTILITY");
    const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect(res.ResultSet?.Rows?.map(values)).toEqual([["aurora_audit_log"]]);
    const m = await runToEnd(athena, { QueryString: "MSCK REPAIR TABLE aurora_audit_log", ...audit });
    expect(m).toMatchObject({ StatementType: "DDL", Status: { State: "SUCCEEDED" } });
  });

  it("refuses MaxResults over 1000, bad tokens, unknown ids and unfinished queries", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT 1" });
    await expectError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId, MaxResults: 1001 })),
      InvalidRequestException,
      /less than or equal to 1000/,
    );
    await expectError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: q.QueryExecutionId, NextToken: "bogus" })),
      InvalidRequestException,
    );
    await expectError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: "00000000-0000-0000-0000-000000000000" })),
      InvalidRequestException,
      /was not found/,
    );
    await expectError(athena.send(new GetQueryExecutionCommand({ QueryExecutionId: "nope" })), InvalidRequestException);

    const slow = await athena.send(
      new StartQueryExecutionCommand({
        QueryString:
          "SELECT count(*) FROM unnest(sequence(1, 3000)) a CROSS JOIN unnest(sequence(1, 30000)) b WHERE (a.unnest * b.unnest) % 7 = 3",
      }),
    );
    const notYet = await expectError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: slow.QueryExecutionId })),
      InvalidRequestException,
    );
    expect(notYet.message).toMatch(/^Query has not yet finished\. Current state: (QUEUED|RUNNING)$/);
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: slow.QueryExecutionId }));
    const stopped = await waitForEnd(athena, slow.QueryExecutionId!);
    expect(stopped.Status?.State).toBe("CANCELLED");
  });
});

describe("StartQueryExecution validation", () => {
  it("answers InvalidRequestException for bad input as Athena does", async () => {
    await expectError(
      athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT 1", WorkGroup: "no-such-wg" })),
      InvalidRequestException,
      /WorkGroup no-such-wg is not found/,
    );
    await expectError(
      athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT 1", ClientRequestToken: "short" })),
      InvalidRequestException,
      /clientRequestToken/,
    );
    await expectError(
      athena.send(new StartQueryExecutionCommand({ QueryString: "" })),
      InvalidRequestException,
      /queryString/,
    );
    await expectError(
      athena.send(new StartQueryExecutionCommand({ QueryString: "x".repeat(262_145) })),
      InvalidRequestException,
      /queryString/,
    );
    await expectError(
      athena.send(
        new StartQueryExecutionCommand({
          QueryString: "SELECT 1",
          ResultConfiguration: { OutputLocation: "/tmp/out" },
        }),
      ),
      InvalidRequestException,
      /not a valid S3 path/,
    );
  });
});

describe("BatchGetQueryExecution / ListQueryExecutions / StopQueryExecution", () => {
  it("returns known executions and lists unknown ids as unprocessed", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT 1" });
    const res = await athena.send(
      new BatchGetQueryExecutionCommand({
        QueryExecutionIds: [q.QueryExecutionId!, "11111111-1111-1111-1111-111111111111"],
      }),
    );
    expect(res.QueryExecutions?.map((e) => e.QueryExecutionId)).toEqual([q.QueryExecutionId]);
    expect(res.UnprocessedQueryExecutionIds).toEqual([
      expect.objectContaining({ QueryExecutionId: "11111111-1111-1111-1111-111111111111" }),
    ]);
    await expectError(
      athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [] })),
      InvalidRequestException,
    );
  });

  it("lists query ids newest first", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT 2" });
    const res = await athena.send(new ListQueryExecutionsCommand({ MaxResults: 2 }));
    expect(res.QueryExecutionIds?.[0]).toBe(q.QueryExecutionId);
    expect(res.NextToken).toBeDefined();
  });

  it("cancels a query still waiting in the queue at once, and running ones when the engine stops them", async () => {
    const slow =
      "SELECT count(*) FROM unnest(sequence(1, 4000)) a CROSS JOIN unnest(sequence(1, 40000)) b WHERE (a.unnest * b.unnest) % 7 = 3";
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await athena.send(new StartQueryExecutionCommand({ QueryString: slow }))).QueryExecutionId!);
    // Two run at once on this 2-core machine (one on a 1-core one): the last is still QUEUED.
    const last = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: ids[2] }));
    expect(last.QueryExecution?.Status?.State).toBe("QUEUED");
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: ids[2] }));
    const stopped = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: ids[2] }));
    expect(stopped.QueryExecution?.Status?.State).toBe("CANCELLED");
    for (const id of ids.slice(0, 2)) await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    for (const id of ids.slice(0, 2)) expect((await waitForEnd(athena, id)).Status?.State).toBe("CANCELLED");
  });

  it("stopping a finished query changes nothing; an unknown id is refused", async () => {
    const q = await runToEnd(athena, { QueryString: "SELECT 3" });
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: q.QueryExecutionId }));
    expect((await waitForEnd(athena, q.QueryExecutionId!)).Status?.State).toBe("SUCCEEDED");
    await expectError(
      athena.send(new StopQueryExecutionCommand({ QueryExecutionId: "22222222-2222-2222-2222-222222222222" })),
      InvalidRequestException,
    );
  });
});

describe("workgroups and the data catalog", () => {
  it("lists and describes workgroups", async () => {
    const list = await athena.send(new ListWorkGroupsCommand({}));
    expect(list.WorkGroups?.map((w) => w.Name)).toEqual(["primary", "audit-checks"]);
    const wg = await athena.send(new GetWorkGroupCommand({ WorkGroup: "primary" }));
    expect(wg.WorkGroup).toMatchObject({ Name: "primary", State: "ENABLED" });
    expect(wg.WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation).toMatch(/^s3:\/\//);
    await expectError(
      athena.send(new GetWorkGroupCommand({ WorkGroup: "ghost" })),
      InvalidRequestException,
      /WorkGroup ghost is not found/,
    );
  });

  it("lists catalogs, databases and table metadata with Athena types and partition keys", async () => {
    const catalogs = await athena.send(new ListDataCatalogsCommand({}));
    expect(catalogs.DataCatalogsSummary).toEqual([
      expect.objectContaining({ CatalogName: "AwsDataCatalog", Type: "GLUE" }),
    ]);
    const dbs = await athena.send(new ListDatabasesCommand({ CatalogName: "AwsDataCatalog" }));
    expect(dbs.DatabaseList?.map((d) => d.Name)).toEqual(["default", "auditlogs", "demo"]);
    const tables = await athena.send(
      new ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "auditlogs" }),
    );
    const t = tables.TableMetadataList![0]!;
    expect(t.Name).toBe("aurora_audit_log");
    expect(t.Columns?.map((c) => [c.Name, c.Type])).toContainEqual(["retcode", "integer"]);
    expect(t.PartitionKeys?.map((c) => [c.Name, c.Type])).toEqual([["dt", "varchar"]]);
    const filtered = await athena.send(
      new ListTableMetadataCommand({
        CatalogName: "AwsDataCatalog",
        DatabaseName: "demo",
        Expression: "num*",
        MaxResults: 1,
      }),
    );
    expect(filtered.TableMetadataList?.map((x) => x.Name)).toEqual(["numbers"]);
    await expectError(athena.send(new ListDatabasesCommand({ CatalogName: "nope" })), MetadataException);
    await expectError(
      athena.send(new ListTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "nope" })),
      MetadataException,
    );
    await expectError(
      athena.send(new ListDatabasesCommand({ CatalogName: "AwsDataCatalog", MaxResults: 51 })),
      InvalidRequestException,
    );
  });

  it("describes one catalog, database and table", async () => {
    const c = await athena.send(new GetDataCatalogCommand({ Name: "AwsDataCatalog" }));
    expect(c.DataCatalog).toMatchObject({ Name: "AwsDataCatalog", Type: "GLUE" });
    const d = await athena.send(new GetDatabaseCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "auditlogs" }));
    expect(d.Database?.Name).toBe("auditlogs");
    const t = await athena.send(
      new GetTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "demo", TableName: "all_types" }),
    );
    expect(t.TableMetadata?.Columns?.find((col) => col.Name === "tags")?.Type).toBe("array<varchar>");
    expect(t.TableMetadata?.CreateTime).toBeInstanceOf(Date);
    await expectError(
      athena.send(
        new GetTableMetadataCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "demo", TableName: "ghost" }),
      ),
      MetadataException,
    );
    await expectError(
      athena.send(new GetDatabaseCommand({ CatalogName: "AwsDataCatalog", DatabaseName: "ghost" })),
      MetadataException,
    );
  });
});
