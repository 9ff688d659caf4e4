import { describe, expect, it } from "vitest";
import { groupsFromClaims, roleFromGroups } from "./roles";

const mapping = { admin: ["acc-admins"], operator: ["acc-operators", "sre"], viewer: ["acc-viewers"] };

describe("roleFromGroups", () => {
  it("takes the highest mapped role", () => {
    expect(roleFromGroups(["acc-viewers", "sre"], mapping)).toBe("operator");
    expect(roleFromGroups(["acc-admins", "acc-viewers"], mapping)).toBe("admin");
    expect(roleFromGroups(["acc-viewers"], mapping)).toBe("viewer");
  });
  it("is null for no mapped group", () => {
    expect(roleFromGroups(["everyone"], mapping)).toBeNull();
    expect(roleFromGroups([], mapping)).toBeNull();
  });
});

describe("groupsFromClaims", () => {
  it("reads cognito:groups, then groups", () => {
    expect(groupsFromClaims({ "cognito:groups": ["a"], groups: ["b"] })).toEqual(["a"]);
    expect(groupsFromClaims({ groups: ["b", 3, ""] })).toEqual(["b"]);
  });
  it("reads only the configured claim when one is set", () => {
    expect(groupsFromClaims({ "cognito:groups": ["a"], roles: ["r"] }, "roles")).toEqual(["r"]);
    expect(groupsFromClaims({ "cognito:groups": ["a"] }, "roles")).toEqual([]);
  });
  it("treats a missing or malformed claim as no groups", () => {
    expect(groupsFromClaims({})).toEqual([]);
    expect(groupsFromClaims({ groups: { admin: true } })).toEqual([]);
    expect(groupsFromClaims({ groups: "solo" })).toEqual(["solo"]);
  });
});
