import { EventBridgeClient, ListRulesCommand, PutRuleCommand } from "@aws-sdk/client-eventbridge";
import { describe, expect, it } from "vitest";
import { CallLog, operationName } from "./call-log";

/** A real SDK client whose calls stop before the network: a serialize-step middleware answers them. */
function offlineClient(): EventBridgeClient {
  const client = new EventBridgeClient({
    region: "us-east-1",
    credentials: { accessKeyId: "x", secretAccessKey: "x" },
  });
  client.middlewareStack.add(() => async () => ({ output: { $metadata: {} }, response: {} }), {
    step: "serialize",
    name: "offline",
  });
  return client;
}

describe("CallLog", () => {
  it("names operations from the SDK's context, not the class name (which a bundler minifies)", async () => {
    // What bundling does to command classes: the same command, a one-letter name.
    class N extends ListRulesCommand {}
    class p extends PutRuleCommand {}
    expect(N.name).toBe("N");
    const log = new CallLog();
    const client = offlineClient();
    await log.send(client, new N({ NamePrefix: "a" }));
    await log.send(client, new N({ NamePrefix: "b" }));
    await log.send(client, new p({ Name: "r" }));
    expect(log.counts).toEqual({ ListRules: 2, PutRule: 1 });
    expect(log.total()).toBe(3);
  });

  it("counts a failed call once", async () => {
    const client = new EventBridgeClient({
      region: "us-east-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    client.middlewareStack.add(() => async () => Promise.reject(new Error("boom")), {
      step: "serialize",
      name: "failing",
    });
    const log = new CallLog();
    await expect(log.send(client, new ListRulesCommand({}))).rejects.toThrow("boom");
    expect(log.counts).toEqual({ ListRules: 1 });
  });

  it("falls back to the class name when the client's send never runs the middleware (a stubbed client)", async () => {
    const log = new CallLog();
    await log.send({ send: async () => ({}) }, new ListRulesCommand({}));
    expect(log.counts).toEqual({ ListRules: 1 });
  });

  it("strips the Command suffix", () => {
    expect(operationName("DescribeStateMachineCommand")).toBe("DescribeStateMachine");
  });
});
