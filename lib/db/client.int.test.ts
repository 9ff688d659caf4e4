// The embedded PGlite is one session: a transaction holds every other connection's queries. With the console's
// pool of one connection per process, a transaction and concurrent queries from the same process all finish.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolSizeFor } from "./client";
import { createPgliteTestDatabase, type TestDatabase } from "./testing/test-databases";

describe("Prisma client on the embedded PGlite", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("uses one connection per process for PGlite, a pool for a real server", () => {
    expect(poolSizeFor(true)).toBe(1);
    expect(poolSizeFor(false)).toBeGreaterThan(1);
  });

  it("finishes an interactive transaction while other queries of the process queue behind it", async () => {
    const transaction = db.client.$transaction(async (tx) => {
      const before = await tx.check.count();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await tx.$executeRaw`SELECT pg_sleep(0.05)`;
      return before + (await tx.check.count());
    });
    const others = Array.from({ length: 20 }, () => db.client.check.count());
    const results = await Promise.race([
      Promise.all([transaction, ...others]),
      new Promise((_, reject) => setTimeout(() => reject(new Error("deadlocked")), 20_000)),
    ]);
    expect(results).toEqual(Array(21).fill(0));
  });
});
