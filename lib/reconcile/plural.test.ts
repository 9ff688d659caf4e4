import { describe, expect, it } from "vitest";
import { plural } from "./plural";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect([
      plural(0, "rule"),
      plural(1, "rule"),
      plural(2, "change"),
      plural(1200, "call"),
      plural(2, "query", "queries"),
    ]).toEqual(["0 rules", "1 rule", "2 changes", "1,200 calls", "2 queries"]);
  });
});
