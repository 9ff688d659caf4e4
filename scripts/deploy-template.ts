// `npm run deploy:template`: writes deploy/cloudformation.json from lib/deploy/cloudformation.ts (the IAM policies
// of `npm run iam`, lib/reconcile/iam-policies.ts). `--check` exits 1 when the committed file is stale.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { cloudFormationText } from "@/lib/deploy/cloudformation";

const FILE = path.join(process.cwd(), "deploy", "cloudformation.json");

async function main(): Promise<number> {
  const text = cloudFormationText();
  if (process.argv.includes("--check")) {
    const current = await readFile(FILE, "utf8").catch(() => "");
    if (current === text) return 0;
    console.error("deploy/cloudformation.json is stale: run npm run deploy:template");
    return 1;
  }
  await writeFile(FILE, text);
  console.log(`wrote ${path.relative(process.cwd(), FILE)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
