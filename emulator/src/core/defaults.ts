import type { EmulatorConfig } from "./types";

/** The configuration used for anything not given on the command line or in the environment. */
export const DEFAULT_CONFIG: EmulatorConfig = {
  port: 4566,
  host: "127.0.0.1",
  region: "us-east-1",
  accountId: "000000000000",
  dataDir: ".data/emulator",
  options: {},
};

/**
 * The roles the emulator's IAM starts with: the console's defaults (`<STATE_MACHINE_NAME>-role` and the events role),
 * so `npm run doctor` against `npm start` finds them.
 */
export const DEFAULT_ROLES = {
  stateMachine: "audit-checks-runner-role",
  events: "audit-checks-events-role",
} as const;
