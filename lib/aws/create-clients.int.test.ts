// A frozen endpoint (accepts the connection, never answers) must fail each call within its bounded time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { ListWorkGroupsCommand } from "@aws-sdk/client-athena";
import { AWS_CALL_LIMITS, createAwsClients } from "./create-clients";

let server: Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  server = createServer(() => {
    requests++; // read the request, never answer: the emulator frozen with SIGSTOP looks like this
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describe("AWS clients against an endpoint that never answers", () => {
  it("every client gives up after its request timeout and bounded retries", async () => {
    const aws = createAwsClients({ region: "us-east-1", endpoint, credentials, requestTimeoutMs: 300 });
    requests = 0;
    const started = Date.now();
    const results = await Promise.allSettled([
      aws.events.send(new ListRulesCommand({})),
      aws.sfn.send(new ListStateMachinesCommand({})),
      aws.athena.send(new ListWorkGroupsCommand({})),
    ]);
    const took = Date.now() - started;
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason.name).toBe("TimeoutError");
    }
    // 3 clients × maxAttempts attempts, each cut after 300 ms (plus standard backoff of up to a few seconds).
    expect(requests).toBe(3 * AWS_CALL_LIMITS.maxAttempts);
    expect(took).toBeLessThan(15_000);
  }, 30_000);

  it("has limits by default", () => {
    expect(AWS_CALL_LIMITS.requestTimeoutMs).toBeGreaterThan(0);
    expect(AWS_CALL_LIMITS.connectionTimeoutMs).toBeGreaterThan(0);
    expect(AWS_CALL_LIMITS.maxAttempts).toBeLessThanOrEqual(5);
  });
});
