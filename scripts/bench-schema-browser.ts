// `npm run bench:schema-browser -- [--tables 5000] [--iterations 5] [--dev]`
//
// The query workbench's schema browser with a big catalog: writes an Athena catalog for the emulator with
// `--tables` tables in the database `bench` (8 columns each, every third partitioned by dt; the emulator serves
// them from EMULATOR_ATHENA_CATALOG, empty), starts the console on the E2E ports (E2E_PORT etc., defaults
// 3240 / 4740 / 5640 / 3740) with DEFAULT_DATABASE=bench in its own data dir, signs in as the demo operator in
// Chromium (Playwright, /usr/bin/chromium) and measures, `--iterations` times:
//   - first rows: from navigation start of /query to the first table row of `bench` in the DOM (includes the
//     ListTableMetadata paging behind the action: 50 tables per call), and how many table rows the DOM holds;
//   - search by table name and by a column name: from the keystroke to the filtered rows in the DOM (in the page,
//     performance.now() and requestAnimationFrame, so Playwright's own round trips are not counted);
//   - scroll to the end of the list: from setting scrollTop to the last table's row in the DOM.
// Production build unless --dev (start.ts builds when the build is missing or stale).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const TABLES = Number(arg("tables", "5000"));
const ITER = Number(arg("iterations", "5"));
const DEV = process.argv.includes("--dev");
const ROOT = process.cwd();
const PORT = Number(process.env.E2E_PORT ?? 3240);
const DATA_DIR = path.join(ROOT, ".data", "bench-schema");
const BASE = `http://localhost:${PORT}`;

let lastLog = "";
const tableName = (i: number) => `bench_t_${String(i).padStart(5, "0")}`;

function writeCatalog(): string {
  const base = JSON.parse(readFileSync(path.join(ROOT, "emulator/data/catalog.json"), "utf8"));
  const tables = Array.from({ length: TABLES }, (_, i) => ({
    name: tableName(i),
    tableType: "EXTERNAL_TABLE",
    location: `datasets/bench/${tableName(i)}`,
    format: { type: "csv", delimiter: "," },
    columns: [
      { name: "id", type: "bigint" },
      { name: "event_time", type: "timestamp" },
      { name: "username", type: "varchar" },
      { name: "host", type: "varchar" },
      { name: "operation", type: "varchar" },
      { name: "bytes", type: "bigint" },
      { name: "retcode", type: "integer" },
      // One column name per table, so a column search has exactly one hit.
      { name: `detail_${i}`, type: "varchar" },
    ],
    ...(i % 3 === 0 ? { partitionKeys: [{ name: "dt", type: "string" }] } : {}),
  }));
  base.catalogs[0].databases.push({ name: "bench", description: `${TABLES} generated tables`, tables });
  mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, "catalog.json");
  writeFileSync(file, JSON.stringify(base));
  return file;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms · p95 ${pct(xs, 95).toFixed(0)} ms · max ${Math.max(...xs).toFixed(0)} ms`;

/** In the page: types `text` into the schema search and waits (per animation frame) until `selector` shows. */
async function timedSearch(page: Page, text: string, selector: string): Promise<number> {
  return page.evaluate(
    async ({ text, selector }) => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Search tables and columns"]')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      const t0 = performance.now();
      setter.call(input, text);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      while (!document.querySelector(selector)) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    },
    { text, selector },
  );
}

async function main() {
  const catalog = writeCatalog();
  console.log(`catalog: ${TABLES} tables in AwsDataCatalog.bench (${catalog})`);
  rmSync(path.join(DATA_DIR, "stack"), { recursive: true, force: true });
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", ...(DEV ? ["--dev"] : [])], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(PORT),
      EMULATOR_PORT: process.env.E2E_EMULATOR_PORT ?? "4740",
      PGLITE_PORT: process.env.E2E_PGLITE_PORT ?? "5640",
      IDP_PORT: process.env.E2E_IDP_PORT ?? "3740",
      ACC_DATA_DIR: path.join(DATA_DIR, "stack"),
      EMULATOR_ATHENA_CATALOG: catalog,
      DEFAULT_DATABASE: "bench",
    },
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  process.on("exit", stop);
  let log = "";
  child.stdout.on("data", (b: Buffer) => (lastLog = (lastLog + b.toString()).slice(-20_000)));
  child.stderr.on("data", (b: Buffer) => (lastLog = (lastLog + b.toString()).slice(-20_000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console not ready in 15 min:\n${log.slice(-4000)}`)), 900_000);
    const onData = (b: Buffer) => {
      log = (log + b.toString()).slice(-20_000);
      if (/ready in [\d.]+ s/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`console exited (${code}):\n${log.slice(-4000)}`)));
  });
  const ready = /ready in [\d.]+ s/.exec(log)?.[0];
  console.log(`console ready on ${BASE} (${DEV ? "next dev" : "production build"}): ${ready}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${BASE}/query`);
  await page.getByRole("link", { name: "Continue to sign-in" }).click();
  await page.getByRole("button", { name: "Sign in as operator" }).click();
  await page.waitForURL((u) => u.pathname === "/query");

  const first: number[] = [];
  const domRows: number[] = [];
  const byTable: number[] = [];
  const byColumn: number[] = [];
  const clear: number[] = [];
  const scroll: number[] = [];
  const last = tableName(TABLES - 1);
  // One warm-up load (compiles in dev; fills caches in production), then the measured ones.
  for (let i = 0; i <= ITER; i++) {
    await page.goto(`${BASE}/query`);
    await page.waitForSelector(`[data-table="${tableName(0)}"]`, { timeout: 120_000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return { nav: nav.startTime, now: performance.now() };
    });
    const rows = await page.locator("[data-table]").count();
    // The table name search: one row; a column search: the one table with that column, opened.
    const tName = await timedSearch(page, last, `[data-table="${last}"]`);
    const col = `detail_${Math.floor(TABLES / 2)}`;
    const tCol = await timedSearch(page, col, `[data-column="${col}"]`);
    const tClear = await timedSearch(page, "", `[data-table="${tableName(0)}"]`);
    const tScroll = await page.evaluate(async (lastName) => {
      const box = document.querySelector<HTMLElement>('[data-testid="schema-table-list"]')!;
      const t0 = performance.now();
      box.scrollTop = box.scrollHeight;
      box.dispatchEvent(new Event("scroll"));
      while (!document.querySelector(`[data-table="${lastName}"]`)) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    }, last);
    if (i === 0) continue;
    first.push(t.now - t.nav);
    domRows.push(rows);
    byTable.push(tName);
    byColumn.push(tCol);
    clear.push(tClear);
    scroll.push(tScroll);
  }
  await browser.close();
  stop();

  console.log(
    `\nschema browser, ${TABLES} tables, ${ITER} runs (Chromium, 1280×900, ${DEV ? "next dev" : "production"})`,
  );
  console.log(`  first rows after navigation (one ListTableMetadata page; the rest follow in slices): ${fmt(first)}`);
  console.log(`  table rows in the DOM: ${Math.max(...domRows)} of ${TABLES}`);
  console.log(
    `  search for the last table → 1 row (waits for all ${Math.ceil(TABLES / 50)} pages to arrive):${fmt(byTable)}`,
  );
  console.log(`  search by column name → its table, opened:  ${fmt(byColumn)}`);
  console.log(`  clear the search → all ${TABLES} again:       ${fmt(clear)}`);
  console.log(`  scroll to the last table:                   ${fmt(scroll)}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  console.error(`console log (tail):\n${lastLog.slice(-3000)}`);
  process.exit(1);
});
