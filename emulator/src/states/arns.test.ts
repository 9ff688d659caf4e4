// Names and ARNs: AWS's forbidden characters and ARN shapes.
import { describe, expect, it } from "vitest";
import { assertRoleArn, assertValidName, executionArn, parseExecutionArn, parseStateMachineArn } from "./arns";

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return "ok";
};

describe("assertValidName", () => {
  it.each(["a", "audit-check_1", "x.y", "日本語", "a".repeat(80)])("accepts %s", (name) => {
    expect(code(() => assertValidName(name, "execution"))).toBe("ok");
  });
  it.each([
    "",
    "a b",
    "a\tb",
    "<x>",
    "{x}",
    "[x]",
    "a?",
    "a*",
    'a"',
    "a#",
    "a%",
    "a\\b",
    "a^",
    "a|b",
    "a~",
    "a`",
    "a$",
    "a&",
    "a,b",
    "a;b",
    "a:b",
    "a/b",
    "a\u0001",
    "a".repeat(81),
  ])("refuses %j with InvalidName", (name) => {
    expect(code(() => assertValidName(name, "state machine"))).toBe("InvalidName");
  });
});

describe("ARNs", () => {
  it("builds STANDARD and EXPRESS execution ARNs", () => {
    expect(executionArn("us-east-1", "000000000000", "sm", "ex", "STANDARD", "id")).toBe(
      "arn:aws:states:us-east-1:000000000000:execution:sm:ex",
    );
    expect(executionArn("us-east-1", "000000000000", "sm", "ex", "EXPRESS", "id")).toBe(
      "arn:aws:states:us-east-1:000000000000:express:sm:ex:id",
    );
  });
  it("parses state machine ARNs and refuses other resource types", () => {
    expect(parseStateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:sm").name).toBe("sm");
    expect(code(() => parseStateMachineArn("arn:aws:states:us-east-1:000000000000:execution:sm:e"))).toBe("InvalidArn");
    expect(code(() => parseStateMachineArn("garbage"))).toBe("InvalidArn");
    expect(code(() => parseStateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:sm:v1"))).toBe(
      "StateMachineDoesNotExist",
    );
  });
  it("parses execution ARNs", () => {
    expect(code(() => parseExecutionArn("arn:aws:states:us-east-1:000000000000:execution:sm:e"))).toBe("ok");
    expect(code(() => parseExecutionArn("arn:aws:states:us-east-1:000000000000:execution:sm"))).toBe("InvalidArn");
  });
  it("checks role ARNs", () => {
    expect(code(() => assertRoleArn("arn:aws:iam::123456789012:role/service-role/StepFunctions-x"))).toBe("ok");
    expect(code(() => assertRoleArn("arn:aws:iam::123456789012:user/bob"))).toBe("InvalidArn");
  });
});
