// Counts SDK calls by operation through the client's middleware stack (every attempt of a retried call counts
// once: the middleware sits before the retry step). Tests and the benchmark read it; nothing in production does.

export interface CallCounter {
  /** Operation name → calls since creation or the last reset. */
  counts: Record<string, number>;
  total(): number;
  reset(): void;
}

/** Any SDK v3 client (structurally: it has a middleware stack). */
type AnyClient = { middlewareStack: object };

/** Adds a counting middleware to each client; one counter for all of them. */
export function countCalls(...clients: AnyClient[]): CallCounter {
  const counter: CallCounter = {
    counts: {},
    total: () => Object.values(counter.counts).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const k of Object.keys(counter.counts)) delete counter.counts[k];
    },
  };
  for (const client of clients) {
    (client.middlewareStack as { add: (mw: unknown, opts: unknown) => void }).add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const name = (context.commandName ?? "Unknown").replace(/Command$/, "");
        counter.counts[name] = (counter.counts[name] ?? 0) + 1;
        return next(args);
      },
      { step: "initialize", name: `acc-call-counter-${Math.random().toString(36).slice(2)}` },
    );
  }
  return counter;
}
