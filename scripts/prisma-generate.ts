// `postinstall` / `npm run db:generate`: generates the Prisma client into lib/generated/prisma without the network.
// Every Prisma CLI command first tries to download the native schema engine (unreachable here); `generate` never
// uses it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable (node itself) satisfies the check.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Runs `prisma generate` for prisma/schema.prisma; returns the CLI's exit code. */
export function generatePrismaClient(): number {
  const prismaCli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", "prisma/schema.prisma"], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  return result.status ?? 1;
}

if (require.main === module) {
  const status = generatePrismaClient();
  if (status !== 0) {
    console.error("prisma generate failed (see above).");
    process.exit(status);
  }
}
