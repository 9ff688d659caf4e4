import { describe, expect, it } from "vitest";
import { assertControlRequestAllowed } from "./admin-guard";

const refused = (method: string, headers: Record<string, string>, body = 0) => {
  try {
    assertControlRequestAllowed(method, headers, body);
    return undefined;
  } catch (err) {
    return (err as { status: number }).status;
  }
};

describe("emulator control endpoints against browser cross-origin requests", () => {
  it("lets programs through: JSON or empty bodies, no Origin", () => {
    expect(refused("POST", { host: "127.0.0.1:4566" })).toBeUndefined();
    expect(refused("POST", { host: "127.0.0.1:4566", "content-type": "application/json" }, 20)).toBeUndefined();
    expect(refused("DELETE", { host: "localhost:4566" })).toBeUndefined();
    expect(refused("GET", { host: "x", origin: "https://attacker.example" })).toBeUndefined();
  });

  it("refuses the content types a browser sends without a preflight", () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      expect(refused("POST", { host: "127.0.0.1:4566", "content-type": type }, 5)).toBe(415);
    }
    expect(refused("POST", { host: "127.0.0.1:4566" }, 5)).toBe(415);
  });

  it("refuses a foreign Origin, a rebound name with a matching Host, and Origin null", () => {
    expect(refused("POST", { host: "127.0.0.1:4566", origin: "https://attacker.example" })).toBe(403);
    expect(refused("POST", { host: "attacker.example:4566", origin: "http://attacker.example:4566" })).toBe(403);
    expect(refused("POST", { host: "127.0.0.1:4566", origin: "null" })).toBe(403);
    expect(refused("POST", { host: "127.0.0.1:4566", "sec-fetch-site": "cross-site" })).toBe(403);
    expect(refused("POST", { host: "127.0.0.1:4566", origin: "http://127.0.0.1:4566" })).toBeUndefined();
  });
});
