import { describe, expect, it } from "vitest";
import { resolveEventPath } from "./json-path";
import { parameterLiteral, parameterLiterals } from "./parameter-preview";

const event = {
  time: "2026-12-03T10:00:00Z",
  "detail-type": "ECS Task State Change",
  detail: {
    containers: [{ exitCode: 0, name: "shipper" }],
    overrides: { containerOverrides: [{ command: ["prod-aurora-cluster"] }] },
    note: "it's",
    ok: true,
    gone: null,
  },
};

describe("resolveEventPath", () => {
  it("walks keys, quoted keys and indexes", () => {
    expect(resolveEventPath(event, "$.detail.overrides.containerOverrides[0].command[0]")).toEqual({
      found: true,
      value: "prod-aurora-cluster",
    });
    expect(resolveEventPath(event, "$['detail-type']")).toEqual({ found: true, value: "ECS Task State Change" });
    expect(resolveEventPath(event, "$.detail.containers[0].exitCode")).toEqual({ found: true, value: 0 });
  });

  it("says where a path stops finding anything", () => {
    expect(resolveEventPath(event, "$.detail.missing")).toEqual({
      found: false,
      reason: "The event has no $.detail.missing.",
    });
    expect(resolveEventPath(event, "$.detail.containers[3].exitCode")).toMatchObject({
      found: false,
      reason: "$.detail.containers has 1 item: no [3].",
    });
    expect(resolveEventPath(event, "$.time.zone")).toMatchObject({ found: false, reason: /\$\.time is not an object/ });
    expect(resolveEventPath(event, "$.detail[0]")).toMatchObject({ found: false, reason: /not a list/ });
    expect(resolveEventPath(event, "$..x")).toMatchObject({ found: false });
  });
});

describe("parameterLiteral", () => {
  it("quotes strings with every quote doubled, writes numbers and booleans bare", () => {
    expect(
      parameterLiteral({ kind: "eventPath", path: "$.detail.overrides.containerOverrides[0].command[0]" }, event),
    ).toEqual({
      ok: true,
      literal: "'prod-aurora-cluster'",
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail.note" }, event)).toEqual({
      ok: true,
      literal: "'it''s'",
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail.containers[0].exitCode" }, event)).toEqual({
      ok: true,
      literal: "0",
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail.ok" }, event)).toEqual({ ok: true, literal: "true" });
  });

  it("flags null, objects, lists, a missing value and no event", () => {
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail.gone" }, event)).toMatchObject({
      ok: false,
      problem: /null/,
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail.containers" }, event)).toMatchObject({
      ok: false,
      problem: /a list/,
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.detail" }, event)).toMatchObject({
      ok: false,
      problem: /an object/,
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.nope" }, event)).toMatchObject({
      ok: false,
      problem: /Resolves to nothing/,
    });
    expect(parameterLiteral({ kind: "eventPath", path: "$.time" }, null)).toMatchObject({ ok: false });
  });

  it("passes literals through when they are SQL literals", () => {
    expect(parameterLiteral({ kind: "literal", value: " 'admin' " }, null)).toEqual({ ok: true, literal: "'admin'" });
    expect(parameterLiteral({ kind: "literal", value: "admin" }, null)).toMatchObject({ ok: false });
  });

  it("gives the list only when every parameter resolves", () => {
    expect(
      parameterLiterals(
        [
          { kind: "eventPath", path: "$.time" },
          { kind: "literal", value: "1" },
        ],
        event,
      ).literals,
    ).toEqual(["'2026-12-03T10:00:00Z'", "1"]);
    expect(parameterLiterals([{ kind: "eventPath", path: "$.nope" }], event).literals).toBeNull();
  });
});
