import * as AT from "@aws-sdk/client-athena";
import { checkedClients } from "./test/outside.ts";
const c = checkedClients("http://localhost:4599");
async function run(sql: string, db = "auditlogs") {
  const { QueryExecutionId } = await c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: db } }));
  for (;;) {
    const q = (await c.athena.send(new AT.GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!;
    if (!["QUEUED", "RUNNING"].includes(q.Status!.State!)) {
      if (q.Status!.State !== "SUCCEEDED") { console.log("FAIL", sql.slice(0, 80), q.Status); return; }
      const r = await c.athena.send(new AT.GetQueryResultsCommand({ QueryExecutionId, MaxResults: 3 }));
      console.log(q.StatementType, sql.slice(0, 70), "\n   cols:", JSON.stringify(r.ResultSet!.ResultSetMetadata!.ColumnInfo!.map(c => `${c.Name}:${c.Type}${c.Precision !== undefined ? `(${c.Precision},${c.Scale})` : ""}`)), "\n   rows:", JSON.stringify(r.ResultSet!.Rows!.map(x => x.Data!.map(d => d.VarCharValue ?? null))).slice(0, 600));
      return;
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
await run("SELECT * FROM all_types ORDER BY id LIMIT 2", "demo");
await run("SELECT 1 WHERE false");
await run("SELECT from_unixtime(timestamp / 1000000) AS ts, date_format(from_unixtime(timestamp/1000000), '%Y-%m-%d %H:%i') AS f, approx_distinct(username) OVER () AS u FROM aurora_audit_log LIMIT 1");
await run("SELECT username, count(*) AS c FROM aurora_audit_log WHERE operation = 'FAILED_CONNECT' AND retcode = 1045 GROUP BY username ORDER BY c DESC LIMIT 3");
await run("SELECT regexp_like(object, 'SELECT') AS r, json_extract_scalar('{\"a\":1}', '$.a') AS j, element_at(ARRAY[1,2], 1) AS e, cardinality(ARRAY[1,2]) AS n, date_parse('2024-01-02', '%Y-%m-%d') AS dp, from_iso8601_timestamp('2024-01-02T03:04:05Z') AS iso FROM aurora_audit_log LIMIT 1");
await run("SELECT CAST(1.5 AS decimal(10,2)) AS d, CAST('2024-01-01 00:00:00' AS timestamp) AS t, ARRAY['a','b'] AS arr, MAP(ARRAY['k'], ARRAY[1]) AS m, CAST(ROW(1, 'x') AS ROW(a integer, b varchar)) AS r, current_date AS cd");
await run("SELECT count(*) FROM aurora_audit_log WHERE dt >= date_format(current_date - interval '1' day, '%Y-%m-%d')");
await run("SELECT count(*) AS c FROM aurora_audit_log WHERE from_unixtime(timestamp / 1000000) > now() - interval '1' day");
await run("DESCRIBE aurora_audit_log");
await run("SHOW PARTITIONS aurora_audit_log");
await run("SHOW DATABASES", "default");
await run("EXPLAIN SELECT 1");
await run("CREATE TABLE x (a int)");
console.log("problems", c.problems);
