// Signing keys and cookie keys of the local provider, generated once and kept in the data dir (mode 0600), so ID
// tokens stay verifiable and browser sessions survive a restart. Delete the file to rotate.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";

export interface ProviderKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

export async function loadOrCreateKeys(dataDir: string): Promise<ProviderKeys> {
  const file = path.join(dataDir, "keys.json");
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as ProviderKeys;
    if (stored.jwks?.keys?.length && stored.cookieKeys?.length) return stored;
  } catch {
    // first start: create below
  }
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const keys: ProviderKeys = {
    jwks: { keys: [{ ...jwk, alg: "RS256", use: "sig", kid: randomBytes(8).toString("hex") }] },
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
