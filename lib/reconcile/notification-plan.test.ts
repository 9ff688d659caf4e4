import { describe, expect, it } from "vitest";
import { desiredNotifications, notificationTarget } from "./notification-desired";
import { planNotifications, type ObservedNotifications } from "./notification-plan";
import type { ObservedRule } from "./rule-resource";
import { testConfig } from "./test-fixtures";

const CHECK = { id: "0b6c4a1e-8f7e-4c55-9c1e-1f2a3b4c5d6e", slug: "admin-logins", name: "Admin logins" };
const slack = {
  id: "d1",
  name: "slack-demo",
  kind: "slack" as const,
  url: "https://hooks.slack.com/services/T/B/secret",
  topicArn: null,
  secretHeaderName: null,
  secretHeaderValue: null,
  secretDigest: "abc",
};
const desired = desiredNotifications(
  testConfig,
  [CHECK],
  [slack],
  [{ checkId: CHECK.id, destinationId: "d1", verdicts: ["FAIL", "ERROR"], mode: "change" }],
);
const arn = (name: string) =>
  `arn:aws:events:${testConfig.region}:${testConfig.accountId}:api-destination/${name}/uuid`;

/** AWS as it is after a successful apply of `desired`. */
function inSync(): ObservedNotifications {
  const c = desired.connections[0]!;
  const a = desired.apiDestinations[0]!;
  const arns = new Map([[a.name, arn(a.name)]]);
  return {
    connections: [
      {
        name: c.name,
        arn: "c-arn",
        description: c.description,
        authorizationType: "API_KEY",
        apiKeyName: c.apiKeyName,
        state: "AUTHORIZED",
      },
    ],
    apiDestinations: [
      {
        name: a.name,
        arn: arn(a.name),
        description: a.description,
        connectionArn: `arn:aws:events:r:1:connection/${c.name}/x`,
        endpoint: a.endpoint,
        httpMethod: "POST",
        rateLimitPerSecond: a.rateLimitPerSecond,
      },
    ],
    rules: desired.rules.map((r): ObservedRule => ({
      name: r.name,
      arn: `rule-arn-${r.name}`,
      description: r.description,
      eventPattern: r.eventPattern,
      scheduleExpression: null,
      state: "ENABLED",
      managedBy: null,
      tags: r.tags,
      targets: [notificationTarget(testConfig, r, arns)],
    })),
  };
}

const empty: ObservedNotifications = { connections: [], apiDestinations: [], rules: [] };

describe("planNotifications", () => {
  it("creates the connection, the API destination, the test rule and the check's rule, in that order", () => {
    const items = planNotifications(testConfig, desired, empty);
    expect(items.map((i) => [i.resource, i.action])).toEqual([
      ["connection", "create"],
      ["api-destination", "create"],
      ["rule", "create"],
      ["rule", "create"],
    ]);
    expect(items.flatMap((i) => i.calls.map((c) => c.op))).toEqual([
      "CreateConnection",
      "CreateApiDestination",
      "PutRule",
      "PutTargets",
      "PutRule",
      "PutTargets",
    ]);
  });

  it("plans nothing when AWS matches", () => {
    expect(planNotifications(testConfig, desired, inSync()).every((i) => i.action === "noop")).toBe(true);
  });

  it("repairs drift: a rule's pattern, its target, a connection's secret and an API destination's endpoint", () => {
    const o = inSync();
    o.rules[1]!.eventPattern = '{"source":["audit-checks"]}';
    o.rules[0]!.targets = [{ Id: "notify", Arn: "arn:aws:sns:us-east-1:000000000000:other" }];
    o.connections[0]!.description = "Notification destination (managed by audit-checks-console; spec 0000000000000000)";
    o.apiDestinations[0]!.endpoint = "https://elsewhere.example.com/";
    const items = planNotifications(testConfig, desired, o);
    expect(items.map((i) => i.action)).toEqual(["update", "update", "update", "update"]);
    expect(items[0]!.calls.map((c) => c.op)).toEqual(["UpdateConnection"]);
    expect(items[1]!.changes.find((c) => c.field === "invocationEndpoint")).toEqual({
      field: "invocationEndpoint",
      desired: "(secret)",
      observed: "(differs)",
    });
    expect(items[2]!.calls.map((c) => c.op)).toEqual(["PutTargets"]);
    expect(items[3]!.calls.map((c) => c.op)).toEqual(["PutRule"]);
    // Secrets never reach the plan's changes (the Reconcile page shows them).
    expect(JSON.stringify(items.map((i) => i.changes))).not.toContain("secret/");
    expect(JSON.stringify(items.map((i) => i.changes))).not.toContain(slack.url);
  });

  it("deletes what no setting wants (targets before the rule) and leaves what is not ours alone", () => {
    const o = inSync();
    const none = desiredNotifications(testConfig, [], [], []);
    o.connections.push({ ...o.connections[0]!, name: `${testConfig.rulePrefix}theirs`, description: "someone else's" });
    const items = planNotifications(testConfig, none, o);
    const byName = new Map(items.map((i) => [i.name, i]));
    expect(byName.get(`${testConfig.rulePrefix}theirs`)?.action).toBe("unmanaged");
    expect(items.filter((i) => i.action === "delete").flatMap((i) => i.calls.map((c) => c.op))).toEqual([
      "DeleteConnection",
      "DeleteApiDestination",
      "RemoveTargets",
      "DeleteRule",
      "RemoveTargets",
      "DeleteRule",
    ]);
  });

  it("refuses to take over a connection or rule of the same name that is not ours", () => {
    const o = inSync();
    o.connections[0]!.description = "made by hand";
    o.rules[0]!.tags = {};
    const items = planNotifications(testConfig, desired, o);
    expect(items[0]!.action).toBe("conflict");
    expect(items[2]!.action).toBe("conflict");
    expect(items[0]!.calls).toEqual([]);
  });
});
