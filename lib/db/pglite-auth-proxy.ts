// Password authentication in front of the embedded PGlite. PGlite's wire protocol trusts every connection, so the
// socket server listens on a Unix socket in a private directory and this TCP front door asks each client for the
// password (PostgreSQL's MD5 challenge, which psql, pg and Prisma all answer) before passing the connection through.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

export interface AuthProxy {
  port: number;
  close(): Promise<void>;
}

/** Listens on host:port and forwards authenticated connections to the Unix socket `upstreamPath`. */
export async function startAuthProxy(options: {
  host: string;
  port: number;
  password: string;
  upstreamPath: string;
  maxConnections: number;
}): Promise<AuthProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    void authenticate(client, options.password).then((startup) => {
      if (!startup) return;
      const upstream = net.connect(options.upstreamPath);
      sockets.add(upstream);
      upstream.on("close", () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
      upstream.write(startup.message);
      if (startup.rest.length > 0) upstream.write(startup.rest);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  server.maxConnections = options.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Runs the startup phase; resolves with the client's startup message (to replay upstream), or undefined. */
function authenticate(client: net.Socket, password: string): Promise<{ message: Buffer; rest: Buffer } | undefined> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup: Buffer | undefined;
    let user = "";
    const salt = randomBytes(4);
    const fail = (message: string) => {
      client.removeListener("data", onData);
      client.end(errorResponse(message));
      resolve(undefined);
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!startup) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (length < 8 || length > 10_000) return fail("invalid startup packet");
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const packet = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            client.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) return fail("cancel requests are not supported");
          if (code !== PROTOCOL_3) return fail("unsupported frontend protocol");
          startup = Buffer.from(packet);
          user = startupParameter(packet, "user") ?? "";
          const challenge = Buffer.alloc(13);
          challenge.write("R", 0);
          challenge.writeInt32BE(12, 1);
          challenge.writeInt32BE(5, 5);
          salt.copy(challenge, 9);
          client.write(challenge);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer[0] !== 0x70 /* 'p' */ || length < 4 || length > 10_000) return fail("expected a password message");
        if (buffer.length < 1 + length) return;
        const answer = buffer
          .subarray(5, 1 + length)
          .toString("utf8")
          .replace(/\0$/, "");
        const rest = buffer.subarray(1 + length);
        const expected = "md5" + md5(md5(password + user) + salt.toString("binary"), "binary");
        const ok = answer.length === expected.length && timingSafeEqual(Buffer.from(answer), Buffer.from(expected));
        if (!ok) return fail(`password authentication failed for user "${user}"`);
        client.removeListener("data", onData);
        resolve({ message: startup, rest: Buffer.from(rest) });
        return;
      }
    };
    client.on("data", onData);
  });
}

function md5(text: string, encoding: "utf8" | "binary" = "utf8"): string {
  return createHash("md5").update(Buffer.from(text, encoding)).digest("hex");
}

function startupParameter(packet: Buffer, name: string): string | undefined {
  const parts = packet.subarray(8).toString("utf8").split("\0");
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === name) return parts[i + 1];
  return undefined;
}

function errorResponse(message: string): Buffer {
  const fields = `SFATAL\0VFATAL\0C28P01\0M${message}\0\0`;
  const body = Buffer.from(fields, "utf8");
  const out = Buffer.alloc(5 + body.length);
  out.write("E", 0);
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}
