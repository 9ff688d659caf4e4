import { describe, expect, it } from "vitest";
import { ecsSampleEvent, fitEventToPattern, scheduledEvent } from "./sample-event";

const at = new Date("2026-11-27T23:59:59.456Z");
const opts = { account: "000000000000", region: "us-east-1", at };
const demoPattern = {
  source: ["aws.ecs"],
  "detail-type": ["ECS Task State Change"],
  detail: {
    clusterArn: ["arn:aws:ecs:us-east-1:000000000000:cluster/audit-log-upload"],
    containers: { exitCode: [0] },
    lastStatus: ["STOPPED"],
    overrides: { containerOverrides: { command: ["prod-aurora"] } },
  },
};

type AnyObj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("fitEventToPattern", () => {
  it("fits the ECS sample to the demo check's pattern", () => {
    const e = fitEventToPattern(ecsSampleEvent(), demoPattern, opts) as AnyObj;
    expect(e.detail.clusterArn).toBe("arn:aws:ecs:us-east-1:000000000000:cluster/audit-log-upload");
    expect(e.detail.containers[0].exitCode).toBe(0);
    expect(e.detail.overrides.containerOverrides[0].command).toEqual(["prod-aurora"]);
    expect(e.time).toBe("2026-11-27T23:59:59Z");
    expect(e.account).toBe("000000000000");
    expect(e.region).toBe("us-east-1");
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the task in the fitted cluster", () => {
    const e = fitEventToPattern(ecsSampleEvent(), demoPattern, opts) as AnyObj;
    expect(e.detail.taskArn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:task\/audit-log-upload\/[0-9a-f]{32}$/);
    expect(e.resources).toEqual([e.detail.taskArn]);
    expect(e.detail.containers[0].taskArn).toBe(e.detail.taskArn);
  });

  it("does not modify the sample it was given", () => {
    const sample = ecsSampleEvent();
    fitEventToPattern(sample, demoPattern, opts);
    expect((sample as AnyObj).detail.overrides.containerOverrides[0].command).toEqual(["指定したコマンドデータ"]);
  });

  it("satisfies operators: prefix, suffix, numeric, exists, anything-but, equals-ignore-case, wildcard, cidr, $or", () => {
    const e = fitEventToPattern(
      { detail: { a: "x", gone: 1, keep: "k", code: 3 } },
      {
        detail: {
          p: [{ prefix: "prod-" }],
          s: [{ suffix: ".log" }],
          n: [{ numeric: [">", 10, "<=", 20] }],
          gone: [{ exists: false }],
          keep: [{ exists: true }],
          code: [{ "anything-but": [3, 4] }],
          ic: [{ "equals-ignore-case": "Admin" }],
          w: [{ wildcard: "a*b" }],
          ip: [{ cidr: "10.0.0.0/24" }],
          $or: [{ x: ["one"] }, { y: ["two"] }],
        },
      },
      opts,
    ) as AnyObj;
    expect(e.detail.p).toBe("prod-sample");
    expect(e.detail.s).toBe("sample.log");
    expect(e.detail.n).toBe(15);
    expect("gone" in e.detail).toBe(false);
    expect(e.detail.keep).toBe("k");
    expect(e.detail.code).toBe(5);
    expect(e.detail.ic).toBe("Admin");
    expect(e.detail.w).toBe("axb");
    expect(e.detail.ip).toBe("10.0.0.1");
    expect(e.detail.x).toBe("one");
  });
});

describe("scheduledEvent", () => {
  it("has the shape a schedule rule sends", () => {
    const e = scheduledEvent({ ruleArn: "arn:aws:events:us-east-1:000000000000:rule/r", ...opts });
    expect(e).toMatchObject({
      "detail-type": "Scheduled Event",
      source: "aws.events",
      resources: ["arn:aws:events:us-east-1:000000000000:rule/r"],
      detail: {},
      time: "2026-11-27T23:59:59Z",
    });
  });
});
