/**
 * Patterns PutRule / TestEventPattern accept or refuse. Reasons are event-ruler's JsonRuleCompiler wording,
 * which EventBridge returns after "Event pattern is not valid. Reason: " (AWS also appends a parser
 * location, " at [Source: …; line: 1, column: 40]", which the emulator leaves out).
 */
export interface ValidationCase {
  readonly name: string;
  readonly text: string;
  /** undefined: the pattern is valid; otherwise the exact reason expected ("*": any reason, e.g. JSON syntax). */
  readonly reason?: string;
}

const valid = (name: string, pattern: unknown): ValidationCase => ({ name, text: JSON.stringify(pattern) });
const invalid = (name: string, text: string | object, reason: string): ValidationCase => ({
  name,
  text: typeof text === "string" ? text : JSON.stringify(text),
  reason,
});

export const validationCases: readonly ValidationCase[] = [
  // Accepted
  valid("exact values of every JSON type", { a: ["x", 1, 2.5, -3e2, true, false, null] }),
  valid("nested objects", { detail: { a: { b: { c: ["x"] } } } }),
  valid("prefix and suffix, plain and ignoring case", {
    a: [
      { prefix: "p" },
      { suffix: "s" },
      { prefix: { "equals-ignore-case": "P" } },
      { suffix: { "equals-ignore-case": "S" } },
    ],
  }),
  valid("an empty prefix", { a: [{ prefix: "" }] }),
  valid("anything-but in all its forms", {
    a: [
      { "anything-but": "x" },
      { "anything-but": 1 },
      { "anything-but": ["x", "y"] },
      { "anything-but": [1, 2] },
      { "anything-but": { prefix: "p" } },
      { "anything-but": { prefix: ["p", "q"] } },
      { "anything-but": { suffix: "s" } },
      { "anything-but": { "equals-ignore-case": ["X"] } },
      { "anything-but": { wildcard: "*/lib/*" } },
      { "anything-but": { wildcard: ["*.jar", "*.class"] } },
    ],
  }),
  valid("numeric with each operator", {
    a: [
      { numeric: ["=", 1] },
      { numeric: ["<", 1] },
      { numeric: ["<=", 1] },
      { numeric: [">", 1] },
      { numeric: [">=", 1] },
      { numeric: [">", 0, "<=", 5] },
      { numeric: [">=", -1.5, "<", 1e9] },
    ],
  }),
  valid("exists true and false", { a: [{ exists: true }], b: [{ exists: false }] }),
  valid("cidr IPv4 and IPv6", { a: [{ cidr: "10.0.0.0/24" }, { cidr: "2001:db8::/32" }, { cidr: "10.0.0.9/8" }] }),
  valid("equals-ignore-case", { a: [{ "equals-ignore-case": "X" }] }),
  valid("wildcard with escapes", { a: [{ wildcard: "a*b\\*c\\\\d*" }] }),
  valid("top-level $or", { $or: [{ a: ["x"] }, { b: ["y"] }] }),
  valid("nested $or with an and", { a: ["x"], $or: [{ b: ["y"] }, { c: ["z"], $or: [{ d: [1] }, { e: [2] }] }] }),
  valid("$or inside detail", { detail: { $or: [{ a: ["x"] }, { b: ["y"] }] } }),
  { name: "a repeated key (the last definition counts)", text: '{"a": ["x"], "a": [{"prefix": "y"}]}' },
  valid("the original rule pattern, placeholders included", {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: {
      clusterArn: ["ECSクラスター ARN"],
      containers: { exitCode: [0] },
      lastStatus: ["STOPPED"],
      overrides: { containerOverrides: { command: ["Aurora クラスター名"] } },
    },
  }),
  valid("exactly 2048 characters", { a: ["x".repeat(2048 - 10)] }),

  // Refused: structure
  invalid("not JSON", "{source: [aws.ec2]}", "*"),
  invalid("truncated JSON", '{"source": ["aws.ec2"]', "*"),
  invalid("a top-level array", ["aws.ec2"], "Filter is not an object"),
  invalid("a top-level string", '"aws.ec2"', "Filter is not an object"),
  invalid("null", "null", "Filter is not an object"),
  invalid("an empty pattern", {}, "Empty objects are not allowed"),
  invalid("an empty nested object", { source: ["aws.health"], detail: {} }, "Empty objects are not allowed"),
  invalid(
    "a leaf that is not an array",
    { detail: { pipeline: { slug: "some-pipeline" } } },
    '"slug" must be an object or an array',
  ),
  invalid("a numeric leaf", { a: 1 }, '"a" must be an object or an array'),
  invalid("an empty leaf array", { a: [] }, "Empty arrays are not allowed"),
  invalid("an array inside a leaf array", { a: [["x"]] }, "Match value must be String, number, true, false, or null"),
  invalid(
    "longer than 2048 characters",
    { a: ["x".repeat(2048 - 9)] },
    "Event pattern is 2049 characters long, above the limit of 2048 characters",
  ),

  // Refused: match expressions
  invalid("an empty match expression", { a: [{}] }, "Match expression name not found"),
  invalid("an unknown operator", { a: [{ contains: "x" }] }, "Unrecognized match type contains"),
  invalid(
    "two operators in one expression",
    { a: [{ prefix: "a", suffix: "b" }] },
    "Only one key allowed in match expression",
  ),
  invalid("prefix of a number", { a: [{ prefix: 1 }] }, "prefix match pattern must be a string"),
  invalid("suffix as a list", { a: [{ suffix: ["created"] }] }, "suffix match pattern must be a string"),
  invalid(
    "prefix with an unknown option",
    { a: [{ prefix: { wildcard: "x" } }] },
    "Unsupported prefix pattern: wildcard",
  ),
  invalid(
    "prefix equals-ignore-case of a number",
    { a: [{ prefix: { "equals-ignore-case": 1 } }] },
    "equals-ignore-case match pattern must be a string",
  ),
  invalid(
    "equals-ignore-case of a number",
    { a: [{ "equals-ignore-case": 5 }] },
    "equals-ignore-case match pattern must be a string",
  ),
  invalid("exists with a string", { a: [{ exists: "true" }] }, "exists match pattern must be either true or false."),
  invalid(
    "wildcard with consecutive asterisks",
    { a: [{ wildcard: "a**b" }] },
    "Consecutive wildcard characters at pos 2",
  ),
  invalid("wildcard with a bad escape", { a: [{ wildcard: "a\\b" }] }, "Invalid escape character at pos 2"),
  invalid("wildcard of a number", { a: [{ wildcard: 1 }] }, "wildcard match pattern must be a string"),

  // Refused: numeric
  invalid("numeric that is not an array", { a: [{ numeric: 5 }] }, "Value of numeric must be an array."),
  invalid(
    "numeric with an unknown operator",
    { a: [{ numeric: ["!=", 5] }] },
    "Unrecognized numeric range operator: !=",
  ),
  invalid("numeric starting with a number", { a: [{ numeric: [5, "<"] }] }, "Invalid member in numeric match: 5"),
  invalid("numeric empty", { a: [{ numeric: [] }] }, "Invalid member in numeric match: ]"),
  invalid("numeric with a string value", { a: [{ numeric: [">", "5"] }] }, "Value of > must be numeric"),
  invalid("numeric equals with a string", { a: [{ numeric: ["=", "5"] }] }, "Value of equals must be numeric"),
  invalid("numeric with two lower bounds", { a: [{ numeric: [">", 5, ">", 3] }] }, "Bad numeric range operator: >"),
  invalid(
    "numeric upper bound first",
    { a: [{ numeric: ["<", 10, ">", 0] }] },
    "Too many elements in numeric expression",
  ),
  invalid(
    "numeric with three comparisons",
    { a: [{ numeric: [">", 0, "<", 5, "<", 6] }] },
    "Too many terms in numeric range expression",
  ),
  invalid("numeric empty range", { a: [{ numeric: [">", 5, "<", 5] }] }, "Bottom must be less than top"),
  invalid("numeric inverted range", { a: [{ numeric: [">=", 10, "<=", 1] }] }, "Bottom must be less than top"),
  invalid(
    "numeric range with a missing upper value",
    { a: [{ numeric: [">", 0, "<"] }] },
    "Value of < must be numeric",
  ),
  invalid("numeric out of double range", '{"a": [{"numeric": [">", 1e400]}]}', "Cannot compare number : Infinity"),

  // Refused: anything-but
  invalid(
    "anything-but of null",
    { a: [{ "anything-but": null }] },
    "Value of anything-but must be an array or single string/number value.",
  ),
  invalid(
    "anything-but of a boolean",
    { a: [{ "anything-but": true }] },
    "Value of anything-but must be an array or single string/number value.",
  ),
  invalid(
    "anything-but mixing strings and numbers",
    { a: [{ "anything-but": ["x", 1] }] },
    "Inside anything but list, either all values are number or string, mixed type is not supported",
  ),
  invalid(
    "anything-but of an empty list",
    { a: [{ "anything-but": [] }] },
    "Inside anything but list, either all values are number or string, mixed type is not supported",
  ),
  invalid(
    "anything-but list with null",
    { a: [{ "anything-but": ["x", null] }] },
    "Inside anything but list, start|null|boolean is not supported.",
  ),
  invalid(
    "anything-but with an unknown option",
    { a: [{ "anything-but": { numeric: [">", 1] } }] },
    "Unsupported anything-but pattern: numeric",
  ),
  invalid(
    "anything-but with an empty object",
    { a: [{ "anything-but": {} }] },
    "Anything-But expression name not found",
  ),
  invalid("anything-but prefix empty", { a: [{ "anything-but": { prefix: "" } }] }, "Null prefix/suffix not allowed"),
  invalid(
    "anything-but prefix of a number",
    { a: [{ "anything-but": { prefix: 1 } }] },
    "prefix/suffix match pattern must be a string",
  ),
  invalid(
    "anything-but ignoring case of a number",
    { a: [{ "anything-but": { "equals-ignore-case": [1] } }] },
    "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
  ),
  invalid(
    "anything-but wildcard with consecutive asterisks",
    { a: [{ "anything-but": { wildcard: "**" } }] },
    "Consecutive wildcard characters at pos 1",
  ),
  invalid(
    "anything-but of a nested object value",
    { a: [{ "anything-but": { prefix: { x: 1 } } }] },
    "Value of anything-but must be an array or single string/number value.",
  ),

  // Refused: cidr
  invalid("cidr without a mask", { a: [{ cidr: "10.0.0.0" }] }, "Malformed CIDR, one '/' required"),
  invalid(
    "cidr with a non-integer mask",
    { a: [{ cidr: "10.0.0.0/x" }] },
    "Malformed CIDR, mask bits must be an integer",
  ),
  invalid(
    "cidr with a negative mask",
    { a: [{ cidr: "10.0.0.0/-1" }] },
    "Malformed CIDR, mask bits must not be negative",
  ),
  invalid("cidr with an IPv4 mask of 32", { a: [{ cidr: "10.0.0.1/32" }] }, "IPv4 mask bits must be < 32"),
  invalid("cidr with an IPv6 mask of 128", { a: [{ cidr: "2001:db8::1/128" }] }, "IPv6 mask bits must be < 128"),
  invalid("cidr with a host name", { a: [{ cidr: "example.com/24" }] }, "Nonstandard IP address: example.com"),
  invalid("cidr with an impossible address", { a: [{ cidr: "10.0.0.256/24" }] }, "Invalid IP address: 10.0.0.256"),
  invalid("cidr of a number", { a: [{ cidr: 10 }] }, "prefix match pattern must be a string"),

  // Refused: $or
  invalid("$or that is not an array", { $or: { a: ["x"] } }, "It must be an Array followed with $or."),
  invalid("$or with one object", { $or: [{ a: ["x"] }] }, "There must have at least 2 Objects in $or relationship."),
  invalid(
    "$or with a non-object",
    { $or: [{ a: ["x"] }, "b"] },
    "Only JSON object is allowed in array of $or relationship.",
  ),
  invalid(
    "$or with an operator as a field name",
    { $or: [{ numeric: [">", 1] }, { prefix: ["abc"] }] },
    "numeric is Ruler reserved fieldName which cannot be used inside $or.",
  ),
  invalid("$or with an empty object", { $or: [{}, { a: ["x"] }] }, "Empty objects are not allowed"),
  invalid(
    "$or multiplying out to more than 1000 combinations",
    {
      $or: Array.from({ length: 11 }, (_, i) => ({ [`a${i}`]: ["x"] })),
      detail: {
        $or: Array.from({ length: 10 }, (_, i) => ({ [`b${i}`]: ["x"] })),
        x: { $or: Array.from({ length: 10 }, (_, i) => ({ [`c${i}`]: ["x"] })) },
      },
    },
    "The use of $or results in more than 1000 rule combinations",
  ),
];
