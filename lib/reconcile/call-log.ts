// Every AWS call the reconciler makes goes through one CallLog: it counts calls per operation for the pass report
// (shown on the Reconcile page and by the benchmark).

interface Sender<C> {
  send(command: C): Promise<unknown>;
}

/** Per-pass counter of AWS calls by operation. */
export class CallLog {
  readonly counts: Record<string, number> = {};

  /** Sends `command` with `client`, counting it under its operation name. */
  async send<R>(client: Sender<never>, command: object): Promise<R> {
    const op = command.constructor.name.replace(/Command$/, "");
    this.counts[op] = (this.counts[op] ?? 0) + 1;
    return (await (client as unknown as Sender<object>).send(command)) as R;
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
