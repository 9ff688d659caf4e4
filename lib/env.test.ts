import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

const IDENTITY = {
  OIDC_ISSUER: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123",
  OIDC_CLIENT_ID: "client",
  OIDC_CLIENT_SECRET: "secret",
  ACC_PUBLIC_URL: "https://audit.example.com/",
};

describe("loadEnv", () => {
  it("defaults to the embedded database and the emulator", () => {
    const env = loadEnv({}, "/repo");
    expect(env).toMatchObject({
      DATABASE_URL: "postgresql://postgres:@127.0.0.1:5488/postgres",
      DATABASE_EMBEDDED: true,
      PORT: 3000,
      HOST: "127.0.0.1",
      PGLITE_PORT: 5488,
      EMULATOR_PORT: 4566,
      ACC_DATA_DIR: "/repo/.data",
      PGLITE_DATA_DIR: "/repo/.data/pglite",
      EMULATOR_DATA_DIR: "/repo/.data/emulator",
      ACC_AWS_MODE: "emulator",
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ACCOUNT_ID: "000000000000",
      STATE_MACHINE_NAME: "audit-checks-runner",
      STATE_MACHINE_ROLE_ARN: "arn:aws:iam::000000000000:role/audit-checks-runner-role",
      EVENTS_ROLE_ARN: "arn:aws:iam::000000000000:role/audit-checks-events-role",
      DEFAULT_CATALOG: "AwsDataCatalog",
      DEFAULT_DATABASE: "auditlogs",
      DEFAULT_WORKGROUP: "primary",
      DEFAULT_OUTPUT_LOCATION: "s3://audit-checks-results/",
      RULE_PREFIX: "audit-check-",
      RECONCILE_INTERVAL_SECONDS: 60,
      EXECUTIONS_SYNC_INTERVAL_SECONDS: 15,
      ACC_BACKGROUND: true,
      AWS_EMULATOR_CREDENTIALS: { accessKeyId: "test", secretAccessKey: "test" },
    });
  });

  it("follows the ports and data dir an isolated e2e stack sets", () => {
    const env = loadEnv(
      { PORT: "3100", EMULATOR_PORT: "4600", PGLITE_PORT: "5500", ACC_DATA_DIR: ".data/e2e" },
      "/repo",
    );
    expect(env.DATABASE_URL).toBe("postgresql://postgres:@127.0.0.1:5500/postgres");
    expect(loadEnv({ PGLITE_PASSWORD: "s3cr:t" }, "/repo").DATABASE_URL).toBe(
      "postgresql://postgres:s3cr%3At@127.0.0.1:5488/postgres",
    );
    expect(env.AWS_ENDPOINT_URL).toBe("http://127.0.0.1:4600");
    expect(env.PGLITE_DATA_DIR).toBe("/repo/.data/e2e/pglite");
    expect(env.PORT).toBe(3100);
  });

  it("uses DATABASE_URL when set, and treats empty variables as unset", () => {
    const env = loadEnv({ DATABASE_URL: "postgresql://u@db:5432/acc", PORT: "", ACC_BACKGROUND: "off" });
    expect(env.DATABASE_URL).toBe("postgresql://u@db:5432/acc");
    expect(env.DATABASE_EMBEDDED).toBe(false);
    expect(env.PORT).toBe(3000);
    expect(env.ACC_BACKGROUND).toBe(false);
  });

  it("lists every bad variable at once", () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: "eighty",
        ACC_AWS_MODE: "cloud",
        DATABASE_URL: "mysql://x",
        DEFAULT_OUTPUT_LOCATION: "/tmp/results",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const problems = (error as EnvError).problems.map((p) => p.split(":")[0]);
    expect(problems.sort()).toEqual(["ACC_AWS_MODE", "DATABASE_URL", "DEFAULT_OUTPUT_LOCATION", "PORT"]);
    expect((error as EnvError).message).toMatch(/^Invalid configuration/);
  });

  it("refuses aws mode without an identity configuration, naming the variables", () => {
    const roles = {
      ACC_AWS_MODE: "aws",
      STATE_MACHINE_ROLE_ARN: "arn:aws:iam::123456789012:role/acc-runner",
      EVENTS_ROLE_ARN: "arn:aws:iam::123456789012:role/acc-events",
    };
    expect(() => loadEnv(roles)).toThrow(
      /OIDC_ISSUER: required[\s\S]*OIDC_CLIENT_ID: required[\s\S]*OIDC_CLIENT_SECRET: required[\s\S]*ACC_PUBLIC_URL: required/,
    );
    expect(() => loadEnv({ ...roles, ACC_AUTH_MODE: "alb" })).toThrow(/ALB_ARN: required when ACC_AUTH_MODE=alb/);
    expect(loadEnv({ ...roles, ...IDENTITY })).toMatchObject({
      OIDC_ISSUER: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123",
      ACC_PUBLIC_URL: "https://audit.example.com",
      ROLE_ADMIN_GROUPS: ["admin"],
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
    });
  });

  it("points the console at the local identity provider in emulator mode", () => {
    expect(loadEnv({ IDP_PORT: "3165", PORT: "3160" })).toMatchObject({
      OIDC_ISSUER: "http://127.0.0.1:3165",
      OIDC_CLIENT_ID: "audit-checks-console",
      ACC_PUBLIC_URL: "http://localhost:3160",
    });
    expect(loadEnv({ ROLE_OPERATOR_GROUPS: " sre, ops ,," }).ROLE_OPERATOR_GROUPS).toEqual(["sre", "ops"]);
  });

  it("requires the role ARNs in aws mode and takes the account from them", () => {
    expect(() => loadEnv({ ACC_AWS_MODE: "aws" })).toThrow(
      /STATE_MACHINE_ROLE_ARN: required[\s\S]*EVENTS_ROLE_ARN: required/,
    );
    expect(() => loadEnv({ ACC_AWS_MODE: "aws", STATE_MACHINE_ROLE_ARN: "role", EVENTS_ROLE_ARN: "x" })).toThrow(
      /must be an IAM role ARN/,
    );
    const env = loadEnv({
      ACC_AWS_MODE: "aws",
      AWS_REGION: "eu-central-1",
      STATE_MACHINE_ROLE_ARN: "arn:aws:iam::123456789012:role/acc-runner",
      EVENTS_ROLE_ARN: "arn:aws:iam::123456789012:role/acc-events",
      ...IDENTITY,
    });
    expect(env).toMatchObject({
      AWS_ACCOUNT_ID: "123456789012",
      AWS_ENDPOINT_URL: undefined,
      AWS_EMULATOR_CREDENTIALS: undefined,
      AWS_REGION: "eu-central-1",
    });
  });
});
