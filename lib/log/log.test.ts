import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { REDACTED, REDACTED_KEYS, createLogger } from "./index";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream), lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured logs", () => {
  it("writes one JSON object per line with the request id, actor, action and outcome", () => {
    const { logger, lines } = capture();
    logger.level = "info";
    logger.info({ requestId: "r-1", actor: "user:alice", action: "runCheckNow", outcome: "ok", ms: 12 }, "action");
    const [line] = lines();
    expect(line).toMatchObject({
      level: "info",
      requestId: "r-1",
      actor: "user:alice",
      action: "runCheckNow",
      outcome: "ok",
      msg: "action",
      service: "audit-checks-console",
    });
    expect(typeof line!.time).toBe("string");
  });

  it("censors every key of the redaction list, at the top level and one level down", () => {
    const { logger, lines } = capture();
    logger.level = "debug";
    const secretish = Object.fromEntries(REDACTED_KEYS.map((k) => [k, `leak-${k}`]));
    logger.info({ ...secretish, nested: secretish, action: "x" }, "everything");
    logger.debug({ context: secretish }, "debug too");
    const text = JSON.stringify(lines());
    expect(text).not.toContain("leak-");
    const [first, second] = lines();
    for (const k of REDACTED_KEYS) {
      expect(first![k]).toBe(REDACTED);
      expect((first!.nested as Record<string, unknown>)[k]).toBe(REDACTED);
      expect((second!.context as Record<string, unknown>)[k]).toBe(REDACTED);
    }
    expect(first!.action).toBe("x");
  });

  it("keeps an error's type and message", () => {
    const { logger, lines } = capture();
    logger.level = "info";
    logger.error({ err: new TypeError("boom") }, "failed");
    expect(lines()[0]!.err).toMatchObject({ type: "TypeError", message: "boom" });
  });
});
