import { describe, expect, it } from "vitest";
import { AwsError } from "./aws-error";
import { Violations } from "./validation";

function thrown(fn: () => void): AwsError {
  try {
    fn();
  } catch (err) {
    return err as AwsError;
  }
  throw new Error("expected a throw");
}

describe("Violations", () => {
  it("reports every violation in AWS's wording", () => {
    const v = new Violations();
    v.string("bad name", "name", { required: true, max: 64, pattern: /[a-z]+/ });
    v.string(undefined, "rule", { required: true });
    v.integer(0, "limit", { min: 1, max: 100 });
    const err = thrown(() => v.throwIfAny());
    expect(err.code).toBe("ValidationException");
    expect(err.message).toBe(
      "3 validation errors detected: Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
        "Value null at 'rule' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("anchors patterns and checks lengths", () => {
    const v = new Violations();
    expect(v.string("abc", "a", { pattern: /[a-z]+/, min: 1, max: 3 })).toBe("abc");
    v.throwIfAny();
    v.string("abcd", "a", { max: 3 });
    expect(thrown(() => v.throwIfAny()).message).toMatch(
      /^1 validation error detected: .*length less than or equal to 3$/,
    );
  });

  it("treats a wrong JSON type as a SerializationException", () => {
    const v = new Violations();
    expect(thrown(() => v.string(5, "name")).code).toBe("SerializationException");
    expect(thrown(() => v.integer("5", "limit")).code).toBe("SerializationException");
    expect(thrown(() => v.list({}, "targets")).code).toBe("SerializationException");
  });
});
