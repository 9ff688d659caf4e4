import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, ensureSecretsKeyFile, maskUrl, parseSecretsKey } from "./secrets";

const key = parseSecretsKey("a".repeat(64));

describe("notification secrets", () => {
  it("round-trips, with a fresh IV each time, and never stores the plain text", () => {
    const url = "https://hooks.slack.com/services/T000/B000/XXXXXXXX";
    const a = encryptSecret(url, key);
    const b = encryptSecret(url, key);
    expect(a).not.toBe(b);
    expect(a).not.toContain("XXXXXXXX");
    expect(decryptSecret(a, key)).toBe(url);
  });
  it("refuses another key and an altered ciphertext", () => {
    const stored = encryptSecret("s3cret", key);
    expect(() => decryptSecret(stored, parseSecretsKey("b".repeat(64)))).toThrow();
    const [p, iv, tag, body] = stored.split(":");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([p, iv, tag, flipped.toString("base64url")].join(":"), key)).toThrow();
    expect(() => decryptSecret("plain text", key)).toThrow(/not an encrypted secret/);
  });
  it("accepts 32-byte keys as hex or base64 only", () => {
    expect(parseSecretsKey(Buffer.alloc(32, 7).toString("base64"))).toHaveLength(32);
    expect(() => parseSecretsKey("short")).toThrow();
  });
  it("generates the data directory's key once (mode 0600) and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "acc-secrets-"));
    const first = ensureSecretsKeyFile(dir);
    const second = ensureSecretsKeyFile(dir);
    expect(first.equals(second)).toBe(true);
    const file = path.join(dir, "secrets.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toHaveLength(44);
  });
  it("masks a URL down to scheme and host", () => {
    expect(maskUrl("https://hooks.slack.com/services/T/B/secret")).toBe("https://hooks.slack.com/••••••");
    expect(maskUrl("not a url")).toBe("••••••");
  });
});
