import { describe, expect, it } from "vitest";
import { outageMessage } from "./dependency-banner";

describe("outageMessage", () => {
  it("says nothing while everything answers", () => {
    expect(
      outageMessage({ status: "ready", dependencies: { database: { state: "up" }, eventbridge: { state: "up" } } }),
    ).toBeNull();
  });

  it("names the AWS services that did not answer and says saves are kept", () => {
    const m = outageMessage({
      status: "not ready",
      dependencies: {
        database: { state: "up" },
        eventbridge: { state: "down", error: "TimeoutError: no answer within 2000 ms" },
        stepfunctions: { state: "down" },
      },
    });
    expect(m?.title).toBe("AWS unreachable");
    expect(m?.detail).toContain(
      "EventBridge and Step Functions did not answer (TimeoutError: no answer within 2000 ms)",
    );
    expect(m?.detail).toContain("synced to AWS when it answers again");
  });

  it("puts a database outage first", () => {
    const m = outageMessage({
      status: "not ready",
      dependencies: { database: { state: "down", error: "ECONNREFUSED" }, eventbridge: { state: "down" } },
    });
    expect(m?.title).toBe("The database does not answer");
  });

  it("says nothing for a console that is only draining", () => {
    expect(outageMessage({ status: "not ready", reason: "shutting down", dependencies: {} })).toBeNull();
  });
});
