// The primary's locks for its web server workers (scripts/lib/web-cluster.ts): named, first come first served, each
// held by one request of one worker. A wait that runs out is answered "timeout"; a worker that exits loses what it
// held and what it waited for, so a killed worker never leaves a lock taken.
import { CLUSTER_TAG, type PrimaryMessage } from "./protocol";

interface LockRequest<W> {
  worker: W;
  id: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** FIFO locks by name, each held by one worker's request; a dead worker's holds and waits are dropped. */
export class LockTable<W> {
  private readonly locks = new Map<string, { holder: LockRequest<W> | null; queue: LockRequest<W>[] }>();

  constructor(private readonly send: (worker: W, message: PrimaryMessage) => void) {}

  acquire(name: string, request: LockRequest<W>, waitMs: number): void {
    const lock = this.locks.get(name) ?? { holder: null, queue: [] };
    this.locks.set(name, lock);
    if (!lock.holder) {
      lock.holder = request;
      this.send(request.worker, { tag: CLUSTER_TAG, kind: "lock-granted", id: request.id });
      return;
    }
    request.timer = setTimeout(() => {
      lock.queue = lock.queue.filter((r) => r !== request);
      this.send(request.worker, { tag: CLUSTER_TAG, kind: "lock-timeout", id: request.id });
    }, waitMs);
    lock.queue.push(request);
  }

  release(worker: W, id: number): void {
    for (const [name, lock] of this.locks) {
      if (lock.holder?.worker === worker && lock.holder.id === id) this.handOver(name, lock);
    }
  }

  /** Everything the worker held is released and its waits are forgotten (it exited). */
  drop(worker: W): void {
    for (const [name, lock] of this.locks) {
      for (const r of lock.queue) if (r.worker === worker) clearTimeout(r.timer);
      lock.queue = lock.queue.filter((r) => r.worker !== worker);
      if (lock.holder?.worker === worker) this.handOver(name, lock);
    }
  }

  holderOf(name: string): { worker: W; id: number } | null {
    const holder = this.locks.get(name)?.holder;
    return holder ? { worker: holder.worker, id: holder.id } : null;
  }

  private handOver(name: string, lock: { holder: LockRequest<W> | null; queue: LockRequest<W>[] }): void {
    const next = lock.queue.shift();
    lock.holder = next ?? null;
    if (!next) {
      this.locks.delete(name);
      return;
    }
    clearTimeout(next.timer);
    this.send(next.worker, { tag: CLUSTER_TAG, kind: "lock-granted", id: next.id });
  }
}
