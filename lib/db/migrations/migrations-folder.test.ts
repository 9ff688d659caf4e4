import { describe, expect, it } from "vitest";
import { migrationSlug, migrationTimestamp } from "./migrations-folder";

describe("migration folder names", () => {
  it("are a UTC timestamp and a snake_case name, like Prisma's", () => {
    expect(migrationTimestamp(new Date("2026-11-28T00:15:07.999Z"))).toBe("20261128001507");
    expect(migrationSlug("Add check owner")).toBe("add_check_owner");
    expect(migrationSlug("  --executions: index!! ")).toBe("executions_index");
  });

  it("refuse a name with nothing usable in it", () => {
    expect(() => migrationSlug("日本語")).toThrow(/not usable/);
  });
});
