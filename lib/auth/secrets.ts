// Random ids and their hashes: the browser or script holds the random value, the database only its SHA-256.
import { createHash, randomBytes } from "node:crypto";

export function randomId(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Service tokens carry a recognisable prefix so secret scanners and people can tell them apart. */
export const TOKEN_PREFIX = "acc_";

export function newServiceToken(): string {
  return `${TOKEN_PREFIX}${randomId(32)}`;
}
