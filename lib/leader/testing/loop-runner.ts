// A replica's background loops without the web server, for the multi-process leader test: starts the reconcile and
// executions-sync loops from the environment (DATABASE_URL, AWS_ENDPOINT_URL, the intervals), prints every AWS call
// it makes as a JSON line `{"call":"<Operation>","t":<epoch ms>}`, and on SIGTERM stops the loops at a safe point,
// closes the database and prints `{"stopped":<epoch ms>}`.
import { awsClients } from "@/lib/aws/clients";
import { disconnectPrisma } from "@/lib/db/client";
import { startExecutionsSyncLoop } from "@/lib/executions/runtime";
import { startReconcileLoop } from "@/lib/reconcile/background-loop";

for (const client of Object.values(awsClients())) {
  (client.middlewareStack as { add: (mw: unknown, opts: unknown) => void }).add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      process.stdout.write(
        `${JSON.stringify({ call: context.commandName?.replace(/Command$/, ""), t: Date.now() })}\n`,
      );
      return next(args);
    },
    { step: "initialize", name: "acc-loop-runner-log" },
  );
}

const stops = [startReconcileLoop(), startExecutionsSyncLoop()];
process.stdout.write(`${JSON.stringify({ started: Date.now() })}\n`);

process.once("SIGTERM", () => {
  void Promise.all(stops.map((stop) => stop()))
    .then(() => disconnectPrisma())
    .then(() => {
      process.stdout.write(`${JSON.stringify({ stopped: Date.now() })}\n`);
      process.exit(0);
    });
});
