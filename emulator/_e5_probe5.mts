import * as AT from "@aws-sdk/client-athena";
import { checkedClients } from "./test/outside.ts";
const c = checkedClients("http://localhost:4599");
async function run(sql: string, db = "auditlogs") {
  const { QueryExecutionId } = await c.athena.send(new AT.StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: db } }));
  for (;;) {
    const q = (await c.athena.send(new AT.GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution!;
    if (!["QUEUED", "RUNNING"].includes(q.Status!.State!)) {
      if (q.Status!.State !== "SUCCEEDED") { console.log("FAIL", sql.slice(0, 80), q.Status?.StateChangeReason); return; }
      const r = await c.athena.send(new AT.GetQueryResultsCommand({ QueryExecutionId, MaxResults: 5 }));
      console.log(sql.slice(0, 100), "\n   rows:", JSON.stringify(r.ResultSet!.Rows!.map(x => x.Data!.map(d => d.VarCharValue ?? null))).slice(0, 600));
      return;
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
await run("SELECT count(*) FROM aurora_audit_log WHERE database = ''");
await run("SELECT count(*) FROM aurora_audit_log WHERE \"database\" = ''");
await run("SELECT count(*) FROM aurora_audit_log WHERE database IS NULL");
await run("SELECT operation, count(*) FROM aurora_audit_log WHERE database IS NULL GROUP BY 1");
await run("SELECT operation, count(*) FROM aurora_audit_log WHERE database = '' GROUP BY 1");
await run("SELECT username, database, object FROM aurora_audit_log WHERE database IS NULL LIMIT 3");
