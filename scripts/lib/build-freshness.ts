// Whether `next start` can serve the existing build, or sources changed since `next build` last ran.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** What the console's build depends on (relative to the repo root). */
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const SKIP_DIRS = new Set(["node_modules", ".next", ".data"]);

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return /\.(test|int\.test)\.tsx?$/.test(target) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Why a build is needed ("no build yet", "sources changed"), or null when .next/BUILD_ID is newer than every source. */
export async function buildNeeded(root: string): Promise<string | null> {
  const built = await stat(path.join(root, ".next", "BUILD_ID")).catch(() => null);
  if (!built) return "no production build yet";
  let newest = 0;
  for (const source of SOURCES) newest = Math.max(newest, await newestMtime(path.join(root, source)));
  return newest > built.mtimeMs ? "sources changed since the last build" : null;
}
