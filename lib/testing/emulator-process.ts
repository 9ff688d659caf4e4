// Starts the emulator as a separate process for integration tests and scripts (the console never imports it):
// `tsx emulator/src/main.ts --port 0 --data-dir <tmp>`, resolved once it prints its "listening" line.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface EmulatorProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the emulator printed so far (for failure messages). */
  output(): string;
  /** POST /_emulator/reset: forget all state. */
  reset(): Promise<void>;
  /** Stops the process (SIGTERM, then SIGKILL) and removes its temporary data directory. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..", "..");

/** Spawns an emulator on a free port with a fresh data directory; rejects after `timeoutMs` without the line. */
export async function startEmulator(
  opts: { timeoutMs?: number; env?: Record<string, string>; args?: string[] } = {},
): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "acc-emulator-"));
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const child = spawn(
    tsx,
    [path.join(ROOT, "emulator/src/main.ts"), "--port", "0", "--data-dir", dataDir, ...(opts.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let listening = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulator did not start within ${opts.timeoutMs ?? 60_000} ms:\n${out}`)),
      opts.timeoutMs ?? 60_000,
    );
    // The only stdout listener, for the process's whole life: it keeps draining output so the pipe never fills up
    // and blocks the emulator; once listening, it keeps just the last 20,000 characters.
    const onData = (chunk: Buffer) => {
      if (listening) {
        out = (out + chunk.toString()).slice(-20_000);
        return;
      }
      out += chunk.toString();
      const m = /emulator listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        listening = true;
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    child,
    output: () => out,
    reset: async () => {
      const r = await fetch(`${url}/_emulator/reset`, { method: "POST" });
      if (!r.ok) throw new Error(`reset failed: ${r.status}`);
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((res) => child.once("exit", () => res()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
