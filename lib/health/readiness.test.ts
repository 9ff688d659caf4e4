import { describe, expect, it } from "vitest";
import { checkReadiness } from "./readiness";

describe("checkReadiness", () => {
  it("is ready when every probe answers", async () => {
    const r = await checkReadiness({ database: async () => {}, eventbridge: async () => {} }, { timeoutMs: 100 });
    expect(r.status).toBe("ready");
    expect(Object.keys(r.dependencies)).toEqual(["database", "eventbridge"]);
    expect(r.dependencies.database!.state).toBe("up");
  });

  it("names the dependency that fails and why", async () => {
    const r = await checkReadiness(
      {
        database: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        },
        eventbridge: async () => {},
      },
      { timeoutMs: 100 },
    );
    expect(r.status).toBe("not ready");
    expect(r.dependencies.database).toMatchObject({ state: "down", error: "connect ECONNREFUSED 127.0.0.1:5432" });
    expect(r.dependencies.eventbridge!.state).toBe("up");
  });

  it("bounds a probe that never answers by the timeout and aborts it", async () => {
    let aborted = false;
    const started = Date.now();
    const r = await checkReadiness(
      {
        stepfunctions: (signal) =>
          new Promise(() => {
            signal.addEventListener("abort", () => (aborted = true));
          }),
      },
      { timeoutMs: 50 },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.status).toBe("not ready");
    expect(r.dependencies.stepfunctions).toMatchObject({
      state: "down",
      error: "ProbeTimeoutError: no answer within 50 ms",
    });
    expect(aborted).toBe(true);
  });
});
