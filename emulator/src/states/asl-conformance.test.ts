// Execution semantics that AWS documents (Amazon States Language spec, Step Functions developer guide: choice
// rules, intrinsic functions, Fail state, Map/Parallel history, error names) run through the engine. Each case
// names the behaviour it pins; the expected values are the documented ones.
import { describe, expect, it } from "vitest";
import type { Invoker } from "../core/types";
import { runForTest } from "./engine-test-run";

const noTasks: Invoker = {
  invoke() {
    throw new Error("no task in these machines");
  },
};

async function run(definition: object, input: unknown = {}) {
  return runForTest(definition, input, noTasks);
}

async function output(definition: object, input: unknown = {}): Promise<unknown> {
  const { outcome } = await run(definition, input);
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "SUCCEEDED" });
  return JSON.parse(outcome.output!);
}

/** A one-state machine whose Pass computes `parameters`. */
const pass = (parameters: object) => ({
  StartAt: "P",
  States: { P: { Type: "Pass", Parameters: parameters, End: true } },
});

function choice(rule: object) {
  return {
    StartAt: "C",
    States: {
      C: { Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No" },
      Yes: { Type: "Pass", Result: "yes", End: true },
      No: { Type: "Pass", Result: "no", End: true },
    },
  };
}

describe("Choice type tests", () => {
  const input = { n: 1, s: "x", b: true, z: null, t: "2024-01-01T00:00:00Z", lower: "2024-01-01t00:00:00z" };
  it.each([
    ["IsString", "$.n", false, "yes"],
    ["IsString", "$.s", false, "no"],
    ["IsNumeric", "$.s", false, "yes"],
    ["IsNumeric", "$.n", false, "no"],
    ["IsBoolean", "$.n", false, "yes"],
    ["IsBoolean", "$.b", false, "no"],
    ["IsNull", "$.n", false, "yes"],
    ["IsNull", "$.z", false, "no"],
    ["IsTimestamp", "$.s", false, "yes"],
    ["IsTimestamp", "$.t", false, "no"],
    ["IsPresent", "$.missing", false, "yes"],
    ["IsPresent", "$.n", false, "no"],
    ["IsPresent", "$.missing", true, "no"],
    ["IsString", "$.s", true, "yes"],
    ["IsTimestamp", "$.t", true, "yes"],
    ["IsTimestamp", "$.lower", true, "no"],
  ])("%s: %s on %s → %s", async (test, variable, value, expected) => {
    expect(await output(choice({ Variable: variable, [test]: value }), input)).toBe(expected);
  });

  it("compares strings, numbers, booleans, timestamps and wildcards, with …Path operands", async () => {
    const data = { a: "abc", n: 5, m: 5, t1: "2024-01-01T00:00:00Z", t2: "2024-01-01T01:00:00+01:00" };
    expect(await output(choice({ Variable: "$.a", StringMatches: "a*c" }), data)).toBe("yes");
    expect(await output(choice({ Variable: "$.a", StringMatches: "a\\*c" }), data)).toBe("no");
    expect(await output(choice({ Variable: "$.n", NumericEqualsPath: "$.m" }), data)).toBe("yes");
    expect(await output(choice({ Variable: "$.t1", TimestampEqualsPath: "$.t2" }), data)).toBe("yes");
    expect(await output(choice({ Variable: "$.a", NumericEquals: 5 }), data)).toBe("no");
    expect(
      await output(
        choice({ And: [{ Variable: "$.n", NumericGreaterThan: 1 }, { Not: { Variable: "$.a", StringEquals: "x" } }] }),
        data,
      ),
    ).toBe("yes");
  });

  it("a comparison on a missing field fails with States.Runtime as AWS words it", async () => {
    const { outcome } = await run(choice({ Variable: "$.missing", StringEquals: "x" }));
    expect(outcome).toEqual({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'C' (entered at the event id #1). Invalid path '$.missing': The choice state's condition path references an invalid value.",
    });
  });

  it("no rule and no Default: States.NoChoiceMatched", async () => {
    const { outcome } = await run({
      StartAt: "C",
      States: {
        C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "E" }] },
        E: { Type: "Succeed" },
      },
    });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.NoChoiceMatched" });
  });
});

describe("intrinsic functions", () => {
  it("States.MathAdd rounds each argument half-up to an integer before adding", async () => {
    expect(
      await output(
        pass({
          "a.$": "States.MathAdd(1.49, 1.5)",
          "b.$": "States.MathAdd(111, -1)",
          "c.$": "States.MathAdd($.x, 1)",
          "d.$": "States.MathAdd(-1.5, 0)",
        }),
        { x: 2.5 },
      ),
    ).toEqual({ a: 3, b: 110, c: 4, d: -1 });
  });

  it("States.StringSplit splits on any delimiter character and drops empty strings", async () => {
    expect(
      await output(
        pass({
          "a.$": "States.StringSplit('1,2,3,4,5', ',')",
          "b.$": "States.StringSplit('This.is+a,test=string', '.+,=')",
          "c.$": "States.StringSplit(',,,,', ',')",
          "d.$": "States.StringSplit('a, b,,c', ', ')",
        }),
      ),
    ).toEqual({ a: ["1", "2", "3", "4", "5"], b: ["This", "is", "a", "test", "string"], c: [], d: ["a", "b", "c"] });
  });

  it("States.StringToJson of an empty or blank string is null", async () => {
    expect(
      await output(
        pass({
          "a.$": "States.StringToJson('')",
          "b.$": "States.StringToJson($.ws)",
          "c.$": "States.StringToJson($.j)",
        }),
        {
          ws: "  \n ",
          j: '{"k":[1]}',
        },
      ),
    ).toEqual({ a: null, b: null, c: { k: [1] } });
  });

  it("States.Format inserts strings raw and objects/arrays as JSON; \\{ and \\} stay literal braces", async () => {
    expect(
      await output(
        pass({
          "a.$": "States.Format('o={} a={} n={} s={}', $.o, $.a, $.n, $.s)",
          "b.$": "States.Format('\\{{}\\}', $.s)",
        }),
        {
          o: { k: "v" },
          a: [1, "x"],
          n: 1.5,
          s: "str",
        },
      ),
    ).toEqual({ a: 'o={"k":"v"} a=[1,"x"] n=1.5 s=str', b: "{str}" });
  });

  it("the other functions answer as documented", async () => {
    expect(
      await output(
        pass({
          "arr.$": "States.Array('a', 1, $.o)",
          "part.$": "States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)",
          "has.$": "States.ArrayContains($.list, 3)",
          "range.$": "States.ArrayRange(10, 0, -5)",
          "item.$": "States.ArrayGetItem($.list, 1)",
          "len.$": "States.ArrayLength($.list)",
          "uniq.$": "States.ArrayUnique(States.Array(1, 1, 2, $.o, $.o))",
          "b64.$": "States.Base64Encode('Data to encode')",
          "dec.$": "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
          "merged.$": "States.JsonMerge($.o, $.p, false)",
          "str.$": "States.JsonToString($.o)",
          "uuid.$": "States.UUID()",
          "rnd.$": "States.MathRandom(1, 2)",
        }),
        { o: { a: 1, b: { c: 1 } }, p: { b: { d: 2 } }, list: [2, 3, 4] },
      ),
    ).toMatchObject({
      arr: ["a", 1, { a: 1, b: { c: 1 } }],
      part: [[1, 2], [3, 4], [5]],
      has: true,
      range: [10, 5, 0],
      item: 3,
      len: 3,
      uniq: [1, 2, { a: 1, b: { c: 1 } }],
      b64: "RGF0YSB0byBlbmNvZGU=",
      dec: "Data to encode",
      merged: { a: 1, b: { d: 2 } },
      str: '{"a":1,"b":{"c":1}}',
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      rnd: 1,
    });
  });

  it.each([
    ["States.StringToJson('{bad')"],
    ["States.ArrayGetItem($.list, 7)"],
    ["States.MathAdd('a', 1)"],
    ["States.Format('{} {}', 1)"],
    ["States.ArrayRange(1, 2000, 1)"],
    ["States.Base64Decode('***')"],
    ["States.JsonMerge($.list, $.list, false)"],
  ])("a failing %s ends States.Runtime, never a JavaScript error name", async (expression) => {
    const { outcome } = await run(pass({ "v.$": expression }), { list: [1] });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.Runtime");
    expect(outcome.cause).toMatch(/^An error occurred while executing the state 'P' \(entered at the event id #1\)\./);
    expect(`${outcome.error} ${outcome.cause}`).not.toMatch(/SyntaxError|TypeError|RangeError|ReferenceError/);
  });
});

describe("paths", () => {
  it("a wildcard, slice or filter over a missing field yields []", async () => {
    expect(
      await output(
        pass({ "a.$": "$.items[*]", "b.$": "$.items[0:2]", "c.$": "$..nothing", "d.$": "$.items[?(@.x == 1)]" }),
      ),
    ).toEqual({ a: [], b: [], c: [], d: [] });
  });

  it("selects with wildcards, slices, unions, filters and deep scan", async () => {
    const data = {
      items: [
        { x: 1, n: "a" },
        { x: 2, n: "b" },
        { x: 3, n: "c" },
      ],
    };
    expect(
      await output(
        pass({
          "all.$": "$.items[*].n",
          "slice.$": "$.items[1:].n",
          "union.$": "$.items[0,2].x",
          "filter.$": "$.items[?(@.x >= 2)].n",
          "deep.$": "$..x",
          "last.$": "$.items[-1:].n",
          "bracket.$": "$['items'][0]['n']",
        }),
        data,
      ),
    ).toEqual({
      all: ["a", "b", "c"],
      slice: ["b", "c"],
      union: [1, 3],
      filter: ["b", "c"],
      deep: [1, 2, 3],
      last: ["c"],
      bracket: "a",
    });
  });

  it("a definite path that selects nothing: States.Runtime with AWS's cause text", async () => {
    const { outcome } = await run({ StartAt: "P", States: { P: { Type: "Pass", InputPath: "$.missing", End: true } } });
    expect(outcome).toEqual({
      status: "FAILED",
      error: "States.Runtime",
      cause:
        "An error occurred while executing the state 'P' (entered at the event id #1). Invalid path '$.missing' : No results for path: $['missing']",
    });
    const params = await run(pass({ "v.$": "$.a.b" }), { a: {} });
    expect(params.outcome.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #1). The JSONPath '$.a.b' specified for the field 'v.$' could not be found in the input '{\"a\":{}}'",
    );
  });

  it("ResultPath creates missing objects; OutputPath selects; context object and variables are readable", async () => {
    expect(
      await output(
        {
          StartAt: "A",
          States: {
            A: {
              Type: "Pass",
              Result: 1,
              ResultPath: "$.x.y",
              Assign: { "customerName.$": "$$.Execution.Name" },
              Next: "B",
            },
            B: {
              Type: "Pass",
              Parameters: {
                static: "Hello",
                "title.$": "$.title",
                "name.$": "$customerName",
                "not-evaluated": "$customerName",
                "state.$": "$$.State.Name",
              },
              OutputPath: "$",
              End: true,
            },
          },
        },
        { title: "Doctor" },
      ),
    ).toEqual({ static: "Hello", title: "Doctor", name: "ex", "not-evaluated": "$customerName", state: "B" });
  });
});

describe("Fail state", () => {
  it("ErrorPath and CausePath accept paths and intrinsic functions", async () => {
    const { outcome } = await run(
      {
        StartAt: "F",
        States: {
          F: {
            Type: "Fail",
            ErrorPath: "States.Format('Audit.{}', $.code)",
            CausePath: "States.JsonToString($.detail)",
          },
        },
      },
      { code: "Denied", detail: { who: "admin" } },
    );
    expect(outcome).toEqual({ status: "FAILED", error: "Audit.Denied", cause: '{"who":"admin"}' });
    const plain = await run(
      { StartAt: "F", States: { F: { Type: "Fail", ErrorPath: "$.e", CausePath: "$.c" } } },
      { e: "E", c: "C" },
    );
    expect(plain.outcome).toEqual({ status: "FAILED", error: "E", cause: "C" });
  });

  it("without Error and Cause the execution fails with neither", async () => {
    const { outcome } = await run({ StartAt: "F", States: { F: { Type: "Fail" } } });
    expect(outcome).toEqual({ status: "FAILED", error: undefined, cause: undefined });
  });
});

const failingItem = {
  StartAt: "Check",
  States: {
    Check: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThanEquals: 2, Next: "Bad" }], Default: "Ok" },
    Bad: { Type: "Fail", Error: "Item.Bad", Cause: "too big" },
    Ok: { Type: "Pass", End: true },
  },
};

const types = (events: Array<{ type: string }>) => events.map((e) => e.type);

describe("Map and Parallel history", () => {
  it("a failing Map records MapStateFailed and no MapStateSucceeded, and starts no further iteration", async () => {
    const { outcome, recorder } = await run(
      { StartAt: "M", States: { M: { Type: "Map", MaxConcurrency: 1, ItemProcessor: failingItem, End: true } } },
      [0, 1, 2, 3, 4],
    );
    expect(outcome).toEqual({ status: "FAILED", error: "Item.Bad", cause: "too big" });
    const t = types(recorder.events);
    expect(t).toContain("MapStateFailed");
    expect(t).not.toContain("MapStateSucceeded");
    expect(t).not.toContain("MapStateExited");
    expect(t.filter((x) => x === "MapIterationStarted")).toHaveLength(3);
    expect(t.filter((x) => x === "MapIterationFailed")).toHaveLength(1);
    expect(recorder.events.find((e) => e.type === "MapStateStarted")!.mapStateStartedEventDetails).toEqual({
      length: 5,
    });
  });

  it("a Map over its tolerated failures fails with States.ExceedToleratedFailureThreshold and stops starting iterations", async () => {
    const { outcome, recorder } = await run(
      {
        StartAt: "M",
        States: {
          M: { Type: "Map", MaxConcurrency: 1, ToleratedFailureCount: 1, ItemProcessor: failingItem, End: true },
        },
      },
      [0, 2, 1, 3, 0, 0],
    );
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
    const t = types(recorder.events);
    expect(t.filter((x) => x === "MapIterationStarted")).toHaveLength(4);
    expect(t.filter((x) => x === "MapIterationFailed")).toHaveLength(2);
    expect(t.at(-1)).toBe("MapStateFailed");
  });

  it("failures within the tolerance leave the Map succeeding, failed items carrying their error", async () => {
    expect(
      await output(
        {
          StartAt: "M",
          States: { M: { Type: "Map", ToleratedFailurePercentage: 50, ItemProcessor: failingItem, End: true } },
        },
        [0, 5],
      ),
    ).toEqual([0, { Error: "Item.Bad", Cause: "too big" }]);
  });

  it("a failing Parallel records ParallelStateFailed only; each retry records a new ParallelStateStarted", async () => {
    const { outcome, recorder } = await run({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
            { StartAt: "F", States: { F: { Type: "Fail", Error: "Branch.Failed", Cause: "no" } } },
          ],
          Retry: [{ ErrorEquals: ["Branch.Failed"], IntervalSeconds: 0, MaxAttempts: 2 }],
          End: true,
        },
      },
    });
    expect(outcome).toEqual({ status: "FAILED", error: "Branch.Failed", cause: "no" });
    const t = types(recorder.events);
    expect(t.filter((x) => x === "ParallelStateEntered")).toHaveLength(1);
    expect(t.filter((x) => x === "ParallelStateStarted")).toHaveLength(3);
    expect(t.filter((x) => x === "ParallelStateFailed")).toHaveLength(3);
    expect(t).not.toContain("ParallelStateSucceeded");
    expect(t).not.toContain("ParallelStateExited");
  });

  it("each retry of a Map records a new MapStateStarted; a Catch then leaves the state with its output", async () => {
    const { outcome, recorder } = await run(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: failingItem,
            Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 0, MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ["Item.Bad"], ResultPath: "$.error", Next: "Done" }],
            ItemsPath: "$.items",
            Next: "Done",
          },
          Done: { Type: "Succeed" },
        },
      },
      { items: [3] },
    );
    expect(outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(outcome.output!)).toEqual({ items: [3], error: { Error: "Item.Bad", Cause: "too big" } });
    const t = types(recorder.events);
    expect(t.filter((x) => x === "MapStateStarted")).toHaveLength(2);
    expect(t.filter((x) => x === "MapStateFailed")).toHaveLength(2);
    expect(t).toContain("MapStateExited");
    expect(t).not.toContain("MapStateSucceeded");
  });

  it("a successful Parallel and Map record Started, Succeeded and Exited in order", async () => {
    const { recorder } = await run(
      {
        StartAt: "P",
        States: {
          P: { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }], Next: "M" },
          M: {
            Type: "Map",
            ItemsPath: "$[0]",
            ItemProcessor: { StartAt: "B", States: { B: { Type: "Pass", End: true } } },
            End: true,
          },
        },
      },
      [1],
    );
    expect(types(recorder.events)).toEqual([
      "ParallelStateEntered",
      "ParallelStateStarted",
      "PassStateEntered",
      "PassStateExited",
      "ParallelStateSucceeded",
      "ParallelStateExited",
      "MapStateEntered",
      "MapStateStarted",
      "MapIterationStarted",
      "PassStateEntered",
      "PassStateExited",
      "MapIterationSucceeded",
      "MapStateSucceeded",
      "MapStateExited",
    ]);
  });
});

describe("errors never leak JavaScript names", () => {
  it("States.Runtime is neither retried nor caught by States.ALL", async () => {
    const { outcome, recorder } = await run({
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          Branches: [{ StartAt: "A", States: { A: { Type: "Pass", InputPath: "$.missing", End: true } } }],
          Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 0 }],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }],
          End: true,
        },
        C: { Type: "Succeed" },
      },
    });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(types(recorder.events).filter((x) => x === "ParallelStateStarted")).toHaveLength(1);
  });

  it("a Map over a non-array fails with States.Runtime", async () => {
    const { outcome } = await run(
      { StartAt: "M", States: { M: { Type: "Map", ItemsPath: "$.x", ItemProcessor: failingItem, End: true } } },
      { x: "nope" },
    );
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime" });
  });
});
