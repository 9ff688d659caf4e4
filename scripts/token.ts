// `npm run token -- create --name <name> --role <viewer|operator|admin> [--expires-in-days N]`: a service token for
// the first deployment and for scripts. The token is the last line of output (only its hash is stored).
// `npm run token -- revoke --name <name>` revokes one. Uses DATABASE_URL, or the embedded database of ACC_DATA_DIR
// while `npm start` is running.
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "@/lib/actor";
import { issueServiceToken, newTokenSchema, withdrawServiceToken } from "@/lib/auth/tokens";
import { disconnectPrisma } from "@/lib/db/client";
import { listServiceTokens } from "@/lib/db/service-tokens";
import { EnvError, checkEnv } from "@/lib/env";

const USAGE = `usage: npm run token -- create --name <name> --role <viewer|operator|admin> [--expires-in-days N]
       npm run token -- revoke --name <name>`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, role: { type: "string" }, "expires-in-days": { type: "string" } },
  });
  try {
    checkEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  // Recorded in the audit trail as the command line of this machine's user.
  const actor = { ...SYSTEM_ACTOR, id: `cli:${process.env.USER ?? "unknown"}`, displayName: "npm run token" };
  const command = positionals[0];
  if (command === "create") {
    const parsed = newTokenSchema.safeParse({
      name: values.name ?? "",
      role: values.role ?? "",
      expiresInDays: values["expires-in-days"] ?? null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0])}: ${issue.message}`);
      console.error(USAGE);
      return 2;
    }
    const { token, record } = await issueServiceToken(parsed.data, actor);
    console.log(
      `Created token "${record.name}" with role ${record.role}, ${
        record.expiresAt ? `expiring ${record.expiresAt.toISOString()}` : "never expiring"
      }. It is shown once:`,
    );
    console.log(token);
    return 0;
  }
  if (command === "revoke" && values.name) {
    const found = (await listServiceTokens()).find((t) => t.name === values.name && !t.revokedAt);
    if (!found || !(await withdrawServiceToken(found.id, actor))) {
      console.error(`No active token named "${values.name}".`);
      return 1;
    }
    console.log(`Revoked token "${values.name}".`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main()
  .then(async (code) => {
    await disconnectPrisma();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
    await disconnectPrisma().catch(() => {});
    process.exit(1);
  });
