// Client-side pacing for Step Functions' token buckets, so a large sync never trips the account's throttling
// (which would also slow down the rules' own StartExecution calls).

export interface TokenBucket {
  /** Resolves once a token is available (waits in FIFO order). */
  take(): Promise<void>;
}

/** A token bucket refilled continuously at `perSecond`, holding at most `burst` tokens. */
export function tokenBucket(perSecond: number, burst: number, now: () => number = Date.now): TokenBucket {
  let tokens = burst;
  let last = now();
  let chain: Promise<void> = Promise.resolve();
  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
    last = t;
  };
  const takeOne = async () => {
    refill();
    while (tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - tokens) / perSecond) * 1000)));
      refill();
    }
    tokens -= 1;
  };
  return {
    take() {
      const next = chain.then(takeOne);
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

/** Maps over items with at most `concurrency` calls in flight; results keep the input order; rejects on the first error. */
export async function mapWithConcurrency<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
