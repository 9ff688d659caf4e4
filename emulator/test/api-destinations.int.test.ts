// EventBridge connections and API destinations through the real SDK client, and rule deliveries that make real
// HTTP requests to the emulator's own webhook receiver: auth headers, InputPath bodies, retries, rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  type EventBridgeClient,
  ListApiDestinationsCommand,
  ListConnectionsCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
} from "@aws-sdk/client-eventbridge";
import { emulatorAdmin, sdkClients, startTestEmulator, type TestEmulator } from "./helpers";

const ROLE = "arn:aws:iam::000000000000:role/EventsInvokeApiDestinations";
let emulator: TestEmulator;
let events: EventBridgeClient;

beforeAll(async () => {
  emulator = await startTestEmulator({
    options: { "events-retry-delays-ms": "50,50", "api-destination-timeout-ms": "400" },
  });
  ({ events } = sdkClients(emulator.url));
});
afterAll(async () => {
  await emulator?.close();
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

const receiverUrl = (name: string) => `${emulator.url}/_emulator/webhooks/${name}`;
const behavior = (name: string, body: object) =>
  fetch(`${receiverUrl(name)}/behavior`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("connections", () => {
  it("creates, describes without secrets, lists, updates and deletes", async () => {
    const created = await events.send(
      new CreateConnectionCommand({
        Name: "hook-key",
        AuthorizationType: "API_KEY",
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key", ApiKeyValue: "s3cret" },
          InvocationHttpParameters: { HeaderParameters: [{ Key: "X-Secret", Value: "hidden", IsValueSecret: true }] },
        },
      }),
    );
    expect(created.ConnectionArn).toMatch(/^arn:aws:events:us-east-1:000000000000:connection\/hook-key\/[\w-]+$/);
    expect(created.ConnectionState).toBe("AUTHORIZED");
    expect(created.CreationTime).toBeInstanceOf(Date);
    const described = await events.send(new DescribeConnectionCommand({ Name: "hook-key" }));
    expect(described).toMatchObject({
      Name: "hook-key",
      AuthorizationType: "API_KEY",
      ConnectionState: "AUTHORIZED",
      AuthParameters: {
        ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key" },
        InvocationHttpParameters: { HeaderParameters: [{ Key: "X-Secret", IsValueSecret: true }] },
      },
    });
    expect(JSON.stringify(described)).not.toContain("s3cret");
    expect(JSON.stringify(described)).not.toContain("hidden");
    expect(described.SecretArn).toContain(":secret:events!connection/hook-key/");

    await events.send(
      new CreateConnectionCommand({
        Name: "hook-basic",
        AuthorizationType: "BASIC",
        AuthParameters: { BasicAuthParameters: { Username: "u", Password: "p" } },
      }),
    );
    const listed = await events.send(new ListConnectionsCommand({ NamePrefix: "hook-" }));
    expect(listed.Connections?.map((c) => c.Name)).toEqual(["hook-basic", "hook-key"]);
    await events.send(
      new UpdateConnectionCommand({
        Name: "hook-basic",
        AuthParameters: { BasicAuthParameters: { Password: "p2" } },
        Description: "rotated",
      }),
    );
    expect(await events.send(new DescribeConnectionCommand({ Name: "hook-basic" }))).toMatchObject({
      Description: "rotated",
      AuthParameters: { BasicAuthParameters: { Username: "u" } },
    });
    expect((await events.send(new DeleteConnectionCommand({ Name: "hook-basic" }))).ConnectionState).toBe("DELETING");

    const missing = await rejection(events.send(new DescribeConnectionCommand({ Name: "hook-basic" })));
    expect(missing.name).toBe("ResourceNotFoundException");
    expect(missing.message).toBe("Failed to describe the connection(s). Connection 'hook-basic' does not exist.");
    const dup = await rejection(
      events.send(
        new CreateConnectionCommand({
          Name: "hook-key",
          AuthorizationType: "API_KEY",
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "a", ApiKeyValue: "b" } },
        }),
      ),
    );
    expect(dup.name).toBe("ResourceAlreadyExistsException");
    const noAuth = await rejection(
      events.send(new CreateConnectionCommand({ Name: "x", AuthorizationType: "BASIC", AuthParameters: {} })),
    );
    expect(noAuth.name).toBe("ValidationException");
  });
});

describe("API destinations as rule targets", () => {
  let connectionArn: string;
  beforeAll(async () => {
    connectionArn = (
      await events.send(
        new CreateConnectionCommand({
          Name: "deliver",
          AuthorizationType: "API_KEY",
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: "X-Api-Key", ApiKeyValue: "k-123" } },
        }),
      )
    ).ConnectionArn!;
  });

  async function destinationRule(name: string, rate = 300): Promise<void> {
    const { ApiDestinationArn } = await events.send(
      new CreateApiDestinationCommand({
        Name: name,
        ConnectionArn: connectionArn,
        InvocationEndpoint: receiverUrl(name),
        HttpMethod: "POST",
        InvocationRateLimitPerSecond: rate,
      }),
    );
    await events.send(
      new PutRuleCommand({ Name: `rule-${name}`, EventPattern: JSON.stringify({ source: [`test.${name}`] }) }),
    );
    const put = await events.send(
      new PutTargetsCommand({
        Rule: `rule-${name}`,
        Targets: [
          {
            Id: "hook",
            Arn: ApiDestinationArn,
            RoleArn: ROLE,
            InputPath: "$.detail.message",
            HttpParameters: { HeaderParameters: { "X-Check": "admin-logins" } },
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
  }

  async function send(name: string, n = 1): Promise<void> {
    await events.send(
      new PutEventsCommand({
        Entries: Array.from({ length: n }, (_, i) => ({
          Source: `test.${name}`,
          DetailType: "Audit Check Completed",
          Detail: JSON.stringify({ message: { text: `FAIL ${i}`, ünïcode: "✓" } }),
        })),
      }),
    );
    await emulatorAdmin(emulator.url, "GET", "/_emulator/events/idle");
  }

  const deliveries = async (name: string) =>
    (await emulatorAdmin(emulator.url, "GET", `/_emulator/events/deliveries?rule=rule-${name}`)).deliveries;

  it("describes, lists and updates a destination", async () => {
    await destinationRule("crud");
    const d = await events.send(new DescribeApiDestinationCommand({ Name: "crud" }));
    expect(d).toMatchObject({
      ApiDestinationState: "ACTIVE",
      ConnectionArn: connectionArn,
      HttpMethod: "POST",
      InvocationRateLimitPerSecond: 300,
    });
    await events.send(new UpdateApiDestinationCommand({ Name: "crud", InvocationRateLimitPerSecond: 7 }));
    const listed = await events.send(new ListApiDestinationsCommand({ NamePrefix: "cr" }));
    expect(listed.ApiDestinations).toEqual([
      expect.objectContaining({ Name: "crud", InvocationRateLimitPerSecond: 7 }),
    ]);
    await events.send(new DeleteApiDestinationCommand({ Name: "crud" }));
    const gone = await rejection(events.send(new DescribeApiDestinationCommand({ Name: "crud" })));
    expect(gone.name).toBe("ResourceNotFoundException");
    const noRole = await rejection(
      events.send(
        new PutTargetsCommand({
          Rule: "rule-crud",
          Targets: [{ Id: "x", Arn: d.ApiDestinationArn! }],
        }),
      ),
    );
    expect(noRole.name).toBe("ValidationException");
  });

  it("posts the InputPath body with the connection's key and the target's headers", async () => {
    await destinationRule("ok");
    await send("ok");
    const got = await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/ok");
    expect(got).toHaveLength(1);
    expect(got[0].body).toEqual({ text: "FAIL 0", ünïcode: "✓" });
    expect(got[0].headers).toMatchObject({
      "x-api-key": "k-123",
      "x-check": "admin-logins",
      "content-type": "application/json; charset=utf-8",
    });
    expect(await deliveries("ok")).toEqual([
      expect.objectContaining({ status: "succeeded", attempts: 1, httpStatus: 200 }),
    ]);
  });

  it("retries a 5xx, then succeeds; gives up after the retries; never retries a 400", async () => {
    await destinationRule("flaky");
    await behavior("flaky", { status: 503, times: 1 });
    await send("flaky");
    expect(await deliveries("flaky")).toEqual([
      expect.objectContaining({ status: "succeeded", attempts: 2, httpStatus: 200 }),
    ]);

    await destinationRule("down");
    await behavior("down", { status: 500 });
    await send("down");
    expect(await deliveries("down")).toEqual([
      expect.objectContaining({
        status: "failed",
        attempts: 3,
        httpStatus: 500,
        error: expect.objectContaining({ code: "HttpStatus500" }),
      }),
    ]);

    await destinationRule("bad");
    await behavior("bad", { status: 400 });
    await send("bad");
    expect(await deliveries("bad")).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1, httpStatus: 400 }),
    ]);
    expect(await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/bad")).toHaveLength(1);
  });

  it("times out a slow endpoint and retries it", async () => {
    await destinationRule("slow");
    await behavior("slow", { delayMs: 1500 });
    await send("slow");
    expect(await deliveries("slow")).toEqual([
      expect.objectContaining({ status: "failed", attempts: 3, error: expect.objectContaining({ code: "Timeout" }) }),
    ]);
  });

  it("paces deliveries to the invocation rate limit", async () => {
    await destinationRule("paced", 10);
    const started = Date.now();
    await send("paced", 6);
    const got = await emulatorAdmin(emulator.url, "GET", "/_emulator/webhooks/paced");
    expect(got).toHaveLength(6);
    const times = got.map((r: { receivedAt: string }) => Date.parse(r.receivedAt)).sort();
    expect(times[5] - times[0]).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
