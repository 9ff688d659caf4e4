// `npm run bench:reconcile [-- --checks 1000 --concurrency 8 --max-attempts 3 --emulator-arg --flag --emulator-arg value]`
// Reconciles N checks into a fresh emulator (spawned as a process) from nothing, then runs passes with nothing
// to change, and prints the AWS calls per operation (counted by SDK middleware) and the wall time of each.
// Checks come from memory, not a database: this measures the reconciler and the AWS API budget.
import { createAwsClients } from "@/lib/aws/create-clients";
import { countCalls } from "@/lib/aws/call-counter";
import { Reconciler } from "@/lib/reconcile/reconciler";
import { MemoryCheckStore, makeCheck, testConfig } from "@/lib/reconcile/test-fixtures";
import { startEmulator } from "@/lib/testing/emulator-process";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const emulatorArgs = process.argv.flatMap((a, i) =>
  a === "--emulator-arg" && process.argv[i + 1] ? [process.argv[i + 1]!] : [],
);

async function main(): Promise<void> {
  const n = Number(arg("checks", "1000"));
  const concurrency = Number(arg("concurrency", "8"));
  // 1 = no SDK retries: past the emulator's (and AWS's default) 300-rule quota PutRule answers LimitExceededException,
  // which the SDK treats as throttling; with retries a pass spends minutes backing off instead of measuring.
  const maxAttempts = Number(arg("max-attempts", "3"));
  const emu = await startEmulator({ args: emulatorArgs });
  try {
    const aws = createAwsClients({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts,
    });
    const counter = countCalls(aws.events, aws.sfn);
    const checks = Array.from({ length: n }, (_, i) =>
      makeCheck({
        name: `Bench check ${i}`,
        slug: `bench-${String(i).padStart(4, "0")}`,
        ...(i % 4 === 0 ? { trigger: { kind: "schedule" as const, expression: "rate(1 day)" } } : {}),
      }),
    );
    const store = new MemoryCheckStore(checks);
    const reconciler = new Reconciler({ events: aws.events, sfn: aws.sfn, config: testConfig, store, concurrency });

    const pass = async (label: string, opts: { fullAudit?: boolean } = {}) => {
      counter.reset();
      const t0 = performance.now();
      const report = await reconciler.reconcile(opts);
      const ms = performance.now() - t0;
      const applied = report.outcomes.filter((o) => o.applied).length;
      const failed = report.outcomes.filter((o) => o.status === "ERROR" || o.status === "DRIFTED");
      console.log(`\n## ${label}`);
      console.log(
        `wall time: ${(ms / 1000).toFixed(2)} s; items applied: ${applied}; errors: ${failed.length}; calls: ${counter.total()}`,
      );
      for (const [op, count] of Object.entries(counter.counts).sort()) console.log(`  ${op.padEnd(32)} ${count}`);
      if (failed.length) console.log(`  first error: ${failed[0]!.ruleName}: ${failed[0]!.message}`);
      if (report.stateMachineError) console.log(`  state machine: ${report.stateMachineError}`);
    };

    console.log(
      `# Reconcile benchmark: ${n} checks (3 of 4 event-pattern rules, 1 of 4 schedules), concurrency ${concurrency}, SDK max attempts ${maxAttempts}, emulator ${emu.url}`,
    );
    await pass("1. from nothing");
    await pass("2. nothing to change (first audit slice: 150 rules' targets and tags)");
    await pass("3. nothing to change (next audit slice)");
    await pass("4. nothing to change, full audit (every rule's targets and tags)", { fullAudit: true });
  } finally {
    await emu.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
