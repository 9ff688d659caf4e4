import fs from "node:fs";
import { AthenaEngine } from "./src/athena/engine.ts";
import { loadCatalogConfig } from "./src/athena/catalog.ts";
import { readCsvPage } from "./src/athena/results.ts";
const dataDir = "/tmp/e3/smoke";
const t0 = Date.now();
const engine = await AthenaEngine.open({ dataDir, catalog: loadCatalogConfig(), auditRows: 20000, concurrency: 2, log: console.log });
console.log("open ms", Date.now() - t0);
let n = 0;
async function q(sql: string, params: string[] = [], database = "auditlogs") {
  const id = `q${++n}`;
  const file = `${dataDir}/results/x/${id}.csv`;
  const out = await engine.execute({ queryId: id, sql, catalog: "AwsDataCatalog", database, parameters: params, resultFile: file });
  const { kind, ...rest } = out as any;
  console.log(sql.slice(0, 90), "=>", JSON.stringify(rest).slice(0, 400));
  if (out.state === "SUCCEEDED") { const page = await readCsvPage(file, 0, 4); console.log("   ", JSON.stringify(page.rows).slice(0, 400)); }
}
await q("SELECT count(*) FROM aurora_audit_log");
await q("SELECT count(*) AS admin_logins FROM aurora_audit_log WHERE username IN ('admin','rdsadmin') AND operation = 'CONNECT' AND starts_with(serverhost, ?)", ["'prod-aurora-cluster'"]);
await q("SELECT dt, count(*) FROM aurora_audit_log GROUP BY dt ORDER BY dt");
await q("SELECT count(*) FROM aurora_audit_log WHERE dt = (SELECT max(dt) FROM aurora_audit_log)");
await q("SELECT count(*) FROM aurora_audit_log WHERE dt = '" + new Date().toISOString().slice(0,10) + "'");
await q("SELECT operation, count(*) c FROM aurora_audit_log GROUP BY 1 ORDER BY 2 DESC");
await q("SELECT object FROM aurora_audit_log WHERE operation = 'QUERY' AND object LIKE '%,%' LIMIT 3");
await q("SELECT * FROM aurora_audit_log LIMIT 2");
await q("SELECT * FROM demo.all_types ORDER BY id", [], "demo");
await q("SELECT * FROM all_types ORDER BY id", [], "demo");
await q("SELECT x FROM aurora_audit_log");
await q("SELECT * FROM nope");
await q("SELECT * FORM nope");
await q("SELECT * FROM read_text('/etc/hostname')");
await q("SHOW TABLES");
await q("SHOW PARTITIONS aurora_audit_log");
await q("DESCRIBE aurora_audit_log");
await q("SELECT * FROM unnest(sequence(1, 100000))");
await q("SELECT ? AS s, ? AS n, ? AS d, ? AS ts, ? AS b", ["'it''s'", "42", "1.50", "DATE '2024-01-02'", "true"]);
await engine.close();
