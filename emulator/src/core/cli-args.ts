// Command line and environment → EmulatorConfig (kept apart from main.ts so it can be tested without starting).
import { DEFAULT_CONFIG } from "./defaults";
import type { EmulatorConfig } from "./types";

/** What `main.ts --help` prints. */
export const USAGE = `Usage: npx tsx emulator/src/main.ts [options]

Local EventBridge, Step Functions, Athena, DynamoDB, SNS and CloudWatch metrics behind the AWS wire protocols.

Options (environment variable in brackets):
  --port N                 port to listen on; 0 = any free port (default 4566) [EMULATOR_PORT]
  --host H                 address to listen on (default 127.0.0.1; also answers on ::1) [EMULATOR_HOST]
  --data-dir DIR           state, data sets and query results (default .data/emulator) [EMULATOR_DATA_DIR]
  --region R               region in every ARN (default us-east-1) [EMULATOR_REGION]
  --account-id N           12-digit account in every ARN (default 000000000000) [EMULATOR_ACCOUNT_ID]
  --audit-rows N           lines of the generated Aurora audit log (default 20000) [EMULATOR_AUDIT_ROWS]
  --audit-seed N           seed of the audit log generator [EMULATOR_AUDIT_SEED]
  --athena-catalog FILE    catalog of databases/tables (default emulator/data/catalog.json) [EMULATOR_ATHENA_CATALOG]
  --athena-concurrency N   queries run at the same time [EMULATOR_ATHENA_CONCURRENCY]
  --max-rules-per-bus N    EventBridge rule quota (default 300, as on AWS)
  --events-retry-delays-ms LIST   waits between target delivery attempts, e.g. 50,100 ("none": no retry;
                           default 200,1000,3000)
  --api-destination-timeout-ms N  an API destination call taking longer fails and is retried (default 5000)
  -h, --help               print this and exit

Prints "emulator listening on http://127.0.0.1:PORT" when ready. See emulator/README.md.`;

/** Whether the command line asks for the usage text (it must never start a server on the default port). */
export function wantsHelp(argv: string[]): boolean {
  return argv.some((a) => a === "--help" || a === "-h");
}

/** Turns argv + env into a config; unknown `--flag value` / `--flag=value` / bare `--flag` go to options. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Partial<EmulatorConfig> {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf("=");
    let key: string;
    let value: string;
    if (eq > 0) {
      key = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      key = arg.slice(2);
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        value = next;
        i++;
      } else value = "true";
    }
    options[key] = value;
  }
  const { port, host, "data-dir": dataDir, region, "account-id": accountId, ...rest } = options;
  const portText = port ?? env.EMULATOR_PORT;
  const config: Partial<EmulatorConfig> = {
    port: portText !== undefined ? parsePort(portText) : DEFAULT_CONFIG.port,
    host: host ?? env.EMULATOR_HOST ?? DEFAULT_CONFIG.host,
    dataDir: dataDir ?? env.EMULATOR_DATA_DIR ?? DEFAULT_CONFIG.dataDir,
    region: region ?? env.EMULATOR_REGION ?? DEFAULT_CONFIG.region,
    accountId: accountId ?? env.EMULATOR_ACCOUNT_ID ?? DEFAULT_CONFIG.accountId,
    options: rest,
  };
  if (!/^\d{12}$/.test(config.accountId!)) throw new Error(`account id must be 12 digits: ${config.accountId}`);
  return config;
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port: ${text}`);
  return n;
}
