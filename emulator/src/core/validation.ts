// Field checks in AWS's words: AWS JSON services answer constraint violations with ValidationException
// "N validation error(s) detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...".
import { AwsError } from "./aws-error";

export interface StringConstraint {
  min?: number;
  max?: number;
  /** Anchored by the checker: the whole value must match. */
  pattern?: RegExp;
  required?: boolean;
}

/** Collects constraint violations for one request, then throws them together as AWS does. */
export class Violations {
  private readonly messages: string[] = [];

  /** Records a required-member or type problem in AWS's wording. */
  add(message: string): void {
    this.messages.push(message);
  }

  /** Checks a string member (absent is fine unless required); returns the value when it is a string. */
  string(value: unknown, field: string, c: StringConstraint = {}): string | undefined {
    if (value === undefined || value === null) {
      if (c.required) this.add(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (typeof value !== "string") {
      throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected a string`);
    }
    const shown = value.length > 100 ? `${value.slice(0, 100)}...` : value;
    if (c.min !== undefined && value.length < c.min) {
      this.add(
        `Value '${shown}' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${c.min}`,
      );
    }
    if (c.max !== undefined && value.length > c.max) {
      this.add(
        `Value '${shown}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${c.max}`,
      );
    }
    if (c.pattern && value.length > 0 && !fullMatch(c.pattern, value)) {
      this.add(
        `Value '${shown}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${c.pattern.source}`,
      );
    }
    return value;
  }

  /** Checks an integer member within [min, max]. */
  integer(
    value: unknown,
    field: string,
    c: { min?: number; max?: number; required?: boolean } = {},
  ): number | undefined {
    if (value === undefined || value === null) {
      if (c.required) this.add(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected an integer`);
    }
    if (c.min !== undefined && value < c.min) {
      this.add(
        `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${c.min}`,
      );
    }
    if (c.max !== undefined && value > c.max) {
      this.add(
        `Value '${value}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${c.max}`,
      );
    }
    return value;
  }

  /** Checks a list member's length; returns the list when it is an array. */
  list(
    value: unknown,
    field: string,
    c: { min?: number; max?: number; required?: boolean } = {},
  ): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (c.required) this.add(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return undefined;
    }
    if (!Array.isArray(value))
      throw new AwsError("SerializationException", `Unexpected value type for '${field}': expected a list`);
    if (c.min !== undefined && value.length < c.min) {
      this.add(
        `Value '[...]' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${c.min}`,
      );
    }
    if (c.max !== undefined && value.length > c.max) {
      this.add(
        `Value '[...]' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${c.max}`,
      );
    }
    return value;
  }

  /** Throws ValidationException listing every violation, if any. */
  throwIfAny(code = "ValidationException"): void {
    const n = this.messages.length;
    if (n === 0) return;
    throw new AwsError(code, `${n} validation error${n === 1 ? "" : "s"} detected: ${this.messages.join("; ")}`);
  }
}

function fullMatch(pattern: RegExp, value: string): boolean {
  const anchored = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace("g", ""));
  return anchored.test(value);
}
