import { describe, expect, it } from "vitest";
import { QueryQueue } from "./query-queue";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("QueryQueue", () => {
  it("runs in submission order with at most `concurrency` at once", async () => {
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const queue = new QueryQueue(2, 10, (id) => {
      started.push(id);
      const gate = deferred();
      gates.set(id, gate);
      return gate.promise;
    });
    for (const id of ["a", "b", "c", "d"]) expect(queue.enqueue(id)).toBe(true);
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(queue.pending()).toEqual(["c", "d"]);
    gates.get("a")!.resolve();
    await tick();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
  });

  it("lets a waiting query be removed, and refuses work beyond maxQueued", async () => {
    const started: string[] = [];
    const queue = new QueryQueue(1, 2, async (id) => {
      started.push(id);
      await new Promise(() => undefined); // never finishes
    });
    queue.enqueue("a");
    queue.enqueue("b");
    queue.enqueue("c");
    expect(queue.enqueue("d")).toBe(false);
    expect(queue.remove("b")).toBe(true);
    expect(queue.remove("b")).toBe(false);
    await tick();
    expect(started).toEqual(["a"]);
    expect(queue.pending()).toEqual(["c"]);
  });
});
