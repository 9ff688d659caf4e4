import { DuckDBInstance } from "@duckdb/node-api";
import fs from "node:fs";
fs.mkdirSync("/tmp/e5/csv", { recursive: true });
fs.writeFileSync("/tmp/e5/csv/a.csv", "1,x,\n2,y,db\n3,,\n");
const db = await DuckDBInstance.create(":memory:");
const c = await db.connect();
const v = `SELECT CAST(a AS INTEGER) a, coalesce(CAST(b AS VARCHAR), '') b, coalesce(CAST(d AS VARCHAR), '') d FROM read_csv('/tmp/e5/csv/*.csv', auto_detect=false, header=false, delim=',', quote='''', escape='\\', columns={'a':'INTEGER','b':'VARCHAR','d':'VARCHAR'}, force_not_null=['b','d'])`;
for (const q of [`SELECT count(*) FROM (${v}) WHERE d = ''`, `SELECT count(*) FROM (${v}) WHERE d IS NULL`, `SELECT a, d FROM (${v}) WHERE d = ''`, `SELECT count(a) FROM (${v}) WHERE d = ''`]) {
  const r = await c.runAndReadAll(q); console.log(q.slice(0, 60), "...", q.slice(-30), JSON.stringify(r.getRows(), (k, x) => typeof x === "bigint" ? String(x) : x));
}
