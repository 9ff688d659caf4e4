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
    expect(describeAwsError(err(code, "AWS says no"))).toEqual({ code, message: "AWS says no", throttling, retryable });
  });

  it("treats any 5xx as retryable and keeps AWS's message", () => {
    expect(describeAwsError(err("SomethingNew", "boom", 503))).toMatchObject({ code: "SomethingNew", retryable: true });
  });

  it("recognises not-found answers of both services", () => {
    expect(isNotFound(err("ResourceNotFoundException"))).toBe(true);
    expect(isNotFound(err("StateMachineDoesNotExist"))).toBe(true);
    expect(isNotFound(err("ValidationException"))).toBe(false);
  });
});
