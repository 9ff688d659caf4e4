// `postinstall`: generates the Prisma client into lib/generated/prisma without touching the network.
// Every Prisma CLI command first tries to download the native schema engine (unreachable here); `generate` never
// uses it, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable (node itself) satisfies the check.
import { spawnSync } from "node:child_process";
import path from "node:path";

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

if (result.status !== 0) {
  console.error("prisma generate failed (see above).");
  process.exit(result.status ?? 1);
}
