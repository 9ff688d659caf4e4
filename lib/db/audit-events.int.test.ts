// The audit trail on both databases: the trigger refuses UPDATE, DELETE and TRUNCATE; a check change and its event
// commit together (a refused change leaves no event); keyset paging and filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import { appendAuditEvent, listAuditEvents } from "./audit-events";
import { createCheck, deleteCheck, setCheckEnabled, updateCheck } from "./checks";
import { setPrismaClient } from "./client";
import { ConcurrentEditError } from "./errors";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "./testing/test-databases";

const alice: Actor = { id: "user:alice", displayName: "Alice", kind: "user", ip: "10.0.0.7", userAgent: "vitest" };

const spec: CheckSpec = {
  name: "Admin logins",
  slug: "admin-logins",
  description: "",
  sql: "SELECT count(*) FROM auditlogs.aurora_audit_log WHERE username = 'admin'",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://audit-checks-results/",
  parameters: [],
  trigger: { kind: "schedule", expression: "rate(1 hour)" },
  expectation: { kind: "firstValue", op: "eq", value: 0 },
  findingKeys: [],
  enabled: true,
};

describe.each([
  ["PostgreSQL", () => createPostgresTestDatabase("audit")],
  ["PGlite", () => createPgliteTestDatabase()],
] as const)("audit_events on %s", (_label, create) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
    setPrismaClient(db.client);
  }, 120_000);
  afterAll(async () => {
    setPrismaClient(undefined);
    await db?.drop();
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await appendAuditEvent({ actor: alice, action: "check.create", target: { kind: "check", name: "x" } });
    await expect(db.client.$executeRawUnsafe(`UPDATE audit_events SET actor_id = 'mallory'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(db.client.$executeRawUnsafe(`DELETE FROM audit_events`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(db.client.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const rows = await db.client.auditEvent.findMany({ where: { actorId: "user:alice" } });
    expect(rows.length).toBeGreaterThan(0);
  });

  it("records each check change with its field-level diff, in the change's transaction", async () => {
    const check = await createCheck(spec, alice);
    const edited = await updateCheck(check.id, 1, { ...spec, sql: `${spec.sql} AND dt = '2026-01-01'` }, alice);
    await setCheckEnabled(check.id, edited.version, false, alice);
    // A stale write is refused and leaves no event.
    await expect(updateCheck(check.id, 1, { ...spec, description: "stale" }, alice)).rejects.toBeInstanceOf(
      ConcurrentEditError,
    );
    await deleteCheck(check.id, 3, alice);

    const events = (await listAuditEvents({ checkId: check.id }, 10)).reverse();
    expect(events.map((e) => e.action)).toEqual(["check.create", "check.update", "check.setEnabled", "check.delete"]);
    expect(events[1]!.diff).toEqual({
      sql: { before: spec.sql, after: `${spec.sql} AND dt = '2026-01-01'` },
    });
    expect(events[2]!.diff).toEqual({ enabled: { before: true, after: false } });
    expect(events[3]!.diff?.name).toEqual({ before: "Admin logins", after: null });
    expect(events[0]).toMatchObject({ actorId: "user:alice", actorName: "Alice", ip: "10.0.0.7", userAgent: "vitest" });
  });

  it("pages newest first by (at, id) and filters by actor and action", async () => {
    for (let i = 0; i < 5; i++) await appendAuditEvent({ actor: alice, action: "execution.runNow", detail: { i } });
    const first = await listAuditEvents({ action: "execution.runNow" }, 3);
    const last = first.at(-1)!;
    const second = await listAuditEvents({ action: "execution.runNow", before: { at: last.at, id: last.id } }, 3);
    const seen = [...first, ...second].map((e) => (e.detail as { i: number }).i);
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    expect(await listAuditEvents({ actor: "nobody" }, 10)).toEqual([]);
    expect((await listAuditEvents({ actor: "alice", action: "execution.runNow" }, 10)).length).toBe(5);
  });
});
