// Migrations through the WebAssembly schema engine, on both databases: applied once, recorded like
// `prisma migrate deploy` records them, and never re-applied.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createPgliteTestDatabase,
  createPostgresTestDatabase,
  type TestDatabase,
} from "@/lib/db/testing/test-databases";
import { applyPendingMigrations, diffMigrationsToSchema } from "./migrate";
import { MIGRATIONS_DIR, readMigrations, writeMigration } from "./migrations-folder";

describe.each([
  ["PostgreSQL 15 on 127.0.0.1:5432", () => createPostgresTestDatabase("migrations", { migrate: false })],
  ["PGlite over the socket", () => createPgliteTestDatabase({ migrate: false })],
])("applying migrations on %s", (_label, create) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies every folder once, records it like prisma migrate deploy, and applies nothing the second time", async () => {
    const folders = (await readMigrations()).migrationDirectories.map((d) => d.path);
    expect(folders.length).toBeGreaterThan(0);

    expect(await applyPendingMigrations(db.url)).toEqual(folders);
    expect(await applyPendingMigrations(db.url)).toEqual([]);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows.map((r) => r.migration_name)).toEqual(folders);
      for (const row of rows) {
        const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
        // prisma migrate deploy compares this checksum (sha256 of the file) to detect edited migrations.
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.started_at).toBeInstanceOf(Date);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      }
      const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(["_prisma_migrations", "checks"]));
    } finally {
      await client.end();
    }
  });
});

describe("migration authoring", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "acc-migrations-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("diffs from the replayed migrations: only the change is new, and nothing once it is migrated", async () => {
    const schemaPath = path.join(dir, "schema.prisma");
    const migrationsDir = path.join(dir, "migrations");
    const base = `datasource db {\n  provider = "postgresql"\n}\n\nmodel Note {\n  id   Int    @id\n  text String\n}\n`;
    await writeFile(schemaPath, base);
    const initial = await diffMigrationsToSchema({ schemaPath, migrationsDir });
    expect(initial).toContain('CREATE TABLE "Note"');

    const folder = await writeMigration("Init notes", initial, {
      migrationsDir,
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(path.basename(folder)).toBe("20260101000000_init_notes");
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );
    expect(await diffMigrationsToSchema({ schemaPath, migrationsDir })).toBe("");

    await writeFile(schemaPath, base.replace("text String", "text String\n  tags String[] @default([])"));
    const next = await diffMigrationsToSchema({ schemaPath, migrationsDir });
    expect(next).toContain('ALTER TABLE "Note" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[]');
    expect(next).not.toContain("CREATE TABLE");
  });
});
