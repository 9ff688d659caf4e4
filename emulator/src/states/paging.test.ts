// Pagination tokens round-trip and refuse garbage or foreign tokens.
import { describe, expect, it } from "vitest";
import { decodeToken, encodeToken, pageSize } from "./paging";

describe("paging tokens", () => {
  it("round-trips a cursor", () => {
    expect(decodeToken(encodeToken("executions", { p: 5 }), "executions")).toMatchObject({ p: 5 });
  });
  it.each(["garbage", "", encodeToken("machines", { after: "a" }), Buffer.from("[1]").toString("base64url")])(
    "refuses %j",
    (token) => {
      expect(() => decodeToken(token, "executions")).toThrow(expect.objectContaining({ code: "InvalidToken" }));
    },
  );
  it("reads 0 or absent maxResults as the default", () => {
    expect(pageSize(undefined, 100)).toBe(100);
    expect(pageSize(0, 100)).toBe(100);
    expect(pageSize(7, 100)).toBe(7);
  });
});
