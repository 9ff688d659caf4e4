import { describe, expect, it } from "vitest";
import { formatLogLine } from "./format";

describe("formatLogLine", () => {
  it("turns a pino JSON line into time, level, message and the other fields", () => {
    const line = JSON.stringify({
      level: "info",
      time: "2026-12-03T12:01:02.345Z",
      service: "audit-checks-console",
      msg: "action check.create: ok",
      requestId: "r-1",
      action: "check.create",
      actor: "user:alice",
      outcome: "ok",
      ms: 12,
    });
    expect(formatLogLine(line)).toBe(
      "12:01:02 INFO  action check.create: ok  requestId=r-1 action=check.create actor=user:alice outcome=ok ms=12",
    );
  });

  it("shows an error's type and message, and leaves other lines alone", () => {
    const line = JSON.stringify({
      level: "error",
      time: "2026-12-03T12:01:02Z",
      msg: "failed",
      err: { type: "TypeError", message: "boom" },
    });
    expect(formatLogLine(line)).toBe("12:01:02 ERROR failed  err=TypeError: boom");
    expect(formatLogLine("▲ Next.js 16")).toBe("▲ Next.js 16");
    expect(formatLogLine("{not json")).toBe("{not json");
  });
});
