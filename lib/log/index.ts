// Structured logs: one JSON object per line on stdout (pino), for a log shipper in production; `npm start` on a
// terminal prints them readably (scripts/lib/log-format.ts). Every record of a request or action carries
// `requestId`, `actor`, `action` and `outcome`. No "server-only": scripts and the standalone server entry log too.
//
// Secrets and event payloads never reach a log line: the paths below are censored wherever they appear (top level
// and one level down), whatever the level — a debug line is still shipped somewhere.
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { formatLogLine } from "./format";

export type { Logger };

/** Keys whose values are never logged: credentials, and what events and executions carry (payloads, results). */
export const REDACTED_KEYS = [
  "password",
  "secret",
  "clientSecret",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "authorization",
  "cookie",
  "sessionToken",
  "secretAccessKey",
  "DATABASE_URL",
  "databaseUrl",
  "METRICS_TOKEN",
  "OIDC_CLIENT_SECRET",
  // Payloads: an event's detail, an execution's input/output, a query's rows.
  "event",
  "detail",
  "payload",
  "input",
  "output",
  "rows",
  "body",
] as const;

export const REDACTED = "[redacted]";

export const REDACT_PATHS: string[] = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]);

/** LOG_LEVEL (trace … fatal, silent); default info, and warn under Vitest so test output stays readable. */
function level(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && ["trace", "debug", "info", "warn", "error", "fatal", "silent"].includes(wanted)) return wanted;
  return process.env.VITEST ? "warn" : "info";
}

/** A logger writing to `destination` (stdout by default); tests pass a stream to read what was written. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: level(),
      base: { service: "audit-checks-console" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Errors keep their type, message and stack, not their properties (an SDK error can carry a request).
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination ?? defaultDestination(),
  );
}

/** stdout: JSON, or readable lines when a person is watching a terminal (LOG_FORMAT=json forces JSON). */
function defaultDestination(): pino.DestinationStream {
  if (!process.stdout.isTTY || process.env.LOG_FORMAT === "json") return pino.destination({ dest: 1, sync: true });
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (line) process.stdout.write(`${formatLogLine(line, { color: true })}\n`);
      }
      done();
    },
  });
}

// One per process; kept on globalThis so Next's dev reloads reuse it.
const holder = globalThis as { __accLogger?: Logger };

export const logger: Logger = (holder.__accLogger ??= createLogger());
