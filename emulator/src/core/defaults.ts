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
