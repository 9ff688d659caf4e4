// Behind an Application Load Balancer that authenticated the user: verify `x-amzn-oidc-data` as AWS documents it —
// an ES256 JWT whose key is fetched by `kid` from the regional endpoint (`<base>/<kid>`, a PEM public key), whose
// `signer` header is our load balancer's ARN, and which has not expired.
import { decodeProtectedHeader, importSPKI, jwtVerify, type JWTPayload } from "jose";

export class AlbTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlbTokenError";
  }
}

const keyCache = new Map<string, Promise<CryptoKey>>();

async function albKey(keysBaseUrl: string, kid: string): Promise<CryptoKey> {
  // kid is from an unverified header: keep it to the characters ALB uses before putting it in a URL.
  if (!/^[\w-]{1,128}$/.test(kid)) throw new AlbTokenError("the token names an invalid key id");
  const url = `${keysBaseUrl}/${kid}`;
  let key = keyCache.get(url);
  if (!key) {
    key = (async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new AlbTokenError(`the load balancer's key ${kid} could not be fetched (${res.status})`);
      return (await importSPKI((await res.text()).trim(), "ES256")) as CryptoKey;
    })();
    keyCache.set(url, key);
    key.catch(() => keyCache.delete(url));
  }
  return key;
}

/** ALB pads its base64url segments with `=`, which JWT libraries reject; the signature does not cover the padding. */
function unpad(token: string): string {
  return token
    .split(".")
    .map((part) => part.replace(/=+$/, ""))
    .join(".");
}

export async function verifyAlbToken(
  header: string,
  options: { albArn: string; keysBaseUrl: string; now?: Date },
): Promise<JWTPayload> {
  const token = unpad(header.trim());
  let protectedHeader: ReturnType<typeof decodeProtectedHeader>;
  try {
    protectedHeader = decodeProtectedHeader(token);
  } catch {
    throw new AlbTokenError("x-amzn-oidc-data is not a JWT");
  }
  if (protectedHeader.alg !== "ES256") throw new AlbTokenError("x-amzn-oidc-data is not signed with ES256");
  if (protectedHeader.signer !== options.albArn)
    throw new AlbTokenError("x-amzn-oidc-data was signed by another load balancer");
  if (typeof protectedHeader.kid !== "string") throw new AlbTokenError("x-amzn-oidc-data names no key");
  const key = await albKey(options.keysBaseUrl, protectedHeader.kid);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["ES256"],
      ...(options.now ? { currentDate: options.now } : {}),
    });
    if (payload.exp === undefined) throw new AlbTokenError("x-amzn-oidc-data has no expiry");
    return payload;
  } catch (error) {
    if (error instanceof AlbTokenError) throw error;
    throw new AlbTokenError(`x-amzn-oidc-data rejected: ${(error as Error).message}`);
  }
}
