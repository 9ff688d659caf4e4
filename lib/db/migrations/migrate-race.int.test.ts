// Two replicas starting together against one empty PostgreSQL: both run the migrations at the same moment (two
// processes of `npm run db:migrate`); the advisory lock makes one apply every folder and the other find nothing
// pending, and each migration is recorded exactly once.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { readMigrations } from "./migrations-folder";

const ROOT = path.resolve(__dirname, "..", "..", "..");
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase("migrate_race", { migrate: false });
});
afterAll(async () => {
  await db?.drop();
});

function migrate(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/db-migrate.ts")], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => resolve({ code, out }));
  });
}

it("two processes migrating one database at once: one applies, the other waits and finds it up to date", async () => {
  const folders = (await readMigrations()).migrationDirectories.map((d) => d.path);
  const results = await Promise.all([migrate(), migrate()]);
  for (const r of results) expect(r.code, r.out).toBe(0);
  const applied = results.filter((r) => r.out.includes("Applied: "));
  const upToDate = results.filter((r) => r.out.includes("The database is up to date."));
  expect(applied).toHaveLength(1);
  expect(upToDate).toHaveLength(1);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
  } finally {
    await client.end();
  }
});
