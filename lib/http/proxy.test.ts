// The request gate in front of every route (proxy.ts), fed real NextRequests.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const send = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  proxy(new NextRequest(url, { method: init.method ?? "GET", headers: init.headers }));

describe("proxy", () => {
  it("answers 400 to a malformed percent-encoded path instead of letting the router fail", async () => {
    const response = send("http://127.0.0.1:3000/checks/%E0%A4%A", { headers: { host: "127.0.0.1:3000" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/percent-encoding/);
  });

  it("refuses a server action sent to a rebound host name, and one with a forged X-Forwarded-Host", () => {
    const rebound = send("http://attacker.example:3000/checks/new", {
      method: "POST",
      headers: { host: "attacker.example:3000", origin: "http://attacker.example:3000", "next-action": "abc" },
    });
    expect(rebound.status).toBe(421);
    const forwarded = send("http://127.0.0.1:3000/checks/new", {
      method: "POST",
      headers: {
        host: "127.0.0.1:3000",
        "x-forwarded-host": "attacker.example",
        origin: "http://attacker.example",
        "next-action": "abc",
      },
    });
    expect(forwarded.status).toBe(400);
  });

  it("passes a same-origin action on a loopback name", () => {
    const ok = send("http://localhost:3000/checks/new", {
      method: "POST",
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "abc" },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-middleware-next")).toBe("1");
  });
});
