import { describe, expect, it } from "vitest";
import { evaluateJsonPath, parseJsonPath } from "./json-path";

const event = {
  "detail-type": "ECS Task State Change",
  detail: {
    "instance-id": "i-1",
    "a/b": 1,
    "x.y": "dotted",
    containers: [
      { name: "app", exitCode: 0 },
      { name: "sidecar", exitCode: 1 },
    ],
    nothing: null,
  },
};

describe("evaluateJsonPath", () => {
  it("returns the whole document for $", () => {
    expect(evaluateJsonPath(event, "$")).toBe(event);
  });
  it("follows dot notation with dashes and slashes", () => {
    expect(evaluateJsonPath(event, "$.detail-type")).toBe("ECS Task State Change");
    expect(evaluateJsonPath(event, "$.detail.instance-id")).toBe("i-1");
    expect(evaluateJsonPath(event, "$.detail.a/b")).toBe(1);
  });
  it("indexes arrays and reads quoted keys", () => {
    expect(evaluateJsonPath(event, "$.detail.containers[1].name")).toBe("sidecar");
    expect(evaluateJsonPath(event, "$.detail['x.y']")).toBe("dotted");
  });
  it("collects every match of a wildcard", () => {
    expect(evaluateJsonPath(event, "$.detail.containers[*].exitCode")).toEqual([0, 1]);
    expect(evaluateJsonPath(event, "$.detail.containers.*.name")).toEqual(["app", "sidecar"]);
  });
  it("distinguishes a missing path (undefined) from a null value", () => {
    expect(evaluateJsonPath(event, "$.detail.missing")).toBeUndefined();
    expect(evaluateJsonPath(event, "$.detail.containers[5]")).toBeUndefined();
    expect(evaluateJsonPath(event, "$.detail.nothing")).toBeNull();
  });
  it("refuses paths outside the subset", () => {
    expect(parseJsonPath("detail.x").ok).toBe(false);
    expect(parseJsonPath("$.a[?(@.x)]").ok).toBe(false);
    expect(parseJsonPath("$..a").ok).toBe(false);
    expect(() => evaluateJsonPath(event, "$.[")).toThrow();
  });
});
