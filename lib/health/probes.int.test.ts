// The readiness probes against a real PostgreSQL and the emulator: ready when both answer; the database named as
// down (within the timeout) when its server is gone; AWS named as down when nothing listens on the endpoint.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAwsClients } from "@/lib/aws/create-clients";
import { createPostgresTestDatabase, type TestDatabase } from "@/lib/db/testing/test-databases";
import { createPrismaClient } from "@/lib/db/client";
import { startEmulator, type EmulatorProcess } from "@/lib/testing/emulator-process";
import { readinessProbes } from "./probes";
import { checkReadiness } from "./readiness";

let db: TestDatabase;
let emulator: EmulatorProcess;

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((res) => server.close(() => res()));
  return port;
}

beforeAll(async () => {
  [db, emulator] = await Promise.all([createPostgresTestDatabase("readyz"), startEmulator()]);
});
afterAll(async () => {
  await Promise.all([db?.drop(), emulator?.stop()]);
});

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describe("readiness probes", () => {
  it("is ready with the database and the emulator answering", async () => {
    const clients = createAwsClients({ region: "us-east-1", endpoint: emulator.url, credentials });
    const probes = readinessProbes({
      pingDatabase: async () => void (await db.client.$queryRaw`SELECT 1`),
      ...clients,
      rulePrefix: "audit-check-",
    });
    const report = await checkReadiness(probes, { timeoutMs: 2_000 });
    expect(report).toMatchObject({
      status: "ready",
      dependencies: { database: { state: "up" }, eventbridge: { state: "up" }, stepfunctions: { state: "up" } },
    });
  });

  it("names the database and AWS as down when they do not answer, within the timeout", async () => {
    const deadDb = createPrismaClient(`postgresql://postgres@127.0.0.1:${await closedPort()}/none`, {
      embedded: false,
    });
    const clients = createAwsClients({
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials,
    });
    const started = Date.now();
    try {
      const report = await checkReadiness(
        readinessProbes({
          pingDatabase: async () => void (await deadDb.$queryRaw`SELECT 1`),
          ...clients,
          rulePrefix: "audit-check-",
        }),
        { timeoutMs: 2_000 },
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(report.status).toBe("not ready");
      expect(report.dependencies.database!.state).toBe("down");
      expect(report.dependencies.eventbridge!.state).toBe("down");
      expect(report.dependencies.stepfunctions!.state).toBe("down");
    } finally {
      await deadDb.$disconnect();
    }
  });
});
