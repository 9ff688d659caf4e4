// Notification secrets at rest: AES-256-GCM with a key from configuration (ACC_SECRETS_KEY, or in emulator mode the
// key generated into `$ACC_DATA_DIR/secrets.key` on first start). A stored value is `v1:<iv>:<tag>:<ciphertext>`
// (base64url), so a changed format or key is recognised instead of producing garbage. No "server-only": scripts
// (start, seed) and tests use it too. Nothing here logs a value.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { OperatorError } from "@/lib/errors";

const PREFIX = "v1";

/** The 32-byte key from its configured text (64 hex digits or base64). */
export function parseSecretsKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error("the secrets key must be 32 bytes (64 hex digits or base64)");
  return key;
}

/** Where emulator mode keeps its generated key. */
export function secretsKeyFile(dataDir: string): string {
  return path.join(dataDir, "secrets.key");
}

/** Reads the data directory's key, generating it (mode 0600) on first use; never overwrites one that exists. */
export function ensureSecretsKeyFile(dataDir: string): Buffer {
  const file = secretsKeyFile(dataDir);
  try {
    return parseSecretsKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it between our read and write: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return parseSecretsKey(readFileSync(file, "utf8"));
}

/** Thrown when no key is configured (aws mode without ACC_SECRETS_KEY). */
export class SecretsKeyMissingError extends OperatorError {
  constructor() {
    super(
      "Notification secrets cannot be stored: ACC_SECRETS_KEY is not set. Set it to 32 random bytes (openssl rand -base64 32) and restart the console.",
    );
    this.name = "SecretsKeyMissingError";
  }
}

/** The configured key. */
export function secretsKey(): Buffer {
  if (env.ACC_SECRETS_KEY) return parseSecretsKey(env.ACC_SECRETS_KEY);
  if (env.ACC_AWS_MODE === "emulator") return ensureSecretsKeyFile(env.ACC_DATA_DIR);
  throw new SecretsKeyMissingError();
}

/** Encrypts `plain` with a fresh 96-bit IV. */
export function encryptSecret(plain: string, key: Buffer = secretsKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
  return [PREFIX, ...parts].join(":");
}

/** Decrypts what encryptSecret wrote; throws when the key is not the one it was written with, or it was altered. */
export function decryptSecret(stored: string, key: Buffer = secretsKey()): string {
  const [prefix, iv, tag, body] = stored.split(":");
  if (prefix !== PREFIX || iv === undefined || tag === undefined || body === undefined)
    throw new Error("not an encrypted secret of this console");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** What a page may show of a secret URL: scheme and host, the path masked (a Slack URL's path is its secret). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/••••••`;
  } catch {
    return "••••••";
  }
}
