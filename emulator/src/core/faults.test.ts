import { describe, expect, it } from "vitest";
import { AwsError } from "./aws-error";
import { FaultRegistry } from "./faults";

async function outcome(p: Promise<void>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (err) {
    return err instanceof AwsError ? `${err.status} ${err.code}` : String(err);
  }
}

describe("FaultRegistry", () => {
  it("throttles with the code each service's SDK treats as throttling", async () => {
    const f = new FaultRegistry();
    for (const service of ["events", "states", "athena"] as const) f.add({ service, kind: "throttle" });
    expect(await outcome(f.apply("events", "PutRule"))).toBe("400 ThrottlingException");
    expect(await outcome(f.apply("states", "StartExecution"))).toBe("400 ThrottlingException");
    expect(await outcome(f.apply("athena", "GetQueryResults"))).toBe("400 TooManyRequestsException");
  });

  it("answers each service's internal error for error5xx", async () => {
    const f = new FaultRegistry();
    for (const service of ["events", "states", "athena"] as const) f.add({ service, kind: "error5xx" });
    expect(await outcome(f.apply("events", "X"))).toBe("500 InternalException");
    expect(await outcome(f.apply("states", "X"))).toBe("500 InternalFailure");
    expect(await outcome(f.apply("athena", "X"))).toBe("500 InternalServerException");
  });

  it("matches the operation when one is given, and counts down count-based faults", async () => {
    const f = new FaultRegistry();
    f.add({ service: "events", operation: "PutRule", kind: "throttle", count: 2 });
    expect(await outcome(f.apply("events", "ListRules"))).toBe("ok");
    expect(await outcome(f.apply("states", "PutRule"))).toBe("ok");
    expect(await outcome(f.apply("events", "PutRule"))).toBe("400 ThrottlingException");
    expect(f.list()[0]).toMatchObject({ remaining: 1, hits: 1 });
    expect(await outcome(f.apply("events", "PutRule"))).toBe("400 ThrottlingException");
    expect(f.list()).toEqual([]);
    expect(await outcome(f.apply("events", "PutRule"))).toBe("ok");
  });

  it("hits about `probability` of the calls", async () => {
    const f = new FaultRegistry();
    f.add({ service: "events", kind: "error5xx", probability: 0.5 });
    let failed = 0;
    for (let i = 0; i < 400; i++) if ((await outcome(f.apply("events", "X"))) !== "ok") failed++;
    expect(failed).toBeGreaterThan(120);
    expect(failed).toBeLessThan(280);
  });

  it("refuses malformed faults", () => {
    const f = new FaultRegistry();
    expect(() => f.add({ service: "s3", kind: "throttle" })).toThrow(/service/);
    expect(() => f.add({ service: "events", kind: "boom" })).toThrow(/kind/);
    expect(() => f.add({ service: "events", kind: "throttle", probability: 2 })).toThrow(/probability/);
    expect(() => f.add({ service: "events", kind: "throttle", count: 1.5 })).toThrow(/count/);
    expect(() => f.add({ service: "events", kind: "latency", latencyMs: -1 })).toThrow(/latencyMs/);
  });

  it("clears one fault by id or all", () => {
    const f = new FaultRegistry();
    const a = f.add({ service: "events", kind: "throttle" });
    f.add({ service: "states", kind: "throttle" });
    expect(f.clear(a.id)).toBe(1);
    expect(f.list().map((x) => x.service)).toEqual(["states"]);
    expect(f.clear()).toBe(1);
  });
});
