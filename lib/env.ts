// The one place that reads process.env. Everything else imports `env` (validated, typed, cached).
// Kept free of "server-only" because scripts (start, migrations) and Vitest import it too.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const EMULATOR_ACCOUNT_ID = "000000000000";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);
const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);
const roleArn = z
  .string()
  .trim()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)",
  );

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
/** A comma-separated list of group names. */
const groupList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(",")
        .map((g) => g.trim())
        .filter(Boolean),
    );

const rawSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  PORT: port(3000),
  /** Interface the console listens on. */
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PGLITE_PORT: port(5488),
  /** Password of the embedded PostgreSQL; unset: the one generated in `$ACC_DATA_DIR/pglite.password`. */
  PGLITE_PASSWORD: z.string().optional(),
  EMULATOR_PORT: port(4566),
  ACC_DATA_DIR: z.string().trim().min(1).default(".data"),
  ACC_AWS_MODE: z.enum(["emulator", "aws"]).default("emulator"),
  /**
   * The key that encrypts notification secrets at rest (webhook URLs, secret header values): 32 bytes as base64 or
   * 64 hex digits. Unset in emulator mode: the one generated in `$ACC_DATA_DIR/secrets.key`.
   */
  ACC_SECRETS_KEY: z
    .string()
    .trim()
    .regex(
      /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=?)$/,
      "must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)",
    )
    .optional(),
  AWS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1")
    .default("us-east-1"),
  AWS_ENDPOINT_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  AWS_ACCOUNT_ID: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "must be 12 digits")
    .optional(),
  STATE_MACHINE_NAME: z
    .string()
    .trim()
    .regex(/^[\w-]{1,80}$/, "must be 1-80 letters, digits, '-' or '_'")
    .default("audit-checks-runner"),
  STATE_MACHINE_ROLE_ARN: roleArn.optional(),
  EVENTS_ROLE_ARN: roleArn.optional(),
  DEFAULT_CATALOG: z.string().trim().min(1).default("AwsDataCatalog"),
  DEFAULT_DATABASE: z.string().trim().min(1).default("auditlogs"),
  DEFAULT_WORKGROUP: z.string().trim().min(1).default("primary"),
  DEFAULT_OUTPUT_LOCATION: z
    .string()
    .trim()
    .regex(/^s3:\/\/[a-z0-9.-]{3,63}(\/.*)?$/, "must be an s3://bucket/prefix/ URI")
    .default("s3://audit-checks-results/"),
  /** DynamoDB table where the state machine keeps each check's last verdict (created by the reconciler). */
  VERDICT_TABLE_NAME: z
    .string()
    .trim()
    .regex(/^[\w.-]{3,255}$/, "must be 3-255 letters, digits, '.', '-' or '_'")
    .default("audit-checks-verdicts"),
  RULE_PREFIX: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,24}$/, "must be 1-24 letters, digits, '.', '-' or '_'")
    .default("audit-check-"),
  RECONCILE_INTERVAL_SECONDS: seconds(60),
  EXECUTIONS_SYNC_INTERVAL_SECONDS: seconds(15),
  ACC_BACKGROUND: z.enum(["on", "off"]).default("on"),
  /**
   * Web server processes sharing PORT (one renders on one core). Unset: one per CPU up to 4 with `npm start`, 1 in
   * the standalone server (a container scales by replicas; set it when a replica has several cores).
   */
  ACC_WEB_WORKERS: z.coerce.number().int().min(1).max(32).optional(),
  /** on: a reverse proxy in front sets X-Forwarded-Host, which is then believed. */
  ACC_TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  /** Bearer token Prometheus sends to /metrics; unset: /metrics answers 404. */
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),

  // Sign-in (README "Sign-in and roles").
  ACC_AUTH_MODE: z.enum(["oidc", "alb"]).default("oidc"),
  /** The console's own URL as browsers reach it: redirect URIs are built from it, https makes cookies Secure. */
  ACC_PUBLIC_URL: httpUrl.optional(),
  OIDC_ISSUER: httpUrl.optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().trim().min(1).optional(),
  OIDC_SCOPES: z.string().trim().min(1).default("openid email profile"),
  /** Claim carrying the user's groups; unset: `cognito:groups`, then `groups`. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).optional(),
  /** Port of the local identity provider npm start runs in emulator mode. */
  IDP_PORT: port(3165),
  ALB_ARN: z
    .string()
    .trim()
    .regex(/^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/.+$/, "must be an ALB ARN")
    .optional(),
  /** Where ALB's signing keys are served (`<base>/<kid>`); default the region's public-keys.auth.elb endpoint. */
  ALB_PUBLIC_KEYS_URL: httpUrl.optional(),
  ROLE_ADMIN_GROUPS: groupList("admin"),
  ROLE_OPERATOR_GROUPS: groupList("operator"),
  ROLE_VIEWER_GROUPS: groupList("viewer"),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Who a signed-in user without a role should ask (shown on the "no role" page). */
  ACC_ACCESS_CONTACT: z.string().trim().min(1).default("an administrator of the console"),
});

type Raw = z.infer<typeof rawSchema>;

/** Validated configuration. Names match the environment variables; derived values are spelled out below. */
export interface Env extends Omit<
  Raw,
  | "DATABASE_URL"
  | "AWS_ENDPOINT_URL"
  | "AWS_ACCOUNT_ID"
  | "STATE_MACHINE_ROLE_ARN"
  | "EVENTS_ROLE_ARN"
  | "ACC_BACKGROUND"
  | "ACC_TRUST_PROXY"
  | "ACC_PUBLIC_URL"
  | "OIDC_ISSUER"
  | "OIDC_CLIENT_ID"
  | "ALB_PUBLIC_KEYS_URL"
> {
  /** The database to use: DATABASE_URL, or the embedded PGlite server on PGLITE_PORT when DATABASE_URL is unset. */
  DATABASE_URL: string;
  /** true when DATABASE_URL was unset: the embedded PGlite server (one session underneath, see lib/db/client.ts). */
  DATABASE_EMBEDDED: boolean;
  /** Absolute ACC_DATA_DIR. */
  ACC_DATA_DIR: string;
  /** Where the embedded PGlite keeps its files (ACC_DATA_DIR/pglite). */
  PGLITE_DATA_DIR: string;
  /** Where the emulator keeps its state (ACC_DATA_DIR/emulator). */
  EMULATOR_DATA_DIR: string;
  /** The AWS endpoint override; undefined means the SDK's real endpoints (aws mode without AWS_ENDPOINT_URL). */
  AWS_ENDPOINT_URL: string | undefined;
  AWS_ACCOUNT_ID: string;
  STATE_MACHINE_ROLE_ARN: string;
  EVENTS_ROLE_ARN: string;
  /** Static credentials for the emulator (it ignores signatures); undefined in aws mode: the SDK's default chain. */
  AWS_EMULATOR_CREDENTIALS: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** ACC_BACKGROUND=on: run the reconciler / executions sync loops inside the console process. */
  ACC_BACKGROUND: boolean;
  ACC_TRUST_PROXY: boolean;
  /** The console's URL without a trailing slash (default http://localhost:$PORT). */
  ACC_PUBLIC_URL: string;
  /** OIDC issuer; in emulator mode the local identity provider on IDP_PORT unless set. */
  OIDC_ISSUER: string | undefined;
  OIDC_CLIENT_ID: string;
  ALB_PUBLIC_KEYS_URL: string;
  /** Where the local identity provider keeps its keys and state (ACC_DATA_DIR/idp). */
  IDP_DATA_DIR: string;
}

/** Thrown by loadEnv / checkEnv; the message lists every bad variable, one per line. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (environment variables):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Empty strings count as unset, so `FOO= npm start` behaves like leaving FOO out. */
function blankToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(rawSchema.shape)) {
    const value = source[key];
    out[key] = value === undefined || value.trim() === "" ? undefined : value;
  }
  return out;
}

/** Parses and derives the configuration from an environment-like record (pure; used by tests). */
export function loadEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): Env {
  const input = blankToUndefined(source);
  const parsed = rawSchema.safeParse(input);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join(".") || "(env)"}: ${issue.message}`);
  if (input.ACC_AWS_MODE === "aws") {
    if (!input.STATE_MACHINE_ROLE_ARN) problems.push("STATE_MACHINE_ROLE_ARN: required when ACC_AWS_MODE=aws");
    if (!input.EVENTS_ROLE_ARN) problems.push("EVENTS_ROLE_ARN: required when ACC_AWS_MODE=aws");
  }
  if (input.ACC_AWS_MODE === "aws") {
    // No sign-in, no console: there is no switch that serves pages without an identity.
    if ((input.ACC_AUTH_MODE ?? "oidc") === "oidc") {
      for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "ACC_PUBLIC_URL"] as const) {
        if (!input[name]) problems.push(`${name}: required when ACC_AWS_MODE=aws (sign-in with ACC_AUTH_MODE=oidc)`);
      }
    } else if (!input.ALB_ARN) {
      problems.push("ALB_ARN: required when ACC_AUTH_MODE=alb (the load balancer that signs x-amzn-oidc-data)");
    }
  }
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  const raw = parsed.data;
  const emulator = raw.ACC_AWS_MODE === "emulator";

  // In aws mode the account comes from the role ARN unless given: it is what the role lives in.
  const accountId =
    raw.AWS_ACCOUNT_ID ?? (emulator ? EMULATOR_ACCOUNT_ID : ((raw.STATE_MACHINE_ROLE_ARN ?? "").split(":")[4] ?? ""));
  const dataDir = path.resolve(cwd, raw.ACC_DATA_DIR);
  return {
    ...raw,
    DATABASE_URL:
      raw.DATABASE_URL ??
      embeddedDatabaseUrl(raw.PGLITE_PORT, raw.PGLITE_PASSWORD ?? readPassword(path.join(dataDir, "pglite.password"))),
    DATABASE_EMBEDDED: raw.DATABASE_URL === undefined,
    ACC_DATA_DIR: dataDir,
    PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
    EMULATOR_DATA_DIR: path.join(dataDir, "emulator"),
    AWS_ENDPOINT_URL: raw.AWS_ENDPOINT_URL ?? (emulator ? `http://127.0.0.1:${raw.EMULATOR_PORT}` : undefined),
    AWS_ACCOUNT_ID: accountId,
    STATE_MACHINE_ROLE_ARN:
      raw.STATE_MACHINE_ROLE_ARN ?? `arn:aws:iam::${accountId}:role/${raw.STATE_MACHINE_NAME}-role`,
    EVENTS_ROLE_ARN: raw.EVENTS_ROLE_ARN ?? `arn:aws:iam::${accountId}:role/audit-checks-events-role`,
    AWS_EMULATOR_CREDENTIALS: emulator ? { accessKeyId: "test", secretAccessKey: "test" } : undefined,
    ACC_BACKGROUND: raw.ACC_BACKGROUND === "on",
    ACC_TRUST_PROXY: raw.ACC_TRUST_PROXY === "on",
    ACC_PUBLIC_URL: (raw.ACC_PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ""),
    OIDC_ISSUER: raw.OIDC_ISSUER ?? (emulator ? `http://127.0.0.1:${raw.IDP_PORT}` : undefined),
    OIDC_CLIENT_ID: raw.OIDC_CLIENT_ID ?? "audit-checks-console",
    ALB_PUBLIC_KEYS_URL: (
      raw.ALB_PUBLIC_KEYS_URL ?? `https://public-keys.auth.elb.${raw.AWS_REGION}.amazonaws.com`
    ).replace(/\/+$/, ""),
    IDP_DATA_DIR: path.join(dataDir, "idp"),
  };
}

/** The embedded database's generated password (written by lib/db/embedded-postgres.ts), "" before its first start. */
function readPassword(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

/** The connection URL of the embedded PGlite server, which asks for its generated password. */
export function embeddedDatabaseUrl(port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

let cached: Env | undefined;

/** Validates process.env now (call at start-up); throws EnvError listing every bad variable. */
export function checkEnv(): Env {
  cached = loadEnv(process.env);
  return cached;
}

/** Forget the cached configuration (tests and scripts that change process.env). */
export function resetEnvCache(): void {
  cached = undefined;
}

function current(): Env {
  cached ??= loadEnv(process.env);
  return cached;
}

/** The validated configuration, read lazily on first use and cached. */
export const env: Readonly<Env> = new Proxy({} as Env, {
  get: (_target, key) => current()[key as keyof Env],
  has: (_target, key) => key in current(),
  ownKeys: () => Reflect.ownKeys(current()),
  getOwnPropertyDescriptor: (_target, key) => {
    const value = current()[key as keyof Env];
    return value === undefined && !(key in current()) ? undefined : { value, enumerable: true, configurable: true };
  },
});
