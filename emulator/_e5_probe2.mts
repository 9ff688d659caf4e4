import * as EB from "@aws-sdk/client-eventbridge";
import { checkedClients } from "./test/outside.ts";
const c = checkedClients("http://localhost:4599");
const ev = { version: "0", id: "1", account: "123456789012", source: "s", time: "2024-01-01T00:00:00Z", region: "us-east-1", resources: [], "detail-type": "d",
  detail: { obj: { c1: 100 }, nul: null, empty: "", n: 5, s5: "5", arr: [], name: "Alpha.log", ip: "2001:db8::1", nested: [{ a: [{ b: 1 }, { b: 2 }] }], big: 3e9, f: 1.0000001 } };
const cases: [any, boolean][] = [
  [{ detail: { obj: [{ exists: false }] } }, true],
  [{ detail: { obj: [{ exists: true }] } }, false],
  [{ detail: { nul: [null] } }, true],
  [{ detail: { nul: [{ exists: true }] } }, true],
  [{ detail: { empty: [""] } }, true],
  [{ detail: { arr: [{ exists: true }] } }, false],
  [{ detail: { arr: [{ exists: false }] } }, true],
  [{ detail: { s5: [{ numeric: [">", 1] }] } }, false],
  [{ detail: { n: [5.0] } }, true],
  [{ detail: { name: [{ prefix: { "equals-ignore-case": "alpha" } }] } }, true],
  [{ detail: { name: [{ suffix: { "equals-ignore-case": ".LOG" } }] } }, true],
  [{ detail: { name: [{ "anything-but": { "equals-ignore-case": "alpha.LOG" } }] } }, false],
  [{ detail: { name: [{ "anything-but": { wildcard: "*.log" } }] } }, false],
  [{ detail: { name: [{ "anything-but": { suffix: ".txt" } }] } }, true],
  [{ detail: { n: [{ "anything-but": [1, 2] }] } }, true],
  [{ detail: { n: [{ "anything-but": 5 }] } }, false],
  [{ detail: { ip: [{ cidr: "2001:db8::/32" }] } }, true],
  [{ detail: { nested: { a: { b: [2] } } } }, true],
  [{ detail: { big: [{ numeric: [">", 1e9] }] } }, true],
  [{ detail: { missing: [{ "anything-but": "x" }] } }, false],
  [{ detail: { name: [{ wildcard: "alpha*" }] } }, false],
  [{ detail: { name: ["alpha.log"] } }, false],
  [{ "detail-type": ["d"], detail: { n: [{ numeric: [">=", 5, "<", 6] }] } }, true],
  [{ detail: { f: [{ numeric: ["=", 1] }] } }, false],
];
for (const [p, exp] of cases) {
  try {
    const r = await c.events.send(new EB.TestEventPatternCommand({ EventPattern: JSON.stringify(p), Event: JSON.stringify(ev) }));
    console.log(r.Result === exp ? "ok  " : "DIFF", JSON.stringify(p), "→", r.Result, "expected", exp);
  } catch (e: any) { console.log("ERR ", JSON.stringify(p), e.name, e.message); }
}
