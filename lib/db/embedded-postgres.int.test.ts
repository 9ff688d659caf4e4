// The embedded PostgreSQL accepts only clients that know its generated password.
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPasswordFile, startEmbeddedPostgres } from "./embedded-postgres";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function query(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query("select 41 + 1 as answer")).rows[0];
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL authentication", () => {
  it("refuses a wrong or missing password and serves the right one", async () => {
    const db = await startEmbeddedPostgres({ port: 0 });
    try {
      expect(await query(db.url)).toEqual({ answer: 42 });
      const base = `postgresql://postgres@127.0.0.1:${db.port}/postgres`;
      await expect(query(`postgresql://postgres:postgres@127.0.0.1:${db.port}/postgres`)).rejects.toMatchObject({
        code: "28P01",
      });
      await expect(query(`postgresql://attacker:x@127.0.0.1:${db.port}/postgres`)).rejects.toMatchObject({
        code: "28P01",
      });
      await expect(query(base)).rejects.toThrow();
      // Several clients at once still share the one session correctly.
      const answers = await Promise.all(Array.from({ length: 5 }, () => query(db.url)));
      expect(answers).toHaveLength(5);
    } finally {
      await db.stop();
    }
  });

  it("keeps one generated password per data dir, readable by its owner only", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "acc-pglite-auth-"));
    dirs.push(dir);
    const dataDir = path.join(dir, "pglite");
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    const password = first.password;
    await first.stop();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await stat(embeddedPasswordFile(dataDir))).mode & 0o077).toBe(0);
    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      expect(second.password).toBe(password);
      expect(await query(second.url)).toEqual({ answer: 42 });
    } finally {
      await second.stop();
    }
  });
});
