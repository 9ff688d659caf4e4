import { describe, expect, it } from "vitest";
import { testConfig } from "./test-fixtures";
import {
  desiredNotifications,
  isNotificationRuleName,
  notificationPattern,
  notificationRuleName,
  testRuleName,
} from "./notification-desired";

const CHECK = "0b6c4a1e-8f7e-4c55-9c1e-1f2a3b4c5d6e";

describe("notificationPattern", () => {
  const head = { source: ["audit-checks"], "detail-type": ["Audit Check Completed"] };
  it("change-only (the default): a changed FAIL or ERROR, or the recovery to PASS after one of them", () => {
    expect(notificationPattern(CHECK, ["ERROR", "FAIL"], "change")).toEqual({
      ...head,
      detail: {
        check: { id: [CHECK] },
        $or: [
          { verdict: ["FAIL", "ERROR"], verdictChanged: [true] },
          { verdict: ["PASS"], previousVerdict: ["FAIL", "ERROR"] },
        ],
      },
    });
  });
  it("every run: each matching verdict, changed or not", () => {
    expect(notificationPattern(CHECK, ["FAIL"], "every")).toEqual({
      ...head,
      detail: { check: { id: [CHECK] }, verdict: ["FAIL"] },
    });
  });
  it("change-only with PASS chosen (or only PASS) needs no recovery alternative", () => {
    expect(notificationPattern(CHECK, ["PASS", "FAIL"], "change").detail).toEqual({
      check: { id: [CHECK] },
      verdict: ["FAIL", "PASS"],
      verdictChanged: [true],
    });
    expect(notificationPattern(CHECK, ["PASS"], "change").detail).toEqual({
      check: { id: [CHECK] },
      verdict: ["PASS"],
      verdictChanged: [true],
    });
  });
});

describe("names", () => {
  const config = testConfig;
  it("fit 64 characters, are told apart from checks' rules, and differ per destination", () => {
    const long = "x".repeat(60);
    const a = notificationRuleName(config, long, CHECK, "d1");
    const b = notificationRuleName(config, long, CHECK, "d2");
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
    expect(isNotificationRuleName(config, a)).toBe(true);
    expect(isNotificationRuleName(config, testRuleName(config, "d1"))).toBe(true);
    expect(isNotificationRuleName(config, `${config.rulePrefix}notify-something`)).toBe(false);
  });
});

describe("desiredNotifications", () => {
  const config = testConfig;
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
  const sns = {
    ...slack,
    id: "d2",
    name: "ops",
    kind: "sns" as const,
    url: null,
    topicArn: "arn:aws:sns:us-east-1:000000000000:ops",
  };
  const d = desiredNotifications(
    config,
    [{ id: CHECK, slug: "admin-logins", name: "Admin logins" }],
    [slack, sns],
    [
      { checkId: CHECK, destinationId: "d1", verdicts: ["FAIL", "ERROR"], mode: "change" },
      { checkId: CHECK, destinationId: "d2", verdicts: ["FAIL"], mode: "every" },
      { checkId: "gone", destinationId: "d1", verdicts: ["FAIL"], mode: "every" },
    ],
  );
  it("one connection and API destination per webhook destination, none for SNS", () => {
    expect(d.connections.map((c) => c.name)).toEqual([`${config.rulePrefix}slack-demo`]);
    expect(d.apiDestinations[0]).toMatchObject({ endpoint: slack.url, rateLimitPerSecond: 1 });
    // The secret never shows in what AWS lets anyone read back (descriptions).
    expect(JSON.stringify(d.connections[0]!.description)).not.toContain("secret");
  });
  it("a test rule per destination and a rule per notification of an existing check, targeting by kind", () => {
    expect(d.rules).toHaveLength(4);
    const snsRule = d.rules.find((r) => r.checkId === CHECK && r.destinationId === "d2")!;
    expect(snsRule.targetRef).toEqual({ kind: "sns", arn: sns.topicArn });
    expect(snsRule.inputPath).toBe("$.detail.messages.text");
    expect(snsRule.tags).toMatchObject({ "managed-by": "audit-checks-console", "audit-check-id": CHECK });
  });
  it("a changed secret changes the connection's spec hash", () => {
    const again = desiredNotifications(config, [], [{ ...slack, secretDigest: "def" }], []);
    expect(again.connections[0]!.description).not.toBe(d.connections[0]!.description);
  });
});
