import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LockTable } from "./lock-table";
import type { PrimaryMessage } from "./protocol";

type Sent = { worker: string; kind: PrimaryMessage["kind"]; id: number };

describe("the web server primary's lock table", () => {
  let sent: Sent[];
  let table: LockTable<string>;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    table = new LockTable<string>((worker, m) => sent.push({ worker, kind: m.kind, id: m.id }));
  });
  afterEach(() => vi.useRealTimers());

  it("grants a free lock at once and hands it to the waiters in arrival order", () => {
    table.acquire("reconcile", { worker: "a", id: 1 }, 5_000);
    table.acquire("reconcile", { worker: "b", id: 1 }, 5_000);
    table.acquire("reconcile", { worker: "a", id: 2 }, 5_000);
    expect(sent).toEqual([{ worker: "a", kind: "lock-granted", id: 1 }]);
    table.release("a", 1);
    expect(table.holderOf("reconcile")).toEqual({ worker: "b", id: 1 });
    table.release("b", 1);
    expect(sent.map((s) => `${s.worker}${s.id}`)).toEqual(["a1", "b1", "a2"]);
    table.release("a", 2);
    expect(table.holderOf("reconcile")).toBeNull();
  });

  it("answers a wait that ran out with a timeout and never grants it later", () => {
    table.acquire("reconcile", { worker: "a", id: 1 }, 5_000);
    table.acquire("reconcile", { worker: "b", id: 7 }, 1_000);
    vi.advanceTimersByTime(1_001);
    expect(sent.at(-1)).toEqual({ worker: "b", kind: "lock-timeout", id: 7 });
    table.release("a", 1);
    expect(table.holderOf("reconcile")).toBeNull();
    expect(sent.filter((s) => s.worker === "b" && s.kind === "lock-granted")).toEqual([]);
  });

  it("releases what an exited worker held and forgets what it waited for", () => {
    table.acquire("reconcile", { worker: "a", id: 1 }, 5_000);
    table.acquire("reconcile", { worker: "b", id: 1 }, 5_000);
    table.acquire("reconcile", { worker: "c", id: 1 }, 5_000);
    table.drop("b");
    table.drop("a");
    expect(table.holderOf("reconcile")).toEqual({ worker: "c", id: 1 });
    vi.advanceTimersByTime(10_000);
    expect(sent.filter((s) => s.kind === "lock-timeout")).toEqual([]);
  });

  it("ignores a release by a worker that does not hold the lock", () => {
    table.acquire("reconcile", { worker: "a", id: 1 }, 5_000);
    table.release("b", 1);
    table.release("a", 2);
    expect(table.holderOf("reconcile")).toEqual({ worker: "a", id: 1 });
  });

  it("keeps locks of different names apart", () => {
    table.acquire("one", { worker: "a", id: 1 }, 5_000);
    table.acquire("two", { worker: "b", id: 1 }, 5_000);
    expect(sent.map((s) => s.kind)).toEqual(["lock-granted", "lock-granted"]);
  });
});
