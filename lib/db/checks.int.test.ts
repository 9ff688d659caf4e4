// lib/db/checks.ts against both databases the console supports: a fresh database on the real PostgreSQL and an
// in-memory PGlite served over the Postgres wire protocol (what `npm start` uses by default).
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/actor";
import type { CheckSpec } from "@/lib/checks/types";
import {
  createCheck,
  deleteCheck,
  getCheck,
  listAllChecksForReconcile,
  listCheckNames,
  listCheckSummaries,
  listChecks,
  setCheckEnabled,
  updateCheck,
  writeSyncState,
} from "./checks";
import { ConcurrentEditError, UniqueViolationError } from "./errors";
import { bothDatabases, withTestDatabase } from "./testing/both-databases";

const alice: Actor = { id: "alice", displayName: "Alice" };
const bob: Actor = { id: "bob", displayName: "Bob" };

function spec(overrides: Partial<CheckSpec> = {}): CheckSpec {
  return {
    name: "Failed logins",
    slug: "failed-logins",
    description: "",
    sql: "SELECT count(*) FROM auditlogs.aurora_audit_log WHERE username = ? AND dt = ?",
    catalog: "AwsDataCatalog",
    database: "auditlogs",
    workgroup: "primary",
    outputLocation: "s3://audit-checks-results/",
    parameters: [
      { kind: "literal", value: "'admin'" },
      { kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" },
    ],
    trigger: { kind: "schedule", expression: "rate(1 hour)" },
    expectation: { kind: "firstValue", op: "le", value: 5 },
    findingKeys: [],
    enabled: true,
    ...overrides,
  };
}

const ecsPattern = {
  source: ["aws.ecs"],
  "detail-type": ["ECS Task State Change"],
  detail: {
    lastStatus: ["STOPPED"],
    containers: { exitCode: [0] },
    overrides: { containerOverrides: { command: ["prod-aurora-cluster"] } },
    "nested-empty": {},
  },
};

describe.each(bothDatabases("checks"))("checks on %s", (_label, create) => {
  const db = withTestDatabase(create);
  beforeEach(async () => {
    await db().client.check.deleteMany();
  });

  it("creates a check at generation 1, version 1, pending sync, attributed to the actor", async () => {
    const check = await createCheck(spec(), alice);
    expect(check).toMatchObject({
      ...spec(),
      generation: 1,
      version: 1,
      createdBy: "alice",
      updatedBy: "alice",
      syncStatus: "PENDING",
      syncMessage: null,
      syncErrorTerminal: false,
      observedGeneration: null,
      lastReconciledAt: null,
    });
    expect(check.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getCheck(check.id)).toEqual(check);
  });

  it("round-trips Unicode names and JSON patterns, parameters and expectations exactly", async () => {
    const name = "監査ログ: 管理者ログイン 🔐 — Ωmega «test»";
    const created = await createCheck(
      spec({
        name,
        slug: "unicode-1",
        description: "Zeilen mit Ümlauten\nund 日本語",
        trigger: { kind: "eventPattern", pattern: ecsPattern },
        expectation: { kind: "rowCount", op: "ne", value: 2.5 },
      }),
      alice,
    );
    const read = await getCheck(created.id);
    expect(read?.name).toBe(name);
    expect(read?.description).toBe("Zeilen mit Ümlauten\nund 日本語");
    expect(read?.trigger).toEqual({ kind: "eventPattern", pattern: ecsPattern });
    expect(read?.parameters).toEqual(spec().parameters);
    expect(read?.expectation).toEqual({ kind: "rowCount", op: "ne", value: 2.5 });
    expect((await listChecks()).find((c) => c.id === created.id)?.name).toBe(name);
  });

  it("stores a schedule trigger without a pattern and switches trigger kinds cleanly", async () => {
    const created = await createCheck(spec({ trigger: { kind: "eventPattern", pattern: ecsPattern } }), alice);
    const updated = await updateCheck(
      created.id,
      1,
      spec({ trigger: { kind: "schedule", expression: "cron(0 12 * * ? *)" } }),
      bob,
    );
    expect(updated.trigger).toEqual({ kind: "schedule", expression: "cron(0 12 * * ? *)" });
    const row = await db().client.check.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.eventPattern).toBeNull();
    expect(row.triggerKind).toBe("SCHEDULE");
  });

  it("refuses the second of two saves based on the same version, and keeps the first", async () => {
    const created = await createCheck(spec(), alice);
    const first = await updateCheck(created.id, 1, spec({ description: "Alice's edit" }), alice);
    expect(first.version).toBe(2);
    const second = updateCheck(created.id, 1, spec({ description: "Bob's edit" }), bob);
    await expect(second).rejects.toBeInstanceOf(ConcurrentEditError);
    await expect(second).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    await expect(second).rejects.toThrow(/Someone else saved this check/);
    expect((await getCheck(created.id))?.description).toBe("Alice's edit");
  });

  it("lets exactly one of two simultaneous saves win", async () => {
    const created = await createCheck(spec(), alice);
    const results = await Promise.allSettled([
      updateCheck(created.id, 1, spec({ description: "A" }), alice),
      updateCheck(created.id, 1, spec({ description: "B" }), bob),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrentEditError);
    expect((await getCheck(created.id))?.version).toBe(2);
  });

  it("bumps the generation only when the spec changes; the version on every save", async () => {
    const created = await createCheck(spec(), alice);
    const same = await updateCheck(created.id, 1, spec(), bob);
    expect(same).toMatchObject({ version: 2, generation: 1, updatedBy: "bob" });

    // Same pattern with keys in another order is the same spec.
    const withPattern = await updateCheck(
      created.id,
      2,
      spec({ trigger: { kind: "eventPattern", pattern: ecsPattern } }),
      bob,
    );
    expect(withPattern).toMatchObject({ version: 3, generation: 2 });
    const reordered = {
      detail: ecsPattern.detail,
      "detail-type": ecsPattern["detail-type"],
      source: ecsPattern.source,
    };
    const again = await updateCheck(
      created.id,
      3,
      spec({ trigger: { kind: "eventPattern", pattern: reordered } }),
      bob,
    );
    expect(again).toMatchObject({ version: 4, generation: 2 });

    const sqlChanged = await updateCheck(
      created.id,
      4,
      spec({ trigger: { kind: "eventPattern", pattern: ecsPattern }, sql: "SELECT 1" }),
      bob,
    );
    expect(sqlChanged).toMatchObject({ version: 5, generation: 3, syncStatus: "PENDING" });
  });

  it("treats enable/disable as a spec change, under the same locking", async () => {
    const created = await createCheck(spec(), alice);
    const disabled = await setCheckEnabled(created.id, 1, false, bob);
    expect(disabled).toMatchObject({ enabled: false, version: 2, generation: 2, updatedBy: "bob" });
    await expect(setCheckEnabled(created.id, 1, true, alice)).rejects.toBeInstanceOf(ConcurrentEditError);
    const unchanged = await setCheckEnabled(created.id, 2, false, alice);
    expect(unchanged).toMatchObject({ version: 3, generation: 2 });
  });

  it("turns duplicate names and slugs into sentences naming the field", async () => {
    await createCheck(spec({ name: "Ünïcode name", slug: "taken" }), alice);
    const sameName = createCheck(spec({ name: "Ünïcode name", slug: "other" }), alice);
    await expect(sameName).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(sameName).rejects.toMatchObject({
      field: "name",
      message: "A check named “Ünïcode name” already exists. Choose another name.",
    });
    const sameSlug = createCheck(spec({ name: "Another", slug: "taken" }), alice);
    await expect(sameSlug).rejects.toMatchObject({
      field: "slug",
      message:
        "The slug “taken” is already used by another check. Slugs are compared regardless of case: choose another slug.",
    });
    // One rule per slug regardless of case: "TAKEN" would be a second rule for the same name in the operator's eyes.
    await expect(createCheck(spec({ name: "Upper", slug: "TAKEN" }), alice)).rejects.toMatchObject({
      field: "slug",
      message: expect.stringContaining("“TAKEN” is already used"),
    });

    const other = await createCheck(spec({ name: "Third", slug: "third" }), alice);
    await expect(updateCheck(other.id, 1, spec({ name: "Third", slug: "taken" }), alice)).rejects.toMatchObject({
      field: "slug",
    });
    expect((await getCheck(other.id))?.version).toBe(1);
  });

  it("deletes only at the version read", async () => {
    const created = await createCheck(spec(), alice);
    await updateCheck(created.id, 1, spec({ description: "edited" }), bob);
    await expect(deleteCheck(created.id, 1, alice)).rejects.toBeInstanceOf(ConcurrentEditError);
    await deleteCheck(created.id, 2, alice);
    expect(await getCheck(created.id)).toBeNull();
    await expect(deleteCheck(created.id, 2, alice)).rejects.toMatchObject({ actualVersion: null });
    await expect(updateCheck(created.id, 2, spec(), alice)).rejects.toMatchObject({ actualVersion: null });
  });

  it("answers null for unknown ids, including strings that are not UUIDs", async () => {
    expect(await getCheck("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getCheck("not-a-uuid")).toBeNull();
  });

  it("writes sync state without touching version or updated_at, and only for the observed generation", async () => {
    const created = await createCheck(spec(), alice);
    const at = new Date("2026-11-28T01:02:03.456Z");
    expect(await writeSyncState(created.id, { syncStatus: "SYNCED", syncMessage: null, lastReconciledAt: at }, 1)).toBe(
      true,
    );
    const synced = await getCheck(created.id);
    expect(synced).toMatchObject({ syncStatus: "SYNCED", observedGeneration: 1, version: 1, lastReconciledAt: at });
    expect(synced?.updatedAt).toEqual(created.updatedAt);

    // The operator's edit, opened before the sync write, still saves.
    const edited = await updateCheck(created.id, 1, spec({ sql: "SELECT 2" }), bob);
    expect(edited).toMatchObject({ generation: 2, version: 2, syncStatus: "PENDING" });

    // A late observation of generation 1 must not mark generation 2 as synced.
    expect(await writeSyncState(created.id, { syncStatus: "SYNCED" }, 1)).toBe(false);
    expect((await getCheck(created.id))?.syncStatus).toBe("PENDING");

    expect(
      await writeSyncState(
        created.id,
        { syncStatus: "ERROR", syncMessage: "AccessDenied: events:PutRule", syncErrorTerminal: true },
        2,
      ),
    ).toBe(true);
    expect(await getCheck(created.id)).toMatchObject({
      syncStatus: "ERROR",
      syncMessage: "AccessDenied: events:PutRule",
      syncErrorTerminal: true,
      observedGeneration: 2,
      version: 2,
    });
    expect(await writeSyncState("00000000-0000-4000-8000-000000000000", { syncStatus: "SYNCED" }, 1)).toBe(false);
  });

  it("lists by name for the pages and by slug for the reconciler", async () => {
    await createCheck(spec({ name: "beta", slug: "a-slug", description: "about logins" }), alice);
    await createCheck(spec({ name: "Alpha", slug: "c-slug", enabled: false }), alice);
    await createCheck(spec({ name: "gamma", slug: "b-slug" }), alice);
    expect((await listChecks()).map((c) => c.name)).toEqual(["Alpha", "beta", "gamma"]);
    expect(await listCheckNames()).toEqual((await listChecks()).map((c) => ({ id: c.id, name: c.name })));
    expect((await listAllChecksForReconcile()).map((c) => c.slug)).toEqual(["a-slug", "b-slug", "c-slug"]);
  });

  it("lists summaries with the list's fields exactly as the full checks have them, in the same order", async () => {
    await createCheck(spec({ name: "beta", slug: "a-slug" }), alice);
    await createCheck(
      spec({
        name: "Alpha",
        slug: "c-slug",
        trigger: { kind: "schedule", expression: "rate(5 minutes)" },
        expectation: { kind: "rowCount", op: "le", value: 1234.5 },
      }),
      alice,
    );
    const full = await listChecks();
    await writeSyncState(full[0]!.id, { syncStatus: "ERROR", syncMessage: "AccessDenied", syncErrorTerminal: true }, 1);
    const summaries = await listCheckSummaries();
    const fields = Object.keys(summaries[0]!).sort();
    expect(fields).not.toContain("sql");
    expect(fields).not.toContain("parameters");
    const pick = (c: object) => Object.fromEntries(fields.map((f) => [f, (c as Record<string, unknown>)[f]]));
    expect(summaries).toEqual((await listChecks()).map(pick));
    expect(summaries.map((c) => c.name)).toEqual(["Alpha", "beta"]);
    expect(summaries[0]).toMatchObject({ syncStatus: "ERROR", syncErrorTerminal: true });
  });
});
