import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildNeeded } from "./build-freshness";

describe("buildNeeded", () => {
  let root: string;
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);
  async function file(relative: string, seconds: number): Promise<void> {
    const full = path.join(root, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, "x");
    await utimes(full, at(seconds), at(seconds));
  }

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "acc-build-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("asks for a build when there is none", async () => {
    await file("app/page.tsx", 10);
    expect(await buildNeeded(root)).toBe("no production build yet");
  });

  it("reuses a build newer than every source, and rebuilds after a source changes", async () => {
    await file("app/page.tsx", 10);
    await file("lib/db/checks.ts", 20);
    await file(".next/BUILD_ID", 30);
    expect(await buildNeeded(root)).toBeNull();
    await file("lib/checks/schema.ts", 40);
    expect(await buildNeeded(root)).toBe("sources changed since the last build");
  });

  it("ignores tests and run-time data, which the build does not contain", async () => {
    await file(".next/BUILD_ID", 30);
    await file("lib/db/checks.int.test.ts", 40);
    await file("lib/env.test.ts", 40);
    await file("lib/.data/pglite/PG_VERSION", 40);
    expect(await buildNeeded(root)).toBeNull();
  });
});
