// Runs queries in submission order with at most `concurrency` at once; the rest wait in QUEUED.

export class QueryQueue {
  private readonly waiting: string[] = [];
  private running = 0;
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
    private readonly run: (queryId: string) => Promise<void>,
  ) {}

  /** Queues a query; false when the queue is full (the caller answers TooManyRequestsException). */
  enqueue(queryId: string): boolean {
    if (this.waiting.length >= this.maxQueued) return false;
    this.waiting.push(queryId);
    this.pump();
    return true;
  }

  /** Takes a query out of the queue before it started; false if it was not waiting. */
  remove(queryId: string): boolean {
    const i = this.waiting.indexOf(queryId);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  /** Queries still waiting to start. */
  pending(): string[] {
    return [...this.waiting];
  }

  /** Starts nothing new from now on. */
  stop(): void {
    this.stopped = true;
  }

  get active(): number {
    return this.running;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.waiting.length) {
      const id = this.waiting.shift()!;
      this.running++;
      // Started on a later tick so StartQueryExecution answers while the query is still QUEUED.
      setImmediate(() => {
        this.run(id)
          .catch((err) => console.error(`[athena] query ${id} crashed:`, err))
          .finally(() => {
            this.running--;
            this.pump();
          });
      });
    }
  }
}
