// The console runs on the real PostgreSQL and on the embedded PGlite, so data-layer suites run on both: a
// `describe.each` over `bothDatabases(purpose)`, and `withTestDatabase(create)` inside it. Test-only (imports vitest);
// the benchmarks use test-databases.ts directly.
import { afterAll, beforeAll } from "vitest";
import { setPrismaClient } from "@/lib/db/client";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "./test-databases";

export function bothDatabases(purpose: string): Array<[string, () => Promise<TestDatabase>]> {
  return [
    ["PostgreSQL 15 on 127.0.0.1:5432", () => createPostgresTestDatabase(purpose)],
    ["PGlite over the socket", () => createPgliteTestDatabase()],
  ];
}

/**
 * Opens the suite's database before its tests and routes every lib/db function through it; drops it after them.
 * Returns the open database (call it inside hooks and tests).
 */
export function withTestDatabase(create: () => Promise<TestDatabase>): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await create();
    setPrismaClient(db.client);
  });
  afterAll(async () => {
    setPrismaClient(undefined);
    await db?.drop();
  });
  return () => {
    if (!db) throw new Error("the test database is not open yet");
    return db;
  };
}
