import { describe, expect, it } from "vitest";
import { describeAwsError, isNotFound } from "./errors";

const err = (name: string, message = "m", status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe("describeAwsError", () => {
  it.each([
    ["ThrottlingException", true, true],
    ["LimitExceededException", true, true],
    ["TooManyRequestsException", true, true],
    ["AccessDeniedException", false, true],
    ["ConcurrentModificationException", false, true],
    ["ValidationException", false, false],
    ["InvalidEventPatternException", false, false],
  ])("%s: throttling %s, retryable %s", (code, throttling, retryable) => {
    expect(describeAwsError(err(code, "AWS says no"))).toEqual({
      code,
      message: "AWS says no",
      unreachable: false,
      throttling,
      retryable,
    });
  });

  it("treats any 5xx as retryable and keeps AWS's message", () => {
    expect(describeAwsError(err("SomethingNew", "boom", 503))).toMatchObject({ code: "SomethingNew", retryable: true });
  });

  it("says AWS did not answer for a timeout or a refused connection, and keeps the socket's words", () => {
    const timeout = describeAwsError(err("TimeoutError", "Request timed out after 10000ms"));
    expect(timeout).toMatchObject({ unreachable: true, retryable: true });
    expect(timeout.message).toMatch(/^AWS did not answer \(Request timed out after 10000ms\)/);
    const refused = describeAwsError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" }),
    );
    expect(refused).toMatchObject({ code: "ECONNREFUSED", unreachable: true, retryable: true });
    expect(refused.message).toContain("AWS did not answer");
  });

  it("recognises not-found answers of both services", () => {
    expect(isNotFound(err("ResourceNotFoundException"))).toBe(true);
    expect(isNotFound(err("StateMachineDoesNotExist"))).toBe(true);
    expect(isNotFound(err("ValidationException"))).toBe(false);
  });
});
