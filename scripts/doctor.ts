// `npm run doctor`: the AWS preflight (lib/doctor) for the configuration in the environment — credentials, region,
// the two roles' trust and permissions, workgroups, databases, the rule quota. Exit status 1 when an item fails.
import { checkEnv, EnvError } from "@/lib/env";

const MARK = { pass: "PASS", warn: "WARN", fail: "FAIL" } as const;

async function main(): Promise<void> {
  try {
    checkEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const { runCurrentPreflight } = await import("@/lib/doctor/inputs");
  const { preflightFailed } = await import("@/lib/doctor/preflight");
  const { disconnectPrisma } = await import("@/lib/db/client");
  const report = await runCurrentPreflight();
  const color = process.stdout.isTTY;
  const paint = (status: keyof typeof MARK) => {
    if (!color) return MARK[status];
    const code = status === "pass" ? 32 : status === "warn" ? 33 : 31;
    return `\u001b[${code}m${MARK[status]}\u001b[0m`;
  };
  for (const i of report.items) {
    console.log(`${paint(i.status)}  ${i.title}: ${i.detail}`);
    if (i.fix) console.log(`      fix: ${i.fix}`);
  }
  const count = (s: keyof typeof MARK) => report.items.filter((i) => i.status === s).length;
  console.log(
    `\n${count("pass")} passed, ${count("warn")} ${count("warn") === 1 ? "warning" : "warnings"}, ${count("fail")} failed.`,
  );
  await disconnectPrisma().catch(() => {});
  process.exitCode = preflightFailed(report) ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
