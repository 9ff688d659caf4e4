import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Check } from "@/lib/checks/types";
import type { CheckDraft } from "@/lib/checks/schema";

vi.mock("server-only", () => ({}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/lib/auth/guards", () => ({
  authorize: async () => ({ ok: true, user: { actor: { id: "op-1", displayName: "Operator", role: "admin" } } }),
}));
vi.mock("@/lib/audit/record", () => ({ recordDone: async () => {} }));
vi.mock("@/lib/env", () => ({ env: { RULE_PREFIX: "audit-check-" } }));
const db = vi.hoisted(() => ({
  createCheck: vi.fn(),
  updateCheck: vi.fn(),
  setCheckEnabled: vi.fn(),
  deleteCheck: vi.fn(),
  getCheck: vi.fn(),
}));
vi.mock("@/lib/db/checks", () => db);
const reconcile = vi.hoisted(() => ({ reconcileAfterChange: vi.fn() }));
vi.mock("@/lib/reconcile/on-change", () => reconcile);

const { createCheckAction, updateCheckAction, setCheckEnabledAction, deleteCheckAction } = await import("./checks");
const { ConcurrentEditError, UniqueViolationError } = await import("@/lib/db/errors");

const draft: CheckDraft = {
  name: "Failed logins",
  slug: "failed-logins",
  description: "",
  sql: "SELECT count(*) FROM audit_log WHERE operation = ?",
  catalog: "AwsDataCatalog",
  database: "auditlogs",
  workgroup: "primary",
  outputLocation: "s3://results-bucket/athena/",
  parameters: [{ kind: "literal", value: "'FAILED_CONNECT'" }],
  trigger: { kind: "schedule", expression: "rate(1 hour)" },
  expectation: { kind: "firstValue", op: "eq", value: "0" },
  enabled: true,
};

const ID = "6f1c2a4e-1111-4222-8333-944455556666";
const saved = { id: ID, version: 1, name: "Failed logins", slug: "failed-logins" } as Check;

beforeEach(() => {
  vi.clearAllMocks();
  reconcile.reconcileAfterChange.mockResolvedValue({
    status: "SYNCED",
    message: "Rule audit-check-failed-logins created.",
  });
});

describe("createCheckAction", () => {
  it("saves the parsed spec as the current actor and reports the reconcile outcome", async () => {
    db.createCheck.mockResolvedValue(saved);
    const r = await createCheckAction({ draft });
    expect(r).toEqual({
      ok: true,
      data: { id: ID, version: 1, reconcile: { status: "SYNCED", message: "Rule audit-check-failed-logins created." } },
    });
    const [spec, actor] = db.createCheck.mock.calls[0]!;
    expect(spec.expectation).toEqual({ kind: "firstValue", op: "eq", value: 0 });
    expect(actor.id).toBe("op-1");
    expect(reconcile.reconcileAfterChange).toHaveBeenCalledWith({ checkId: ID });
  });

  it("validates on the server too: nothing is written for an invalid draft", async () => {
    const r = await createCheckAction({
      draft: { ...draft, trigger: { kind: "schedule", expression: "rate(1 hours)" }, outputLocation: "bucket" },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(["outputLocation", "trigger.expression"]);
    expect(db.createCheck).not.toHaveBeenCalled();
  });

  it("refuses a check whose rule target input would exceed 8,192 characters", async () => {
    const sql = `SELECT count(*) FROM audit_log WHERE operation = ? AND object NOT LIKE '${"<x>".repeat(1500)}'`;
    const r = await createCheckAction({ draft: { ...draft, sql } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors.sql?.[0]).toMatch(/8,192/);
    expect(db.createCheck).not.toHaveBeenCalled();
  });

  it("puts a taken name beside the name field", async () => {
    db.createCheck.mockRejectedValue(new UniqueViolationError("name", "Failed logins"));
    const r = await createCheckAction({ draft });
    expect(r).toEqual({
      ok: false,
      fieldErrors: { name: ["A check named “Failed logins” already exists. Choose another name."] },
      code: "conflict",
    });
    expect(reconcile.reconcileAfterChange).not.toHaveBeenCalled();
  });

  it("reports a reconcile failure without failing the save", async () => {
    db.createCheck.mockResolvedValue(saved);
    reconcile.reconcileAfterChange.mockResolvedValue({ status: "ERROR", message: "Reconcile failed: AccessDenied." });
    const r = await createCheckAction({ draft });
    expect(r.ok && r.data.reconcile).toEqual({ status: "ERROR", message: "Reconcile failed: AccessDenied." });
  });
});

describe("updateCheckAction", () => {
  it("passes the version the form read", async () => {
    db.updateCheck.mockResolvedValue({ ...saved, version: 4 });
    const r = await updateCheckAction({ id: ID, expectedVersion: 3, draft });
    expect(r.ok && r.data.version).toBe(4);
    expect(db.updateCheck.mock.calls[0]?.slice(0, 2)).toEqual([ID, 3]);
  });

  it("refuses a stale save with the version that won", async () => {
    db.updateCheck.mockRejectedValue(new ConcurrentEditError(ID, 3, 5));
    const r = await updateCheckAction({ id: ID, expectedVersion: 3, draft });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {},
      formError:
        "Someone else saved this check while you were editing (version 5). Your changes are kept below; reload to see theirs.",
      code: "conflict",
    });
  });
});

describe("setCheckEnabledAction", () => {
  it("flips enabled with the expected version", async () => {
    db.setCheckEnabled.mockResolvedValue({ ...saved, version: 2, enabled: false });
    const r = await setCheckEnabledAction({ id: ID, expectedVersion: 1, enabled: false });
    expect(r.ok).toBe(true);
    expect(db.setCheckEnabled).toHaveBeenCalledWith(ID, 1, false, expect.objectContaining({ id: "op-1" }));
  });

  it("refuses a toggle from a stale check page with a message for that page, not the edit form's", async () => {
    db.setCheckEnabled.mockRejectedValue(new ConcurrentEditError(ID, 1, 3));
    const r = await setCheckEnabledAction({ id: ID, expectedVersion: 1, enabled: false });
    expect(r.ok === false && r.formError).toBe(
      "Not disabled: someone else saved this check (version 3) after this page was loaded. The page now shows their version; look at it, then try again if you still want to.",
    );
    expect(reconcile.reconcileAfterChange).not.toHaveBeenCalled();
  });
});

describe("deleteCheckAction", () => {
  it("wants the exact name", async () => {
    db.getCheck.mockResolvedValue(saved);
    const r = await deleteCheckAction({ id: ID, expectedVersion: 1, confirmName: "failed logins" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors.confirmName?.[0]).toMatch(/Type the check's name exactly/);
    expect(db.deleteCheck).not.toHaveBeenCalled();
  });

  it("deletes and lets the reconciler remove the rule", async () => {
    db.getCheck.mockResolvedValue(saved);
    const r = await deleteCheckAction({ id: ID, expectedVersion: 1, confirmName: " Failed logins " });
    expect(r.ok).toBe(true);
    expect(db.deleteCheck).toHaveBeenCalledWith(ID, 1, expect.objectContaining({ id: "op-1" }));
    expect(reconcile.reconcileAfterChange).toHaveBeenCalledWith({ deletedCheck: { id: ID, slug: "failed-logins" } });
  });

  it("refuses to delete a check saved by someone else since the page was loaded", async () => {
    db.getCheck.mockResolvedValue(saved);
    db.deleteCheck.mockRejectedValue(new ConcurrentEditError(ID, 1, 2));
    const r = await deleteCheckAction({ id: ID, expectedVersion: 1, confirmName: "Failed logins" });
    expect(r.ok === false && r.formError).toMatch(/^Not deleted: someone else saved this check \(version 2\)/);
    expect(r.ok === false && r.formError).not.toMatch(/kept below/);
    expect(reconcile.reconcileAfterChange).not.toHaveBeenCalled();
  });

  it("says so when the check is already gone", async () => {
    db.getCheck.mockResolvedValue(null);
    const r = await deleteCheckAction({ id: ID, expectedVersion: 1, confirmName: "x" });
    expect(r.ok === false && r.formError).toMatch(/no longer exists/);
  });
});
