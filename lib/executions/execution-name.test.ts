import { describe, expect, it } from "vitest";
import { compactUtc, executionName } from "./execution-name";

const at = new Date("2026-11-27T23:59:59.456Z");

describe("executionName", () => {
  it("names the check, the kind and the UTC second", () => {
    expect(compactUtc(at)).toBe("20261127T235959Z");
    expect(executionName("aurora-admin-logins", "manual", at)).toBe("aurora-admin-logins-manual-20261127T235959Z");
    expect(executionName("aurora-admin-logins", "rerun", at, "x1")).toBe(
      "aurora-admin-logins-rerun-20261127T235959Z-x1",
    );
  });

  it("stays within 80 characters of the allowed charset, cutting the slug and never the time", () => {
    const name = executionName("a".repeat(100), "manual", at, "abcd");
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[0-9A-Za-z_-]+$/);
    expect(name.endsWith("-manual-20261127T235959Z-abcd")).toBe(true);
  });

  it("replaces characters Step Functions refuses", () => {
    expect(executionName("bad slug:ü", "manual", at)).toBe("bad-slug-manual-20261127T235959Z");
    expect(executionName("", "manual", at)).toBe("check-manual-20261127T235959Z");
  });
});
