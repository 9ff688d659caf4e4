// Helpers for the conformance tests, which treat the emulator the way an outside tester does: a separate
// `main.ts` process reached at http://localhost:<port>, real SDK clients with their default retry settings off,
// and every raw answer checked against the service schemas of the installed SDK clients (model-check.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AthenaClient } from "@aws-sdk/client-athena";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CheckingHttpHandler, loadModels } from "./model-check";

export interface EmulatorProcess {
  /** http://localhost:<port>, as an outside tester writes it. */
  url: string;
  port: number;
  dataDir: string;
  /** SIGTERM, wait for the exit code; the data dir is kept when keepDataDir is set. */
  stop(opts?: { keepDataDir?: boolean }): Promise<number | null>;
}

/** Starts `main.ts` as its own process on a free port; resolves on its ready line. */
export async function startEmulatorProcess(opts: { dataDir?: string; args?: string[] } = {}): Promise<EmulatorProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "emulator-conformance-"));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.resolve(__dirname, "../src/main.ts"),
      "--port",
      "0",
      "--data-dir",
      dataDir,
      ...(opts.args ?? []),
    ],
    { cwd: path.resolve(__dirname, "../.."), stdio: ["ignore", "pipe", "pipe"] },
  );
  // Never leave an emulator behind when the test process ends early (a timeout, Ctrl-C).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(
      () => reject(new Error(`emulator: no ready line within 60 s; stdout: ${out}; stderr: ${stderr}`)),
      60_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited early with ${code}; stderr: ${stderr}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    url: `http://localhost:${port}`,
    port,
    dataDir,
    async stop({ keepDataDir = false } = {}) {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      if (!keepDataDir && opts.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Real SDK clients for `url` whose raw answers are checked against the models; `problems` collects findings. */
export function checkedClients(url: string, region = "us-east-1") {
  const problems: string[] = [];
  // With EMULATOR_MODEL_CHECK=1, every answer is also logged like the other suites' (see helpers.ts).
  const log =
    process.env.EMULATOR_MODEL_CHECK === "1"
      ? (process.env.EMULATOR_MODEL_CHECK_FILE ?? path.join(os.tmpdir(), "emulator-model-check.log"))
      : undefined;
  const requestHandler = new CheckingHttpHandler(loadModels(), problems, (target, outcome) => {
    if (log) fs.appendFileSync(log, `ANSWER\t${target}\t${outcome}\n`);
  });
  const common = {
    endpoint: url,
    region,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
    maxAttempts: 1,
    requestHandler,
  };
  return {
    events: new EventBridgeClient(common),
    sfn: new SFNClient(common),
    athena: new AthenaClient(common),
    problems,
  };
}

export type CheckedClients = ReturnType<typeof checkedClients>;

/**
 * Registers the suite hooks every conformance file shares: one emulator process for the file (it must exit 0),
 * and after each test no raw answer that broke the model. The returned clients are usable from `beforeAll` on.
 */
export function conformanceEmulator(): CheckedClients {
  let emu: EmulatorProcess | undefined;
  // Filled in by beforeAll, so test bodies can hold on to the one object from the start.
  const c = {} as CheckedClients;
  beforeAll(async () => {
    emu = await startEmulatorProcess();
    Object.assign(c, checkedClients(emu.url));
  });
  afterAll(async () => {
    expect(await emu?.stop()).toBe(0);
  });
  afterEach(() => {
    // Every raw answer of the test conformed to the model.
    expect(c.problems.splice(0)).toEqual([]);
  });
  return c;
}

/** The error a promise rejects with (fails when it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
