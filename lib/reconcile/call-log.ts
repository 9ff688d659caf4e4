// Every AWS call the reconciler makes goes through one CallLog: it counts calls per operation for the pass report
// (shown on the Reconcile page and by the benchmark).
//
// The operation name comes from the SDK's handler context (`context.commandName`, a string literal in each
// command's definition), not from the command's class name: a bundler minifies class names ("N", "ea"), which
// once made the Reconcile page show "N 4 · p 4". Only when the middleware never runs (a client whose `send` is
// stubbed, as aws-sdk-client-mock does) does the class name serve as a fallback.

interface Sender<C> {
  send(command: C): Promise<unknown>;
}

export type Middleware = (
  next: (args: unknown) => Promise<unknown>,
  context: { commandName?: string },
) => (args: unknown) => Promise<unknown>;

/** What CallLog needs of an SDK v3 command: its own middleware stack (every command has one). */
interface SdkCommand {
  middlewareStack?: {
    add(middleware: Middleware, options: { step: "initialize"; name: string; override?: boolean }): void;
  };
}

const MIDDLEWARE_NAME = "accReconcileCallLog";

/** "ListRulesCommand" → "ListRules". */
export function operationName(commandName: string): string {
  return commandName.replace(/Command$/, "") || commandName;
}

/** Per-pass counter of AWS calls by operation. */
export class CallLog {
  readonly counts: Record<string, number> = {};

  /** Sends `command` with `client`, counting it once under its SDK operation name (e.g. "ListRules"). */
  async send<R>(client: Sender<never>, command: object): Promise<R> {
    let counted = false;
    const count = (name: string) => {
      if (counted) return;
      counted = true;
      this.counts[name] = (this.counts[name] ?? 0) + 1;
    };
    // The initialize step runs once per send, before retries, so a retried call counts once.
    (command as SdkCommand).middlewareStack?.add(
      (next, context) => (args) => {
        if (context.commandName) count(operationName(context.commandName));
        return next(args);
      },
      { step: "initialize", name: MIDDLEWARE_NAME, override: true },
    );
    try {
      return (await (client as unknown as Sender<object>).send(command)) as R;
    } finally {
      count(operationName(command.constructor.name));
    }
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
