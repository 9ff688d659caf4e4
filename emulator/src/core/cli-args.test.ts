import { describe, expect, it } from "vitest";
import { parseArgs, USAGE, wantsHelp } from "./cli-args";

describe("parseArgs", () => {
  it("uses the defaults", () => {
    expect(parseArgs([], {})).toEqual({
      port: 4566,
      host: "127.0.0.1",
      dataDir: ".data/emulator",
      region: "us-east-1",
      accountId: "000000000000",
      options: {},
    });
  });
  it("reads flags, env, and passes other flags through as options", () => {
    const c = parseArgs(["--port", "0", "--data-dir=/tmp/x", "--athena-data", "emulator/data", "--verbose"], {
      EMULATOR_REGION: "eu-west-1",
      EMULATOR_ACCOUNT_ID: "123456789012",
    });
    expect(c).toEqual({
      port: 0,
      host: "127.0.0.1",
      dataDir: "/tmp/x",
      region: "eu-west-1",
      accountId: "123456789012",
      options: { "athena-data": "emulator/data", verbose: "true" },
    });
  });
  it("prefers flags over env", () => {
    expect(parseArgs(["--port", "5000"], { EMULATOR_PORT: "6000", EMULATOR_DATA_DIR: "/d" })).toMatchObject({
      port: 5000,
      dataDir: "/d",
    });
    expect(parseArgs([], { EMULATOR_PORT: "6000" })).toMatchObject({ port: 6000 });
  });
  it("refuses a bad port, a bad account id and stray arguments", () => {
    expect(() => parseArgs(["--port", "x"], {})).toThrow(/port/);
    expect(() => parseArgs(["--port", "70000"], {})).toThrow(/port/);
    expect(() => parseArgs([], { EMULATOR_ACCOUNT_ID: "12" })).toThrow(/account/);
    expect(() => parseArgs(["oops"], {})).toThrow(/unexpected/);
  });
  it("recognises --help / -h (so that main.ts prints the usage instead of starting on the default port)", () => {
    expect(wantsHelp(["--help"])).toBe(true);
    expect(wantsHelp(["--port", "0", "-h"])).toBe(true);
    expect(wantsHelp(["--port", "0"])).toBe(false);
    for (const flag of ["--port", "--data-dir", "--region", "--account-id", "--audit-rows", "--athena-catalog"])
      expect(USAGE).toContain(flag);
  });
});
