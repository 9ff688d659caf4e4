import { describe, expect, it } from "vitest";
import { judgeRequestHost, type HostPolicy } from "./allowed-hosts";

const req = (method: string, headers: Record<string, string>) => ({
  method,
  headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
});
const local: HostPolicy = { trustProxy: false };
const status = (method: string, headers: Record<string, string>, policy: HostPolicy = local) => {
  const verdict = judgeRequestHost(req(method, headers), policy);
  return verdict.ok ? 200 : verdict.status;
};

describe("judgeRequestHost", () => {
  it("serves loopback names and the configured public host, same-origin actions included", () => {
    expect(status("GET", { host: "localhost:3000" })).toBe(200);
    expect(status("GET", { host: "127.0.0.1:3000" })).toBe(200);
    expect(status("GET", { host: "[::1]:3000" })).toBe(200);
    expect(status("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "next-action": "x" })).toBe(200);
    const policy = { publicUrl: "https://audit.example.com", trustProxy: false };
    expect(status("POST", { host: "audit.example.com", origin: "https://audit.example.com" }, policy)).toBe(200);
    expect(status("POST", { host: "127.0.0.1:3000" })).toBe(200); // curl: no Origin
  });

  it("refuses the DNS-rebinding case: a forged Host with a matching Origin", () => {
    expect(
      status("POST", { host: "attacker.example:3000", origin: "http://attacker.example:3000", "next-action": "x" }),
    ).toBe(421);
    expect(status("GET", { host: "attacker.example:3000" })).toBe(421);
  });

  it("refuses X-Forwarded-Host + Origin unless a proxy is configured, and then judges the forwarded host", () => {
    const forged = {
      host: "127.0.0.1:3000",
      "x-forwarded-host": "attacker.example",
      origin: "http://attacker.example",
    };
    expect(status("POST", forged)).toBe(400);
    expect(status("POST", forged, { trustProxy: true })).toBe(421);
    const proxied = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "audit.example.com",
      origin: "https://audit.example.com",
    };
    expect(status("POST", proxied, { publicUrl: "https://audit.example.com", trustProxy: true })).toBe(200);
  });

  it("refuses a cross-origin POST to an allowed host", () => {
    expect(status("POST", { host: "127.0.0.1:3000", origin: "https://attacker.example" })).toBe(403);
    expect(status("POST", { host: "127.0.0.1:3000", origin: "null" })).toBe(403);
    expect(status("POST", { host: "127.0.0.1:3000", origin: "http://localhost:3000" })).toBe(403);
  });
});
