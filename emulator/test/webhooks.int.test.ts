// The local webhook receiver over HTTP: what it records, how it can be told to answer, and the browser guard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorAdmin, startTestEmulator, type TestEmulator } from "./helpers";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const post = (name: string, body: string, headers: Record<string, string>) =>
  fetch(`${emulator.url}/_emulator/webhooks/${name}`, { method: "POST", headers, body });

describe("webhook receiver", () => {
  it("records JSON and text posts and answers 200 ok; DELETE clears", async () => {
    const a = await post("slack-demo", JSON.stringify({ text: "FAIL", blocks: [] }), {
      "content-type": "application/json",
      authorization: "Bearer abc",
    });
    expect(a.status).toBe(200);
    expect(await a.text()).toBe("ok");
    const b = await post("slack-demo", "payload=%7B%7D", { "content-type": "application/x-www-form-urlencoded" });
    expect(b.status).toBe(200);
    const got = await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/slack-demo");
    expect(got).toHaveLength(2);
    expect(got[0]).toMatchObject({ method: "POST", body: { text: "FAIL", blocks: [] } });
    expect(got[0].headers.authorization).toBe("Bearer abc");
    expect(Date.parse(got[0].receivedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(got[1].body).toBe("payload=%7B%7D");
    expect(await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks")).toMatchObject({
      receivers: [{ name: "slack-demo", requests: 2 }],
    });
    await emulatorAdmin(emulator.url, "DELETE", "/_emulator/webhooks/slack-demo");
    expect(await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/slack-demo")).toEqual([]);
  });

  it("answers the configured status for the next N requests, and can delay", async () => {
    const put = await fetch(`${emulator.url}/_emulator/webhooks/flaky/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: 500, times: 2 }),
    });
    expect(put.status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await post("flaky", "{}", { "content-type": "application/json" })).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect(await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/flaky")).toHaveLength(3);

    await fetch(`${emulator.url}/_emulator/webhooks/slow/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ delayMs: 300 }),
    });
    const started = Date.now();
    expect((await post("slow", "x", { "content-type": "text/plain" })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("refuses a browser's cross-origin post and bad behavior settings", async () => {
    const cross = await post("slack-demo", "a=b", {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    });
    expect(cross.status).toBe(403);
    const site = await post("slack-demo", "a=b", { "content-type": "text/plain", "sec-fetch-site": "cross-site" });
    expect(site.status).toBe(403);
    expect(await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/slack-demo")).toEqual([]);
    const bad = await fetch(`${emulator.url}/_emulator/webhooks/x/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: 99 }),
    });
    expect(bad.status).toBe(400);
    const formBehavior = await fetch(`${emulator.url}/_emulator/webhooks/x/behavior`, {
      method: "PUT",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "status=500",
    });
    expect(formBehavior.status).toBe(415);
  });
});
