// One `next build` at a time per checkout: every stack started from this directory (yours, an e2e run) shares
// .next, and two builds writing it at once corrupt each other.
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "@/lib/process-alive";

/** Runs `fn` holding `<root>/.data/next-build.lock`; waits while another live process holds it. */
export async function withBuildLock<T>(root: string, fn: () => Promise<T>, log: (message: string) => void): Promise<T> {
  const lockPath = path.join(root, ".data", "next-build.lock");
  await mkdir(path.dirname(lockPath), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
      if (!holder || !isProcessAlive(holder)) {
        await rm(lockPath, { force: true }); // left behind by a process that died
        continue;
      }
      if (!announced) log(`waiting for another next build (process ${holder}) to finish…`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}
