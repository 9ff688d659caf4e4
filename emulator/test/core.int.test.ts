// The emulator core over HTTP: routing, wire errors, health, reset, fault injection, the CLI.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DescribeRuleCommand, ListRulesCommand, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { emulatorAdmin, sdkClients, startTestEmulator, type TestEmulator } from "./helpers";

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emulatorAdmin(emu.url, "POST", "/_emulator/reset");
});

function call(target: string | undefined, body: string, contentType = "application/x-amz-json-1.1") {
  return fetch(emu.url + "/", {
    method: "POST",
    headers: { "content-type": contentType, ...(target ? { "x-amz-target": target } : {}) },
    body,
  });
}

describe("wire protocol", () => {
  it("answers with the service's content type and a request id", async () => {
    const res = await call("AWSEvents.ListRules", "{}");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ Rules: [] });
  });

  it("treats an empty body as {}", async () => {
    const res = await call("AWSEvents.ListRules", "");
    expect(res.status).toBe(200);
  });

  it("answers UnknownOperationException for an unknown operation or service", async () => {
    for (const target of ["AWSEvents.CreateEventBus", "NoSuchService.Op"]) {
      const res = await call(target, "{}");
      expect(res.status).toBe(400);
      expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
      expect(res.headers.get("x-amzn-requestid")).toBeTruthy();
      const body = (await res.json()) as Record<string, string>;
      expect(body.__type).toBe("UnknownOperationException");
      expect(body.message).toBe(body.Message);
    }
  });

  it("answers SerializationException for malformed JSON or a non-object body", async () => {
    for (const bad of ["{", "[1]", '"x"', "null"]) {
      const res = await call("AWSEvents.ListRules", bad);
      expect(res.status).toBe(400);
      expect(res.headers.get("x-amzn-errortype")).toBe("SerializationException");
      expect(((await res.json()) as Record<string, string>).__type).toBe("SerializationException");
    }
  });

  it("shapes errors as status + x-amzn-errortype + {__type, message, Message}", async () => {
    const res = await call("AWSEvents.DescribeRule", JSON.stringify({ Name: "missing" }));
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(await res.json()).toEqual({
      __type: "ResourceNotFoundException",
      message: "Rule missing does not exist on EventBus default.",
      Message: "Rule missing does not exist on EventBus default.",
    });
  });

  it("answers a plain GET with a 404 that says what this is", async () => {
    const res = await fetch(emu.url + "/");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-amzn-requestid")).toBeTruthy();
  });
});

describe("emulator endpoints", () => {
  it("health reports status and per-service counts", async () => {
    await sdkClients(emu.url).events.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}' }));
    const health = await emulatorAdmin(emu.url, "GET", "/_emulator/health");
    expect(health.status).toBe("ok");
    expect(health.region).toBe("us-east-1");
    expect(health.accountId).toBe("000000000000");
    expect(health.services.events).toMatchObject({ status: "ok", rules: 1 });
  });

  it("reset forgets every service's state and clears faults", async () => {
    const eb = sdkClients(emu.url).events;
    await eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}' }));
    await emulatorAdmin(emu.url, "POST", "/_emulator/faults", { service: "athena", kind: "throttle" });
    const out = await emulatorAdmin(emu.url, "POST", "/_emulator/reset");
    expect(out.reset).toContain("events");
    expect((await eb.send(new ListRulesCommand({}))).Rules).toEqual([]);
    expect((await emulatorAdmin(emu.url, "GET", "/_emulator/faults")).faults).toEqual([]);
  });

  it("unknown emulator paths answer 404", async () => {
    const res = await fetch(emu.url + "/_emulator/nothing");
    expect(res.status).toBe(404);
  });
});

describe("fault injection", () => {
  it("throttle surfaces as the SDK's ThrottlingException; a count-based fault stops after N", async () => {
    const eb = sdkClients(emu.url).events;
    const { fault } = await emulatorAdmin(emu.url, "POST", "/_emulator/faults", {
      service: "events",
      operation: "PutRule",
      kind: "throttle",
      count: 2,
    });
    expect(fault).toMatchObject({ service: "events", operation: "PutRule", kind: "throttle", remaining: 2 });
    for (let i = 0; i < 2; i++) {
      const err = await eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}' })).catch((e) => e);
      expect(err.name).toBe("ThrottlingException");
      expect(err.$metadata.httpStatusCode).toBe(400);
    }
    // Other operations were never affected, and the third PutRule passes.
    await eb.send(new ListRulesCommand({}));
    await eb.send(new PutRuleCommand({ Name: "r", EventPattern: '{"source":["a"]}' }));
    expect((await emulatorAdmin(emu.url, "GET", "/_emulator/faults")).faults).toEqual([]);
  });

  // The SDK retries only what it classes as throttling or transient, so this proves the classification.
  it("the SDK's own retries get through a short burst of throttling", async () => {
    const eb = sdkClients(emu.url, { maxAttempts: 3 }).events;
    await emulatorAdmin(emu.url, "POST", "/_emulator/faults", {
      service: "events",
      operation: "ListRules",
      kind: "throttle",
      count: 2,
    });
    const out = await eb.send(new ListRulesCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it("error5xx answers the service's internal error with status 500", async () => {
    const eb = sdkClients(emu.url).events;
    await emulatorAdmin(emu.url, "POST", "/_emulator/faults", { service: "events", kind: "error5xx", probability: 1 });
    const err = await eb.send(new ListRulesCommand({})).catch((e) => e);
    expect(err.name).toBe("InternalException");
    expect(err.$metadata.httpStatusCode).toBe(500);
    const cleared = await emulatorAdmin(emu.url, "DELETE", "/_emulator/faults");
    expect(cleared.removed).toBe(1);
    await eb.send(new ListRulesCommand({}));
  });

  it("latency delays the answer; probability 0 never fires; DELETE ?id= removes one fault", async () => {
    const eb = sdkClients(emu.url).events;
    const slow = await emulatorAdmin(emu.url, "POST", "/_emulator/faults", {
      service: "events",
      operation: "ListRules",
      kind: "latency",
      latencyMs: 300,
    });
    await emulatorAdmin(emu.url, "POST", "/_emulator/faults", {
      service: "events",
      operation: "ListRules",
      kind: "error5xx",
      probability: 0,
    });
    const t0 = Date.now();
    await eb.send(new ListRulesCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    const removed = await emulatorAdmin(emu.url, "DELETE", `/_emulator/faults?id=${slow.fault.id}`);
    expect(removed.removed).toBe(1);
    expect((await emulatorAdmin(emu.url, "GET", "/_emulator/faults")).faults).toHaveLength(1);
  });

  it("refuses an invalid fault", async () => {
    const res = await fetch(emu.url + "/_emulator/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service: "s3", kind: "throttle" }),
    });
    expect(res.status).toBe(400);
    const res2 = await fetch(emu.url + "/_emulator/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ service: "events", kind: "throttle", count: 0 }),
    });
    expect(res2.status).toBe(400);
  });
});

describe("startEmulator", () => {
  it("rejects when the port is taken (and leaves nothing running)", async () => {
    await expect(startTestEmulator({ port: emu.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe("main.ts (the CLI)", () => {
  it("prints the ready line, serves, and flushes state on SIGTERM", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-cli-"));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve(__dirname, "../src/main.ts"), "--port", "0", "--data-dir", dir],
      {
        cwd: path.resolve(__dirname, "../.."),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const m = /^emulator listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(out);
          if (m) resolve(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
        setTimeout(() => reject(new Error(`no ready line; got: ${out}`)), 30_000);
      });
      const url = line.slice("emulator listening on ".length);
      const eb = sdkClients(url).events;
      await eb.send(new PutRuleCommand({ Name: "cli-rule", EventPattern: '{"source":["a"]}' }));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      const saved = JSON.parse(fs.readFileSync(path.join(dir, "events", "state.json"), "utf8"));
      expect(saved.rules.map((r: { Name: string }) => r.Name)).toEqual(["cli-rule"]);

      // And a second start sees it.
      const again = await startTestEmulator({ dataDir: dir });
      try {
        expect((await sdkClients(again.url).events.send(new DescribeRuleCommand({ Name: "cli-rule" }))).Name).toBe(
          "cli-rule",
        );
      } finally {
        await again.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("control endpoints and browsers", () => {
  it("a cross-origin form POST cannot reset the emulator or add a fault", async () => {
    await emulatorAdmin(emu.url, "POST", "/_emulator/faults", { service: "athena", kind: "throttle" });
    const form = await fetch(emu.url + "/_emulator/reset", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://attacker.example" },
      body: "a=1",
    });
    expect(form.status).toBe(415);
    const noBody = await fetch(emu.url + "/_emulator/reset", {
      method: "POST",
      headers: { origin: "https://attacker.example" },
    });
    expect(noBody.status).toBe(403);
    const textFault = await fetch(emu.url + "/_emulator/faults", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ service: "events", kind: "throttle" }),
    });
    expect(textFault.status).toBe(415);
    expect((await emulatorAdmin(emu.url, "GET", "/_emulator/faults")).faults).toHaveLength(1);
  });
});
