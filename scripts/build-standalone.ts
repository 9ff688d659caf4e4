// Second half of `npm run build` (after `next build` wrote .next/standalone): completes the standalone folder so it
// runs with no repository around it — `node server.mjs` in a copy of .next/standalone is the whole deployment.
//   - .next/static (and public/ if any): Next leaves them out of the standalone output for a CDN; served locally
//   - prisma/: schema.prisma + migrations, which the entry applies under the migration advisory lock
//   - server.mjs: scripts/standalone/server.ts bundled with esbuild (our code inlined, packages left external)
//   - the packages server.mjs needs that Next's own trace did not (the wasm schema engine, PGlite for the
//     migration engine's shadow database, pino), traced with the copy of @vercel/nft that Next ships.
import { cp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const ROOT = process.cwd();
const OUT = path.join(ROOT, ".next", "standalone");
const require = createRequire(path.join(ROOT, "package.json"));

/** Packages read at run time by path (wasm, data files) rather than through import: copied whole. */
const WHOLE_PACKAGES = ["@prisma/schema-engine-wasm", "@electric-sql/pglite"];

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

async function main(): Promise<void> {
  if (!(await exists(path.join(OUT, "server.js")))) {
    throw new Error(`${OUT}/server.js is missing: next build must run first with output: "standalone"`);
  }
  const t0 = Date.now();
  await cp(path.join(ROOT, ".next", "static"), path.join(OUT, ".next", "static"), { recursive: true });
  if (await exists(path.join(ROOT, "public")))
    await cp(path.join(ROOT, "public"), path.join(OUT, "public"), { recursive: true });
  await rm(path.join(OUT, "prisma"), { recursive: true, force: true });
  await mkdir(path.join(OUT, "prisma"), { recursive: true });
  await cp(path.join(ROOT, "prisma", "schema.prisma"), path.join(OUT, "prisma", "schema.prisma"));
  await cp(path.join(ROOT, "prisma", "migrations"), path.join(OUT, "prisma", "migrations"), { recursive: true });
  // A development .env or data dir copied in by the trace has no place in a deployment.
  for (const stray of [".env", ".env.local", ".data"])
    await rm(path.join(OUT, stray), { recursive: true, force: true });

  // Bundled beside the repository's node_modules first, so the trace resolves packages where npm put them.
  const bundled = path.join(ROOT, ".next", "acc-server.mjs");
  const entry = path.join(OUT, "server.mjs");
  await build({
    entryPoints: [path.join(ROOT, "scripts", "standalone", "server.ts")],
    outfile: bundled,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // ESM output without a require of its own; the Prisma client's generated code uses one.
    banner: {
      js: "import { createRequire as __accCreateRequire } from 'node:module'; const require = __accCreateRequire(import.meta.url);",
    },
    logLevel: "warning",
  });

  const { nodeFileTrace } = require("next/dist/compiled/@vercel/nft") as {
    nodeFileTrace(files: string[], options: { base: string; processCwd: string }): Promise<{ fileList: Set<string> }>;
  };
  const { fileList } = await nodeFileTrace([bundled], { base: ROOT, processCwd: ROOT });
  await cp(bundled, entry);
  // Next's own trace already put most packages there; add the files only the entry needs.
  let copied = 0;
  for (const file of fileList) {
    if (!file.startsWith(`node_modules${path.sep}`)) continue;
    const inside = path.join(OUT, file);
    if (await exists(inside)) continue;
    await mkdir(path.dirname(inside), { recursive: true });
    await cp(path.join(ROOT, file), inside, { dereference: true });
    copied++;
  }
  for (const pkg of WHOLE_PACKAGES) {
    await cp(path.join(ROOT, "node_modules", pkg), path.join(OUT, "node_modules", pkg), {
      recursive: true,
      dereference: true,
    });
  }
  // `npm start`-style scripts do not exist here; the package.json says how to run the folder.
  const pkg = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  await writeFile(
    path.join(OUT, "package.json"),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: "commonjs", scripts: { start: "node server.mjs", "db:migrate": "node server.mjs migrate" } }, null, 2)}\n`,
  );
  console.log(
    `standalone build in ${path.relative(ROOT, OUT)}: server.mjs, prisma/, static assets, ${copied} traced files + ${WHOLE_PACKAGES.join(", ")} (${((Date.now() - t0) / 1000).toFixed(1)} s). Run: node ${path.relative(ROOT, entry)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
