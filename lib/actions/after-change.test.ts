import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const reconcile = vi.hoisted(() => ({ reconcileAfterChange: vi.fn() }));
vi.mock("@/lib/reconcile/on-change", () => reconcile);

const { reconcileOutcome } = await import("./after-change");

describe("reconcileOutcome", () => {
  it('answers "saved, syncing…" when AWS does not answer in time, and lets the reconcile finish', async () => {
    let finish: (value: unknown) => void = () => {};
    reconcile.reconcileAfterChange.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    const started = Date.now();
    const outcome = await reconcileOutcome({ checkId: "check-1" }, 50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcome).toEqual({ status: "PENDING", message: expect.stringMatching(/^Saved, syncing…/) });
    finish({ status: "SYNCED" }); // the background reconcile still completes (nothing left dangling)
  });

  it("reports the reconcile's own outcome when it finishes in time", async () => {
    reconcile.reconcileAfterChange.mockResolvedValueOnce({ status: "SYNCED" });
    expect(await reconcileOutcome({ checkId: "check-1" }, 1_000)).toEqual({
      status: "SYNCED",
      message: "Applied to AWS.",
    });
  });
});
