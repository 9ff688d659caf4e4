// Deterministic generator of Aurora MySQL audit logs (one CSV file per UTC day: dt=YYYY-MM-DD/audit.log.csv).
// Line format as Aurora writes it: timestamp(µs),serverhost,username,host,connectionid,queryid,operation,database,
// object,retcode — the object of a QUERY is the statement text in single quotes (\' inside), which may contain commas.
import fs from "node:fs";
import path from "node:path";
import { SeededRandom } from "./random";

export const AUDIT_LOG_GENERATOR = "aurora-audit-log";
const GENERATOR_VERSION = 1;
const DAY_MS = 86_400_000;

export interface AuditLogOptions {
  /** Exact number of lines to write. */
  rows: number;
  seed?: number;
  /** End of the covered window (default: now rounded down to the minute). */
  endMs?: number;
  /** Length of the window in days (default 7). */
  days?: number;
  /** Aurora cluster identifier; instances are `<cluster>-instance-1..3`. */
  cluster?: string;
}

export interface AuditLogManifest {
  generator: string;
  version: number;
  rows: number;
  seed: number;
  startMs: number;
  endMs: number;
  cluster: string;
  partitions: Record<string, { lines: number; bytes: number }>;
}

const MANIFEST = "_manifest.json";

/** The manifest of the data set in `dir`, if one was generated there. */
export function readAuditLogManifest(dir: string): AuditLogManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as AuditLogManifest;
  } catch {
    return undefined;
  }
}

/** Whether `dir` holds a data set of `rows` lines that still ends today (UTC), so "the last 7 days" holds. */
export function auditLogsUpToDate(dir: string, rows: number, nowMs: number = Date.now()): boolean {
  const m = readAuditLogManifest(dir);
  if (!m || m.generator !== AUDIT_LOG_GENERATOR || m.version !== GENERATOR_VERSION || m.rows !== rows) return false;
  if (Math.floor(m.endMs / DAY_MS) !== Math.floor(nowMs / DAY_MS)) return false;
  return Object.keys(m.partitions).every((dt) => fs.existsSync(path.join(dir, `dt=${dt}`, "audit.log.csv")));
}

/** Replaces the contents of `dir` with a freshly generated data set; same options → byte-identical files. */
export function generateAuditLogs(dir: string, options: AuditLogOptions): AuditLogManifest {
  const rows = Math.max(0, Math.floor(options.rows));
  const seed = options.seed ?? 20240601;
  const endMs = options.endMs ?? Math.floor(Date.now() / 60_000) * 60_000;
  const days = options.days ?? 7;
  const cluster = options.cluster ?? "prod-aurora-cluster";
  const startMs = endMs - days * DAY_MS;

  // Pass 1 only counts the lines each session would write, so pass 2 can spread exactly that many sessions
  // evenly over the window.
  let sessions = 0;
  let counted = 0;
  const counter = new SessionWriter(new SeededRandom(seed), cluster, () => counted++);
  while (counted < rows) {
    counter.session(0n);
    sessions++;
  }

  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sink = new PartitionSink(dir);
  const timing = new SeededRandom(seed ^ 0x5bd1e995);
  // Leave a minute at the end so the last session's events stay before endMs.
  const span = Math.max(1, endMs - startMs - 60_000);
  let written = 0;
  const writer = new SessionWriter(new SeededRandom(seed), cluster, (line, micros) => {
    if (written >= rows) return;
    sink.write(micros, line);
    written++;
  });
  for (let i = 0; i < sessions && written < rows; i++) {
    const startMicros =
      BigInt(startMs + Math.floor(((i + timing.next()) / sessions) * span)) * 1000n + BigInt(timing.int(0, 999));
    writer.session(startMicros);
  }
  const partitions = sink.close();
  const manifest: AuditLogManifest = {
    generator: AUDIT_LOG_GENERATOR,
    version: GENERATOR_VERSION,
    rows,
    seed,
    startMs,
    endMs,
    cluster,
    partitions,
  };
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Buffers lines per day and writes each day's file in large blocks. */
class PartitionSink {
  private readonly files = new Map<
    string,
    { fd: number; buffer: string[]; size: number; lines: number; bytes: number }
  >();
  constructor(private readonly dir: string) {}

  write(micros: bigint, line: string): void {
    const dt = new Date(Number(micros / 1000n)).toISOString().slice(0, 10);
    let f = this.files.get(dt);
    if (!f) {
      const partDir = path.join(this.dir, `dt=${dt}`);
      fs.mkdirSync(partDir, { recursive: true });
      f = { fd: fs.openSync(path.join(partDir, "audit.log.csv"), "w"), buffer: [], size: 0, lines: 0, bytes: 0 };
      this.files.set(dt, f);
    }
    f.buffer.push(line);
    f.size += line.length + 1;
    f.lines++;
    if (f.size > 1 << 20) this.flush(f);
  }

  private flush(f: { fd: number; buffer: string[]; size: number; bytes: number }): void {
    if (!f.buffer.length) return;
    const data = Buffer.from(f.buffer.join("\n") + "\n", "utf8");
    fs.writeSync(f.fd, data);
    f.bytes += data.length;
    f.buffer = [];
    f.size = 0;
  }

  close(): Record<string, { lines: number; bytes: number }> {
    const out: Record<string, { lines: number; bytes: number }> = {};
    for (const [dt, f] of [...this.files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      this.flush(f);
      fs.closeSync(f.fd);
      out[dt] = { lines: f.lines, bytes: f.bytes };
    }
    return out;
  }
}

type Emit = (line: string, micros: bigint) => void;

const APP_USERS = ["app_user", "orders_svc", "inventory_svc", "etl_loader"] as const;
const ANALYSTS = ["reporting", "analyst_jane", "analyst_omar"] as const;
const FAILED_USERS = ["admin", "root", "app_user", "test", "guest", "backup", "reporting", "sa"] as const;
const TABLES_SHOP = ["orders", "order_items", "customers", "products", "payments", "inventory", "sessions"] as const;

interface QuerySpec {
  sql: string;
  database: string;
  /** Table events the statement produces, e.g. [["READ", "orders"]]. */
  events: [string, string][];
  retcode?: number;
}

/** Writes one client session at a time: connect, statements with their table events, disconnect. */
class SessionWriter {
  private connectionId = 1000;
  private queryId = 50_000;
  private readonly instances: string[];

  constructor(
    private readonly rnd: SeededRandom,
    cluster: string,
    private readonly emit: Emit,
  ) {
    this.instances = [1, 2, 3].map((i) => `${cluster}-instance-${i}`);
  }

  session(startMicros: bigint): void {
    const r = this.rnd;
    const kind = r.weighted({ app: 66, rdsadmin: 12, admin: 4, failed: 6, bruteforce: 1, ddl: 3, analyst: 8 });
    const conn = ++this.connectionId;
    let t = startMicros;
    const step = () => (t += BigInt(r.int(200, 900_000)));
    const writer = this.instances[0]!;
    const reader = () => r.pick(this.instances.slice(1));

    const line = (
      server: string,
      user: string,
      host: string,
      queryId: number,
      op: string,
      db: string,
      object: string,
      retcode: number,
    ) => this.emit(`${t},${server},${user},${host},${conn},${queryId},${op},${db},${object},${retcode}`, t);
    const statements = (server: string, user: string, host: string, specs: QuerySpec[]) => {
      for (const q of specs) {
        step();
        const id = ++this.queryId;
        line(server, user, host, id, "QUERY", q.database, quoteObject(q.sql), q.retcode ?? 0);
        for (const [op, table] of q.events) {
          t += BigInt(r.int(5, 400));
          line(server, user, host, id, op, q.database, table, 0);
        }
      }
    };
    const connect = (server: string, user: string, host: string, db: string) =>
      line(server, user, host, 0, "CONNECT", db, "", 0);
    const disconnect = (server: string, user: string, host: string, db: string) => {
      step();
      line(server, user, host, 0, "DISCONNECT", db, "", 0);
    };

    switch (kind) {
      case "app": {
        const user = r.pick(APP_USERS);
        const host = `10.0.${r.int(1, 3)}.${r.int(10, 250)}`;
        const readOnly = r.chance(0.35);
        const server = readOnly ? reader() : writer;
        connect(server, user, host, "shop");
        statements(
          server,
          user,
          host,
          Array.from({ length: r.int(1, 8) }, () => this.appQuery(readOnly)),
        );
        disconnect(server, user, host, "shop");
        break;
      }
      case "rdsadmin": {
        const server = r.pick(this.instances);
        connect(server, "rdsadmin", "localhost", "");
        statements(
          server,
          "rdsadmin",
          "localhost",
          Array.from({ length: r.int(1, 3) }, () => ({
            sql: r.pick([
              "SELECT 1",
              "SELECT @@GLOBAL.read_only",
              "SELECT durable_lsn, current_read_point, server_id, last_update_timestamp FROM information_schema.replica_host_status",
              "SELECT @@aurora_version",
            ]),
            database: "",
            events: [],
          })),
        );
        disconnect(server, "rdsadmin", "localhost", "");
        break;
      }
      case "admin": {
        const host = r.chance(0.8) ? `10.0.0.${r.int(5, 20)}` : `203.0.113.${r.int(1, 254)}`;
        connect(writer, "admin", host, "");
        const specs: QuerySpec[] = Array.from({ length: r.int(1, 5) }, () =>
          r.pick<QuerySpec>([
            { sql: "SHOW PROCESSLIST", database: "", events: [] },
            { sql: "SELECT user, host, plugin FROM mysql.user", database: "mysql", events: [["READ", "user"]] },
            { sql: `GRANT SELECT ON shop.* TO 'reporting'@'%'`, database: "", events: [] },
            {
              sql: "SELECT id, email, created_at FROM customers ORDER BY created_at DESC LIMIT 50",
              database: "shop",
              events: [["READ", "customers"]],
            },
            { sql: "SET GLOBAL max_connections = 2000", database: "", events: [] },
          ]),
        );
        if (r.chance(0.3)) specs.push(this.ddlQuery());
        statements(writer, "admin", host, specs);
        disconnect(writer, "admin", host, "");
        break;
      }
      case "failed": {
        const server = r.pick(this.instances);
        const user = r.pick(FAILED_USERS);
        const host = r.chance(0.5) ? `10.0.${r.int(1, 3)}.${r.int(10, 250)}` : `198.51.100.${r.int(1, 254)}`;
        line(server, user, host, 0, "FAILED_CONNECT", "", "", 1045);
        break;
      }
      case "bruteforce": {
        const server = writer;
        const host = `198.51.100.${r.int(1, 254)}`;
        const attempts = r.int(3, 12);
        for (let i = 0; i < attempts; i++) {
          if (i) step();
          line(server, r.pick(["admin", "root", "sa"]), host, 0, "FAILED_CONNECT", "", "", 1045);
        }
        break;
      }
      case "ddl": {
        const user = r.chance(0.7) ? "deploy_bot" : "admin";
        const host = `10.0.0.${r.int(30, 40)}`;
        connect(writer, user, host, "shop");
        statements(
          writer,
          user,
          host,
          Array.from({ length: r.int(1, 3) }, () => this.ddlQuery()),
        );
        disconnect(writer, user, host, "shop");
        break;
      }
      case "analyst": {
        const user = r.pick(ANALYSTS);
        const host = `10.0.4.${r.int(10, 60)}`;
        const server = reader();
        connect(server, user, host, "shop");
        statements(
          server,
          user,
          host,
          Array.from({ length: r.int(1, 4) }, () =>
            r.pick<QuerySpec>([
              {
                sql: "SELECT c.email, c.phone, p.card_last4, p.amount FROM customers c JOIN payments p ON p.customer_id = c.id WHERE p.created_at > NOW() - INTERVAL 1 DAY",
                database: "shop",
                events: [
                  ["READ", "customers"],
                  ["READ", "payments"],
                ],
              },
              {
                sql: "SELECT status, COUNT(*), SUM(total) FROM orders GROUP BY status",
                database: "shop",
                events: [["READ", "orders"]],
              },
              {
                sql: `SELECT sku, name, price FROM products WHERE category = 'outdoor, garden' ORDER BY price DESC`,
                database: "shop",
                events: [["READ", "products"]],
              },
            ]),
          ),
        );
        disconnect(server, user, host, "shop");
        break;
      }
    }
  }

  private appQuery(readOnly: boolean): QuerySpec {
    const r = this.rnd;
    const n = r.int(1, 99_999);
    const reads: QuerySpec[] = [
      {
        sql: `SELECT id, status, total FROM orders WHERE customer_id = ${n}`,
        database: "shop",
        events: [["READ", "orders"]],
      },
      {
        sql: `SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = ${n}`,
        database: "shop",
        events: [
          ["READ", "orders"],
          ["READ", "customers"],
        ],
      },
      {
        sql: `SELECT name, price FROM products WHERE sku IN ('SKU-${n}', 'SKU-${n + 1}')`,
        database: "shop",
        events: [["READ", "products"]],
      },
      {
        sql: `SELECT COUNT(*) FROM inventory WHERE qty < ${r.int(1, 20)}`,
        database: "shop",
        events: [["READ", "inventory"]],
      },
    ];
    if (readOnly) return r.pick(reads);
    const writes: QuerySpec[] = [
      {
        sql: `UPDATE orders SET status = 'shipped', updated_at = NOW() WHERE id = ${n}`,
        database: "shop",
        events: [["WRITE", "orders"]],
      },
      {
        sql: `INSERT INTO order_items (order_id, product_id, qty, price) VALUES (${n}, ${r.int(1, 5000)}, ${r.int(1, 5)}, ${r.int(1, 500)}.${r.int(10, 99)})`,
        database: "shop",
        events: [["WRITE", "order_items"]],
      },
      {
        sql: `UPDATE customers SET last_login = NOW() WHERE email = 'user${n}@example.com'`,
        database: "shop",
        events: [["WRITE", "customers"]],
      },
      { sql: "DELETE FROM sessions WHERE expires_at < NOW()", database: "shop", events: [["WRITE", "sessions"]] },
      {
        sql: `INSERT INTO payments (order_id, amount, note) VALUES (${n}, ${r.int(1, 900)}.00, 'it''s paid, thanks')`,
        database: "shop",
        events: [["WRITE", "payments"]],
        retcode: r.chance(0.02) ? 1062 : 0,
      },
    ];
    return r.chance(0.55) ? r.pick(reads) : r.pick(writes);
  }

  private ddlQuery(): QuerySpec {
    const r = this.rnd;
    const n = r.int(100, 999);
    const table = r.pick(TABLES_SHOP);
    return r.pick<QuerySpec>([
      {
        sql: `CREATE TABLE tmp_import_${n} (id BIGINT PRIMARY KEY, payload JSON, created_at DATETIME)`,
        database: "shop",
        events: [["CREATE", `tmp_import_${n}`]],
      },
      {
        sql: `ALTER TABLE ${table} ADD COLUMN note_${n} VARCHAR(255) NULL, ADD INDEX idx_note_${n} (note_${n})`,
        database: "shop",
        events: [["ALTER", table]],
      },
      { sql: `DROP TABLE IF EXISTS tmp_import_${n}`, database: "shop", events: [["DROP", `tmp_import_${n}`]] },
      {
        sql: `RENAME TABLE ${table}_old TO ${table}_archive_${n}`,
        database: "shop",
        events: [["RENAME", `${table}_old`]],
      },
    ]);
  }
}

/** Aurora quotes a statement in single quotes and backslash-escapes quotes and backslashes inside it. */
function quoteObject(sql: string): string {
  return `'${sql.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
