// ALB mode against a key server of our own (the regional endpoint's base URL is configurable): a valid token, a
// wrongly signed one, an expired one, one from another load balancer, and a key rotation.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlbTokenError, verifyAlbToken } from "./alb";

const ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/console/50dc6c495c0c9188";
const keys = new Map<string, string>();
let server: Server;
let base: string;
let signing: CryptoKey;
let other: CryptoKey;

async function albToken(options: { key?: CryptoKey; kid?: string; signer?: string; exp?: number } = {}) {
  const jwt = await new SignJWT({ sub: "u-1", email: "ada@example.com", groups: ["acc-admins"] })
    .setProtectedHeader({ alg: "ES256", kid: options.kid ?? "k1", signer: options.signer ?? ALB, typ: "JWT" })
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 120)
    .sign(options.key ?? signing);
  // ALB pads its base64url segments.
  return jwt
    .split(".")
    .map((p) => p + "=".repeat((4 - (p.length % 4)) % 4))
    .join(".");
}

beforeAll(async () => {
  const a = await generateKeyPair("ES256", { extractable: true });
  const b = await generateKeyPair("ES256", { extractable: true });
  signing = a.privateKey;
  other = b.privateKey;
  keys.set("k1", await exportSPKI(a.publicKey));
  keys.set("k2", await exportSPKI(b.publicKey));
  server = createServer((req, res) => {
    const pem = keys.get((req.url ?? "").slice(1));
    res.writeHead(pem ? 200 : 404).end(pem ?? "");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const verify = (token: string) => verifyAlbToken(token, { albArn: ALB, keysBaseUrl: base });

describe("verifyAlbToken", () => {
  it("accepts a valid token and returns its claims", async () => {
    const claims = await verify(await albToken());
    expect(claims).toMatchObject({ sub: "u-1", email: "ada@example.com", groups: ["acc-admins"] });
  });
  it("refuses a token signed with another key", async () => {
    await expect(verify(await albToken({ key: other }))).rejects.toThrow(/signature verification failed/);
  });
  it("refuses an expired token", async () => {
    await expect(verify(await albToken({ exp: Math.floor(Date.now() / 1000) - 60 }))).rejects.toThrow(/exp/);
  });
  it("refuses a token from another load balancer before fetching any key", async () => {
    await expect(verify(await albToken({ signer: `${ALB}x` }))).rejects.toThrow(/another load balancer/);
  });
  it("follows a key rotation by kid, and refuses an unknown kid", async () => {
    expect((await verify(await albToken({ key: other, kid: "k2" }))).sub).toBe("u-1");
    await expect(verify(await albToken({ kid: "k9" }))).rejects.toThrow(/could not be fetched \(404\)/);
    await expect(verify(await albToken({ kid: "../etc" }))).rejects.toBeInstanceOf(AlbTokenError);
  });
  it("refuses garbage", async () => {
    await expect(verify("not-a-jwt")).rejects.toBeInstanceOf(AlbTokenError);
  });
});
