import { describe, expect, it } from "vitest";
import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity, wildcardTokens } from "./complexity";
import { validatePattern } from "./index";
import { parseWildcard } from "./text";

const TOO_COMPLEX =
  "Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

function tokens(text: string, quoted: boolean): number[] {
  const parsed = parseWildcard(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return wildcardTokens(parsed.pattern.pieces, quoted);
}

/** Complexity of raw (unquoted) byte patterns, as event-ruler's ByteMachine unit tests measure it. */
const raw = (...patterns: string[]) =>
  wildcardComplexity(
    patterns.map((p) => tokens(p, false)),
    100,
  );

describe("wildcard complexity (event-ruler MachineComplexityEvaluatorTest figures)", () => {
  it.each([
    [["*"], 1],
    [["abc"], 1],
    [["*ab"], 2],
    [["*aa"], 3],
    [["a*b"], 2],
    [["aa*"], 2],
    [["a*bb"], 3],
    [["a*bcb"], 3],
    [["a*bbb"], 4],
    [["*ab*ad"], 4],
    [["*ab*d"], 3],
    [["*aba*"], 4],
    [["a*b*bb"], 5],
    [["a*b*cd"], 3],
    [["a*bb*"], 4],
    [["ab*b*"], 3],
    [["*ab*b*b*"], 7],
    [["*a*a*a*a*a*a*a*a*"], 17],
    [["*", "ab*c"], 3],
    [["ab*c", "x*xx"], 3],
    [["*abc", "*abcde"], 4],
    [["a*bcd", "ab*cd"], 4],
    [["a*aaa", "aa*aa"], 7],
    [["a*aaa", "aaa*a"], 6],
    [["abc*", "abcde*"], 3],
    [["ab*cd", "ab*wx", "ab*yz"], 6],
    [["F*eatureFeature", "Fe*atureFeature", "Fea*tureFeature"], 10],
  ] as const)("%j has complexity %i", (patterns, expected) => {
    expect(raw(...patterns)).toBe(expected);
    expect(raw(...[...patterns].reverse())).toBe(expected);
  });

  it("measures values wrapped in quotes, as rules store them (a*a*a*a*a*a* is 11)", () => {
    expect(wildcardComplexity([tokens("a*a*a*a*a*a*", true)], 100)).toBe(11);
  });

  it("stops at the cap", () => {
    expect(raw("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*")).toBe(61);
    expect(wildcardComplexity([tokens("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*", true)])).toBe(MAX_WILDCARD_COMPLEXITY);
  });
});

describe("EventBridge refuses wildcard patterns that are too complex", () => {
  it.each([
    // The user guide's own example of a pattern to simplify ("Wildcards and event pattern complexity").
    { EventBusArn: [{ wildcard: "*:*:*:*:*:event-bus/*" }] },
    { detail: { name: [{ wildcard: "*a*a*a*a*a*a*" }] } },
    { detail: { name: [{ "anything-but": { wildcard: ["*a*a*a*", "*a*a*a*a*"] } }] } },
    // Several patterns of one field add up, also across $or branches.
    { $or: [{ a: [{ wildcard: "*x*x*x*" }] }, { a: [{ wildcard: "*x*y*x*" }], b: ["1"] }] },
  ])("%j", (pattern) => {
    expect(validatePattern(JSON.stringify(pattern))).toEqual({ ok: false, message: TOO_COMPLEX });
  });

  it.each([
    // The guide's simpler alternative to the refused pattern above.
    { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] },
    { FileName: [{ wildcard: "/Users/*/doc.txt" }] },
    { "detail-type": [{ wildcard: "*Task*" }], resources: [{ wildcard: "arn:aws:ecs:*:*:task/*" }] },
    // Each field is measured on its own.
    { a: [{ wildcard: "*x*x*" }], b: [{ wildcard: "*x*x*" }], c: [{ wildcard: "*x*x*" }] },
  ])("accepts %j", (pattern) => {
    expect(validatePattern(JSON.stringify(pattern))).toEqual({ ok: true, pattern });
  });
});
