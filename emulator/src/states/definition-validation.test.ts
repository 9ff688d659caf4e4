// Definition validation: the seed definition's defects are all reported, valid machines pass, diagnostics are located.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { invalidDefinitionMessage, validateDefinition } from "./definition-validation";

const seedPath = path.resolve(__dirname, "../../../fixtures/seed/seed-state-machine.asl.json");

describe("validateDefinition", () => {
  it("reports every defect of the original seed state machine", () => {
    const r = validateDefinition(fs.readFileSync(seedPath, "utf8"));
    expect(r.ok).toBe(false);
    const found = r.diagnostics.map((d) => `${d.code} ${d.location}`);
    expect(found).toContain("MISSING_TRANSITION_TARGET /States/AthenaQueryExecution/Next");
    expect(found).toContain("SCHEMA_VALIDATION_FAILED /States/GetAthenaQueryResults/End");
    expect(found).toContain("SCHEMA_VALIDATION_FAILED /States/AthenaQueryExecution/Parameters/QueryString.$");
    expect(invalidDefinitionMessage(r.diagnostics)).toMatch(
      /^Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: wait/,
    );
  });

  it("accepts a valid machine with Parallel, Map and service integrations", () => {
    const r = validateDefinition(
      JSON.stringify({
        StartAt: "Q",
        States: {
          Q: {
            Type: "Task",
            Resource: "arn:aws:states:::athena:startQueryExecution.sync",
            Parameters: { "QueryString.$": "$.sql" },
            Next: "P",
          },
          P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], Next: "M" },
          M: { Type: "Map", ItemProcessor: { StartAt: "B", States: { B: { Type: "Succeed" } } }, End: true },
        },
      }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each([
    ["not JSON", "{", "INVALID_JSON_DESCRIPTION"],
    ["not an object", "[1]", "SCHEMA_VALIDATION_FAILED"],
    [
      "missing StartAt target",
      JSON.stringify({ StartAt: "X", States: { A: { Type: "Succeed" } } }),
      "MISSING_TRANSITION_TARGET",
    ],
    ["no Next nor End", JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass" } } }), "SCHEMA_VALIDATION_FAILED"],
    [
      "unknown type",
      JSON.stringify({ StartAt: "A", States: { A: { Type: "Lambda", End: true } } }),
      "SCHEMA_VALIDATION_FAILED",
    ],
    [
      "missing Choice target",
      JSON.stringify({
        StartAt: "C",
        States: {
          C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Z" }], Default: "D" },
          D: { Type: "Succeed" },
        },
      }),
      "MISSING_TRANSITION_TARGET",
    ],
    [
      "missing target inside a Parallel branch",
      JSON.stringify({
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [{ StartAt: "A", States: { A: { Type: "Pass", Next: "nowhere" } } }],
            End: true,
          },
        },
      }),
      "MISSING_TRANSITION_TARGET",
    ],
    [
      "JSONata",
      JSON.stringify({ QueryLanguage: "JSONata", StartAt: "A", States: { A: { Type: "Succeed" } } }),
      "UNSUPPORTED_FEATURE",
    ],
  ])("refuses %s", (_label, text, code) => {
    const r = validateDefinition(text);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
  });
});
