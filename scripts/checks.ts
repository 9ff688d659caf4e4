// Checks as code, against a running console through its JSON API (so it runs in CI against any deployment):
//
//   npm run checks -- export [--out DIR]          every check as YAML (stdout, or one file per check in DIR)
//   npm run checks -- plan DIR [--prune] [--adopt] what apply would create, change (field by field) and delete
//   npm run checks -- apply DIR [--prune] [--adopt]
//
// AUDIT_CHECKS_URL (default http://localhost:3000) and AUDIT_CHECKS_TOKEN (a service token: viewer for export and
// plan, operator for apply, admin to prune). Only checks that came from code are ever deleted, and only with --prune.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { consoleApi, consoleCheckOf, ConsoleApiError, inputOfSpec, type ConsoleApi } from "@/lib/api/client";
import { planCodeChanges, applyCodePlan, formatCodePlan, type CodePlan } from "@/lib/checks/code-plan";
import { collectCheckFiles, formatProblem, stringifyDocuments } from "@/lib/checks/document";
import type { CheckSpec } from "@/lib/checks/types";

const USAGE = `usage: npm run checks -- export [--out DIR]
       npm run checks -- plan DIR [--prune] [--adopt]
       npm run checks -- apply DIR [--prune] [--adopt]
env:   AUDIT_CHECKS_URL (default http://localhost:3000), AUDIT_CHECKS_TOKEN (a service token)`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** YAML files under `dir`, with their path relative to it (forward slashes: the same on every machine). */
async function readYamlFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  async function walk(sub: string) {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(rel);
      else if (/\.ya?ml$/i.test(e.name)) out.push({ path: rel, text: await readFile(path.join(dir, rel), "utf8") });
    }
  }
  await walk("");
  return out;
}

/** A stored source path is only reused for export when it stays inside the output directory. */
function safeRelative(p: string | null): string | null {
  if (!p || path.isAbsolute(p) || p.split(/[\\/]/).includes("..") || !/\.ya?ml$/i.test(p)) return null;
  return p;
}

async function exportChecks(api: ConsoleApi, outDir: string | undefined, io: CliIo): Promise<number> {
  const checks = await api.listAllChecks();
  if (!outDir) {
    io.out(stringifyDocuments(checks.map(consoleCheckOf)).trimEnd());
    return 0;
  }
  // A check from code goes back to its file (several per file when they shared one); others to <slug>.yaml.
  const files = new Map<string, CheckSpec[]>();
  for (const c of checks) {
    const file = safeRelative(c.sourcePath) ?? `${c.slug}.yaml`;
    files.set(file, [...(files.get(file) ?? []), consoleCheckOf(c)]);
  }
  for (const [file, specs] of files) {
    const target = path.join(outDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, stringifyDocuments(specs));
  }
  io.out(
    `Exported ${checks.length} check${checks.length === 1 ? "" : "s"} to ${files.size} file${files.size === 1 ? "" : "s"} in ${outDir}.`,
  );
  return 0;
}

async function makePlan(
  api: ConsoleApi,
  dir: string,
  opts: { prune: boolean; adopt: boolean },
  io: CliIo,
): Promise<CodePlan | null> {
  const files = await readYamlFiles(dir);
  const { checks, problems } = collectCheckFiles(files);
  if (problems.length > 0) {
    for (const p of problems) io.err(formatProblem(p));
    io.err(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}; nothing was planned.`);
    return null;
  }
  const current = (await api.listAllChecks()).map(consoleCheckOf);
  return planCodeChanges(checks, current, opts);
}

export async function runChecksCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
  fetchImpl?: typeof fetch,
) {
  const { positionals, values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    allowPositionals: true,
    options: { out: { type: "string" }, prune: { type: "boolean" }, adopt: { type: "boolean" } },
  });
  const [command, dir] = positionals;
  const api = consoleApi({
    baseUrl: env.AUDIT_CHECKS_URL || "http://localhost:3000",
    token: env.AUDIT_CHECKS_TOKEN,
    fetch: fetchImpl,
  });
  try {
    if (command === "export") return await exportChecks(api, values.out, io);
    if ((command === "plan" || command === "apply") && dir) {
      const opts = { prune: !!values.prune, adopt: !!values.adopt };
      const plan = await makePlan(api, dir, opts, io);
      if (!plan) return 1;
      io.out(formatCodePlan(plan));
      if (command === "plan") return plan.conflicts > 0 ? 1 : 0;
      if (plan.changes === 0) return plan.conflicts > 0 ? 1 : 0;
      const applied = await applyCodePlan(plan, {
        create: async (spec, sourcePath) => void (await api.createCheck(inputOfSpec(spec, sourcePath))),
        update: async (item, spec, sourcePath) =>
          void (await api.updateCheck(item.slug, { ...inputOfSpec(spec, sourcePath), version: item.version })),
        remove: async (item) => void (await api.deleteCheck(item.slug, item.version)),
      });
      const failed = applied.filter((a) => a.error);
      for (const a of applied) io.out(a.error ? `  ✗ ${a.action} ${a.slug}: ${a.error}` : `  ✓ ${a.action} ${a.slug}`);
      io.out(
        failed.length
          ? `Applied ${applied.length - failed.length} of ${applied.length} changes; ${failed.length} failed. Fix them and apply again (what was done is not redone).`
          : `Applied ${applied.length} change${applied.length === 1 ? "" : "s"}.`,
      );
      return failed.length > 0 || plan.conflicts > 0 ? 1 : 0;
    }
    io.err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof ConsoleApiError) {
      io.err(error.message);
      if (error.status === 401) io.err("Set AUDIT_CHECKS_TOKEN to a service token (npm run token -- create …).");
      return 1;
    }
    throw error;
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename);
if (isMain) {
  runChecksCli(process.argv.slice(2), process.env, { out: (l) => console.log(l), err: (l) => console.error(l) })
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    });
}
