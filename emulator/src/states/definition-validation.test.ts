// Definition validation: the seed definition's defects are all reported, valid machines pass, diagnostics are located.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { invalidDefinitionMessage, validateDefinition } from "./definition-validation";

const seedPath = path.resolve(__dirname, "../../../fixtures/seed/seed-state-machine.asl.json");

// asl-validator compiles its schemas on every call (~0.3 s of CPU, seconds on a busy machine).
describe("validateDefinition", { timeout: 30_000 }, () => {
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
      "an unknown QueryLanguage",
      JSON.stringify({ QueryLanguage: "XPath", StartAt: "A", States: { A: { Type: "Succeed" } } }),
      "SCHEMA_VALIDATION_FAILED",
    ],
  ])("refuses %s", (_label, text, code) => {
    const r = validateDefinition(text);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
  });

  const machine = (states: object, extra: object = {}) =>
    JSON.stringify({ StartAt: Object.keys(states)[0], States: states, ...extra });
  const located = (text: string) =>
    validateDefinition(text)
      .diagnostics.filter((d) => d.severity === "ERROR")
      .map((d) => `${d.code} ${d.location}`);

  it("refuses an intrinsic function with an illegal escape, an unknown function or bad syntax", () => {
    const pass = (value: string) => machine({ P: { Type: "Pass", Parameters: { "v.$": value }, End: true } });
    expect(located(pass("States.Format('a\\nb')"))).toContain("SCHEMA_VALIDATION_FAILED /States/P/Parameters/v.$");
    expect(located(pass("States.Nope(1)"))).toContain("SCHEMA_VALIDATION_FAILED /States/P/Parameters/v.$");
    expect(located(pass("States.Format('x', 1"))).toContain("SCHEMA_VALIDATION_FAILED /States/P/Parameters/v.$");
    expect(located(machine({ F: { Type: "Fail", ErrorPath: "States.Format('\\q{}', $.e)" } }))).toContain(
      "SCHEMA_VALIDATION_FAILED /States/F/ErrorPath",
    );
    // The legal escapes: \' \{ \} \\
    expect(located(pass("States.Format('it\\'s \\{\\} \\\\ {}', $.a)"))).toEqual([]);
  });

  it("refuses a Wait Timestamp that is not RFC 3339", () => {
    const wait = (ts: string) => machine({ W: { Type: "Wait", Timestamp: ts, End: true } });
    expect(located(wait("2024-01-01 00:00:00"))).toContain("SCHEMA_VALIDATION_FAILED /States/W/Timestamp");
    expect(located(wait("2024-13-01T00:00:00Z"))).toContain("SCHEMA_VALIDATION_FAILED /States/W/Timestamp");
    expect(located(wait("2024-01-01t00:00:00z"))).toContain("SCHEMA_VALIDATION_FAILED /States/W/Timestamp");
    expect(
      located(
        JSON.stringify({
          QueryLanguage: "JSONata",
          StartAt: "W",
          States: { W: { Type: "Wait", Timestamp: "yesterday", End: true } },
        }),
      ),
    ).toContain("SCHEMA_VALIDATION_FAILED /States/W/Timestamp");
    expect(located(wait("2024-01-01T00:00:00Z"))).toEqual([]);
    expect(located(wait("2024-01-01T00:00:00.123+02:00"))).toEqual([]);
  });

  it("accepts JSONata at the top level and per state, with variables in JSONPath states", () => {
    expect(
      located(
        machine(
          {
            Q: {
              Type: "Task",
              Resource: "arn:aws:states:::athena:startQueryExecution.sync",
              Arguments: { QueryString: "{% 'SELECT ' & $states.input.n %}", WorkGroup: "primary" },
              Output: "{% $states.result.QueryExecution %}",
              Assign: { id: "{% $states.result.QueryExecution.QueryExecutionId %}" },
              Catch: [{ ErrorEquals: ["States.ALL"], Output: "{% $states.errorOutput %}", Next: "F" }],
              Next: "C",
            },
            C: { Type: "Choice", Choices: [{ Condition: "{% $id = 'x' %}", Next: "M" }], Default: "W" },
            W: { Type: "Wait", Seconds: "{% 0 %}", Next: "M" },
            M: {
              Type: "Map",
              Items: "{% [1, 2] %}",
              ItemSelector: { v: "{% $states.context.Map.Item.Value %}" },
              ItemProcessor: { StartAt: "I", States: { I: { Type: "Pass", End: true } } },
              Next: "J",
            },
            J: {
              Type: "Pass",
              QueryLanguage: "JSONPath",
              Parameters: { "id.$": "$id", "n.$": "States.ArrayLength($)" },
              Next: "S",
            },
            S: { Type: "Succeed", Output: "{% $states.input %}" },
            F: { Type: "Fail", Error: "{% $states.input.Error %}", Cause: "{% $states.input.Cause %}" },
          },
          { QueryLanguage: "JSONata" },
        ),
      ),
    ).toEqual([]);
  });

  it("refuses JSONPath fields in JSONata states, JSONata fields in JSONPath states and invalid expressions", () => {
    const jsonata = { QueryLanguage: "JSONata" };
    expect(located(machine({ P: { Type: "Pass", Parameters: { a: 1 }, End: true } }, jsonata))).toContain(
      "SCHEMA_VALIDATION_FAILED /States/P/Parameters",
    );
    expect(located(machine({ P: { Type: "Pass", Output: "{% 1 %}", End: true } }))).toContain(
      "SCHEMA_VALIDATION_FAILED /States/P/Output",
    );
    expect(located(machine({ P: { Type: "Pass", Output: "{% $states.input. + %}", End: true } }, jsonata))).toContain(
      "SCHEMA_VALIDATION_FAILED /States/P/Output",
    );
    expect(
      located(
        machine(
          { C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "E" }] }, E: { Type: "Succeed" } },
          jsonata,
        ),
      ),
    ).toContain("SCHEMA_VALIDATION_FAILED /States/C/Choices/0");
  });
});
