// Test helpers: an in-process emulator on a free port with its own temp data dir, and real SDK clients for it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { AthenaClient } from "@aws-sdk/client-athena";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SFNClient } from "@aws-sdk/client-sfn";
import { startEmulator } from "../src/emulator";
import { CheckingHttpHandler, loadModels } from "./model-check";
import type { EmulatorConfig } from "../src/core/types";

export interface TestEmulator {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the emulator; removes the temp data dir unless keepDataDir was asked for. */
  close(): Promise<void>;
}

export interface TestEmulatorOptions extends Partial<EmulatorConfig> {
  /** Keep the data dir after close (for restart tests that start a second emulator on the same dir). */
  keepDataDir?: boolean;
}

/** Starts the emulator in-process on port 0 with a fresh temp data dir (or opts.dataDir, e.g. for restarts). */
export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const { keepDataDir, ...config } = opts;
  const ownsDir = config.dataDir === undefined;
  const dataDir = config.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "emulator-test-"));
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({ ...config, port: config.port ?? 0, host: config.host ?? "127.0.0.1", dataDir });
  } catch (err) {
    if (ownsDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: emulator.url,
    port: emulator.port,
    dataDir,
    async close() {
      await emulator.close();
      if (ownsDir && !keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Real SDK v3 clients pointed at the emulator: us-east-1, dummy credentials, no retries (maxAttempts 1). */
export function sdkClients(url: string, overrides: { maxAttempts?: number; region?: string } = {}) {
  const common = {
    endpoint: url,
    region: overrides.region ?? "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: overrides.maxAttempts ?? 1,
    ...(process.env.EMULATOR_MODEL_CHECK === "1" ? { requestHandler: sweepHandler() } : {}),
  };
  return {
    sfn: new SFNClient(common),
    events: new EventBridgeClient(common),
    athena: new AthenaClient(common),
    dynamodb: new DynamoDBClient(common),
  };
}

/** POSTs/GETs a /_emulator endpoint and returns the parsed JSON (throws on a non-2xx answer). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- admin answers are loosely shaped JSON; callers narrow with T
export async function emulatorAdmin<T = any>(
  url: string,
  method: "GET" | "POST" | "DELETE",
  pathname: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(url + pathname, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${pathname} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Polls `check` until it returns a value other than undefined, or fails after timeoutMs. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

let sweep: CheckingHttpHandler | undefined;

/**
 * EMULATOR_MODEL_CHECK=1: every suite's SDK calls are also checked against the SDK clients' service schemas (model-check.ts); each
 * problem is appended, with the test file, to EMULATOR_MODEL_CHECK_FILE (default <tmp>/emulator-model-check.log),
 * and so is every answer's operation and outcome.
 * A sweep over all the suites' answers, errors included, that never fails a test by itself.
 */
function sweepHandler(): CheckingHttpHandler {
  if (!sweep) {
    const file = process.env.EMULATOR_MODEL_CHECK_FILE ?? path.join(os.tmpdir(), "emulator-model-check.log");
    const problems: string[] = [];
    const push = problems.push.bind(problems);
    problems.push = (...items: string[]) => {
      for (const p of items) fs.appendFileSync(file, `${expect.getState().testPath ?? "?"}\t${p}\n`);
      return push(...items);
    };
    // Every answer too (as `ANSWER <target> <code|OK>`), so the log shows which operations and errors the suites reach.
    sweep = new CheckingHttpHandler(loadModels(), problems, (target, outcome) =>
      fs.appendFileSync(file, `ANSWER\t${target}\t${outcome}\n`),
    );
  }
  return sweep;
}
