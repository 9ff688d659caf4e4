// `npm run iam`: prints the IAM policies this configuration needs (events role, state machine role, the console's
// own identity) as JSON, plus notes on what could not be pinned down. Reads the same env as the console.
import { checkEnv, EnvError } from "@/lib/env";

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
  const { currentIamPolicies } = await import("@/lib/reconcile/iam-inputs");
  const { disconnectPrisma } = await import("@/lib/db/client");
  const p = await currentIamPolicies();
  const section = (title: string, body: unknown) => console.log(`\n# ${title}\n${JSON.stringify(body, null, 2)}`);
  section(`Events role ${p.eventsRole.roleArn}: permissions`, p.eventsRole.policy);
  section(`Events role: trust policy`, p.eventsRole.trust);
  section(`State machine role ${p.stateMachineRole.roleArn}: permissions`, p.stateMachineRole.policy);
  section(`State machine role: trust policy`, p.stateMachineRole.trust);
  section("The console's own identity: permissions", p.console.policy);
  if (p.notes.length || p.problems.length) {
    console.log("\n# Notes");
    for (const n of [...p.problems, ...p.notes]) console.log(`- ${n}`);
  }
  await disconnectPrisma().catch(() => {});
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
