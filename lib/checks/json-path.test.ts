import { describe, expect, it } from "vitest";
import { eventPathError } from "./json-path";

describe("eventPathError", () => {
  it.each([
    "$.time",
    "$.detail.overrides.containerOverrides[0].command[0]",
    "$.detail-type",
    "$.detail.containers[12].exitCode",
    "$['detail-type']",
    '$["detail"]["clusterArn"]',
    "$.resources[0]",
    "$['key with spaces']",
    "$.a_b.c9",
  ])("accepts %j", (p) => {
    expect(eventPathError(p)).toBeNull();
  });

  it.each([
    ["", /Enter a JSON path/],
    ["time", /starts with \$/],
    ["detail.time", /starts with \$/],
    ["$", /whole event/],
    ["$.detail.containers[*].exitCode", /Wildcards/],
    ["$..exitCode", /Wildcards/],
    ["$.detail.*", /Wildcards/],
    ["$.detail[?(@.x)]", /Wildcards/],
    ["$.detail[-1]", /not valid JSONPath/],
    ["$.detail.", /not valid JSONPath/],
    ["$.detail[0", /not valid JSONPath/],
    ["$.9lives", /not valid JSONPath/],
    ["$detail", /not valid JSONPath/],
    ["$.a['unclosed]", /not valid JSONPath/],
  ])("refuses %j", (p, message) => {
    expect(eventPathError(p)).toMatch(message);
  });
});
