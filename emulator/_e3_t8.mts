import { DuckDBInstance } from "@duckdb/node-api";
const inst = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false" });
const c = await inst.connect();
const p = await c.prepare("SELECT 1 AS a, ? AS b");
console.log("prepared", p.columnCount);
try { console.log(p.columnName(0), String(p.columnType(0))); } catch (e) { console.log("colerr", e); }
const r = await c.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR)", ["SELECT 1"]);
console.log("ser ok");
p.bindValue(1, 5);
const s = await p.stream();
const ch = await s.fetchChunk();
console.log(ch?.rowCount, ch?.getRows());
