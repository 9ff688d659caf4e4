import seedEvent from "../../../fixtures/seed/seed-ecs-task-state-change.event.json";
import seedRulePattern from "../../../fixtures/seed/seed-rule-pattern.json";

/**
 * Pattern-matching cases taken from the Amazon EventBridge user guide (each names its page and section),
 * plus the project's original rule against its original ECS event. Events are the guide's sample events
 * where it gives one; where the guide shows only the pattern, the event is the guide's EC2 sample with the
 * field in question set. Array-consistency cases cite AWS event-ruler's README, the library EventBridge
 * matches with, because the guide does not spell that rule out.
 */
export interface PatternCase {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly event: Record<string, unknown>;
  readonly matches: boolean;
  readonly source: string;
}

const GUIDE = "https://docs.aws.amazon.com/eventbridge/latest/userguide";
const PATTERNS = `${GUIDE}/eb-event-patterns.html`;
const CREATE = `${GUIDE}/eb-create-pattern.html`;
const NULLS = `${GUIDE}/eb-event-patterns-null-values.html`;
const ARRAYS = `${GUIDE}/eb-event-patterns-arrays.html`;
const OPERATORS = `${GUIDE}/eb-create-pattern-operators.html`;
const RULER_ARRAYS = "https://github.com/aws/event-ruler/blob/main/README.md#json-array-matching";
const RULER_OR = "https://github.com/aws/event-ruler/blob/main/README.md#the-or-primitive";

type Json = Record<string, unknown>;

/** The EC2 state-change sample event from "Amazon EventBridge event patterns". */
const EC2_EVENT: Json = {
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "111122223333",
  time: "2017-12-22T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated" },
};

/** The EC2 sample with a different detail (and optionally other envelope fields). */
function ec2(detail: Json, envelope: Json = {}): Json {
  return { ...EC2_EVENT, ...envelope, detail };
}

/** The event the content-filtering examples are written against (c-count, d-count, x-limit, source-ip). */
const CONTENT_EVENT: Json = ec2(
  {
    "c-count": 5,
    "d-count": 3,
    "x-limit": 301.8,
    "source-ip": "10.0.0.33",
    "instance-id": "i-000000aaaaaa00000",
    state: "running",
  },
  { time: "2017-10-02T16:24:49Z", region: "us-east-1" },
);

function content(detail: Json, envelope: Json = {}): Json {
  const base = CONTENT_EVENT.detail as Json;
  return { ...CONTENT_EVENT, ...envelope, detail: { ...base, ...detail } };
}

/** The Auto Scaling sample from "Matching null values and empty strings". */
const AUTOSCALING_EVENT: Json = {
  version: "0",
  id: "3e3c153a-8339-4e30-8c35-687ebef853fe",
  "detail-type": "EC2 Instance Launch Successful",
  source: "aws.autoscaling",
  account: "123456789012",
  time: "2015-11-11T21:31:47Z",
  region: "us-east-1",
  resources: [],
  detail: { eventVersion: "", responseElements: null },
};

/** The (truncated) Macie finding sample from "Example events and event patterns". */
const MACIE_EVENT: Json = {
  version: "0",
  id: "0948ba87-d3b8-c6d4-f2da-732a1example",
  "detail-type": "Macie Finding",
  source: "aws.macie",
  account: "123456789012",
  time: "2021-04-29T23:12:15Z",
  region: "us-east-1",
  resources: [],
  detail: {
    schemaVersion: "1.0",
    id: "64b917aa-3843-014c-91d8-937ffexample",
    accountId: "123456789012",
    partition: "aws",
    region: "us-east-1",
    type: "Policy:IAMUser/S3BucketEncryptionDisabled",
    title: "Encryption is disabled for the S3 bucket",
    severity: { score: 1, description: "Low" },
    createdAt: "2021-04-29T15:46:02Z",
    updatedAt: "2021-04-29T23:12:15Z",
    count: 2,
  },
};

const ARRAY_RULE_RESOURCES = [
  "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
  "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
  "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f",
];

// ---------------------------------------------------------------------------------------------------------
// The original rule (fixtures/seed/seed-rule-pattern.json) and event, placeholders filled consistently.

const CLUSTER_PLACEHOLDER = "ECSクラスター ARN";
const COMMAND_PLACEHOLDER = "Aurora クラスター名";

type SeedEvent = typeof seedEvent;

/** The seed rule with its cluster-ARN and command placeholders replaced by the given event's values. */
export function filledSeedPattern(event: SeedEvent = seedEvent): Json {
  const pattern = structuredClone(seedRulePattern) as unknown as {
    detail: { clusterArn: string[]; overrides: { containerOverrides: { command: string[] } } };
  };
  const command = event.detail.overrides.containerOverrides[0]?.command[0] ?? "";
  pattern.detail.clusterArn = pattern.detail.clusterArn.map((v) =>
    v === CLUSTER_PLACEHOLDER ? event.detail.clusterArn : v,
  );
  pattern.detail.overrides.containerOverrides.command = pattern.detail.overrides.containerOverrides.command.map((v) =>
    v === COMMAND_PLACEHOLDER ? command : v,
  );
  return pattern as unknown as Json;
}

function seedVariant(change: (event: SeedEvent) => void): Json {
  const event = structuredClone(seedEvent);
  change(event);
  return event as unknown as Json;
}

const SEED = "seed-workflow.md step 2 (rule seed-rule-pattern.json, event seed-ecs-task-state-change.event.json)";
const SEED_PATTERN = filledSeedPattern();

const seedCases: PatternCase[] = [
  {
    name: "seed: original rule matches the original ECS event",
    pattern: SEED_PATTERN,
    event: seedEvent as unknown as Json,
    matches: true,
    source: SEED,
  },
  {
    name: "seed: container exit code 1 does not match",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      e.detail.containers[0]!.exitCode = 1;
    }),
    matches: false,
    source: SEED,
  },
  {
    name: "seed: lastStatus RUNNING does not match",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      e.detail.lastStatus = "RUNNING";
    }),
    matches: false,
    source: SEED,
  },
  {
    name: "seed: another command does not match",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      e.detail.overrides.containerOverrides[0]!.command = ["another-cluster"];
    }),
    matches: false,
    source: SEED,
  },
  {
    name: "seed: another cluster does not match",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      e.detail.clusterArn = "arn:aws:ecs:ap-northeast-1:1234567891911:cluster/other";
    }),
    matches: false,
    source: SEED,
  },
  {
    name: "seed: a container that never ran (no exitCode) does not match",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      delete (e.detail.containers[0] as { exitCode?: number }).exitCode;
    }),
    matches: false,
    source: SEED,
  },
  {
    name: "seed: any container with exit code 0 is enough (arrays of objects are flattened)",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      const first = e.detail.containers[0]!;
      e.detail.containers = [{ ...first, name: "sidecar", exitCode: 137 }, first];
    }),
    matches: true,
    source: SEED,
  },
  {
    name: "seed: the unfilled placeholders match nothing",
    pattern: seedRulePattern as unknown as Json,
    event: seedEvent as unknown as Json,
    matches: false,
    source: SEED,
  },
  {
    name: "seed: source aws.ecs is required",
    pattern: SEED_PATTERN,
    event: seedVariant((e) => {
      e.source = "custom.ecs";
    }),
    matches: false,
    source: SEED,
  },
];

// ---------------------------------------------------------------------------------------------------------

const guideCases: PatternCase[] = [
  // Amazon EventBridge event patterns (overview)
  {
    name: "EC2 termination pattern matches the terminated instance event",
    pattern: {
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
      detail: { state: ["terminated"] },
    },
    event: EC2_EVENT,
    matches: true,
    source: `${PATTERNS} — event pattern example`,
  },
  {
    name: "EC2 termination pattern does not match a running instance",
    pattern: {
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
      detail: { state: ["terminated"] },
    },
    event: ec2({ "instance-id": "i-1234567890abcdef0", state: "running" }),
    matches: false,
    source: `${PATTERNS} — event pattern example`,
  },
  {
    name: "fields absent from the pattern are ignored",
    pattern: { source: ["aws.ec2"] },
    event: EC2_EVENT,
    matches: true,
    source: `${CREATE} — fields not in the pattern are ignored`,
  },
  {
    name: "every field named in the pattern must be in the event",
    pattern: { source: ["aws.ec2"], detail: { "not-there": ["x"] } },
    event: EC2_EVENT,
    matches: false,
    source: `${CREATE} — the event must contain all field names in the pattern`,
  },
  {
    name: "field names must appear with the same nesting",
    pattern: { state: ["terminated"] },
    event: EC2_EVENT,
    matches: false,
    source: `${CREATE} — same nesting structure`,
  },
  {
    name: "strings match exactly, without case folding",
    pattern: { detail: { state: ["Terminated"] } },
    event: EC2_EVENT,
    matches: false,
    source: `${CREATE} — exact character-by-character matching`,
  },
  {
    name: "match values: source is aws.ec2 or aws.fargate (first)",
    pattern: { source: ["aws.ec2", "aws.fargate"] },
    event: EC2_EVENT,
    matches: true,
    source: `${CREATE} — Matching event values`,
  },
  {
    name: "match values: source is aws.ec2 or aws.fargate (second)",
    pattern: { source: ["aws.ec2", "aws.fargate"] },
    event: ec2({ state: "terminated" }, { source: "aws.fargate" }),
    matches: true,
    source: `${CREATE} — Matching event values`,
  },
  {
    name: "match values: aws.ecs is neither",
    pattern: { source: ["aws.ec2", "aws.fargate"] },
    event: ec2({ state: "terminated" }, { source: "aws.ecs" }),
    matches: false,
    source: `${CREATE} — Matching event values`,
  },
  // Envelope fields
  {
    name: "envelope: account",
    pattern: { account: ["111122223333"] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — account`,
  },
  {
    name: "envelope: another account",
    pattern: { account: ["123456789012"] },
    event: EC2_EVENT,
    matches: false,
    source: `${GUIDE}/eb-events-structure.html — account`,
  },
  {
    name: "envelope: region",
    pattern: { region: ["us-west-1", "us-west-2"] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — region`,
  },
  {
    name: "envelope: id",
    pattern: { id: ["6a7e8feb-b491-4cf7-a9f1-bf3703467718"] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — id`,
  },
  {
    name: "envelope: version",
    pattern: { version: ["0"] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — version`,
  },
  {
    name: 'envelope: version is the string "0", not the number 0',
    pattern: { version: [0] },
    event: EC2_EVENT,
    matches: false,
    source: `${GUIDE}/eb-events-structure.html — version`,
  },
  {
    name: "envelope: resources (an array in the event)",
    pattern: { resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — resources`,
  },
  {
    name: "envelope: detail-type and time prefix together",
    pattern: { "detail-type": ["EC2 Instance State-change Notification"], time: [{ prefix: "2017-12-22" }] },
    event: EC2_EVENT,
    matches: true,
    source: `${GUIDE}/eb-events-structure.html — detail-type, time`,
  },
  // Example events and event patterns
  {
    name: "field matching: responseElements is null",
    pattern: {
      source: ["aws.autoscaling"],
      "detail-type": ["EC2 Instance Launch Successful"],
      detail: { responseElements: [null] },
    },
    event: AUTOSCALING_EVENT,
    matches: true,
    source: `${CREATE} — Example events and event patterns: field matching`,
  },
  {
    name: "value matching: Macie severity score 1 and count 2",
    pattern: {
      source: ["aws.macie"],
      "detail-type": ["Macie Finding"],
      detail: { severity: { score: [1] }, count: [2] },
    },
    event: MACIE_EVENT,
    matches: true,
    source: `${CREATE} — Example events and event patterns: value matching`,
  },
  {
    name: "value matching: Macie severity score 8 does not match",
    pattern: {
      source: ["aws.macie"],
      "detail-type": ["Macie Finding"],
      detail: { severity: { score: [8] }, count: [2] },
    },
    event: MACIE_EVENT,
    matches: false,
    source: `${CREATE} — Example events and event patterns: value matching`,
  },
  {
    name: "value matching: numbers compare as numbers (1.0 = 1)",
    pattern: { detail: { severity: { score: [1.0] }, count: [2] } },
    event: MACIE_EVENT,
    matches: true,
    source: `${OPERATORS} — Numeric matching (exact numbers compare numerically)`,
  },
  {
    name: 'value matching: the string "2" is not the number 2',
    pattern: { detail: { count: ["2"] } },
    event: MACIE_EVENT,
    matches: false,
    source: `${CREATE} — values follow JSON rules`,
  },
  // Null values and empty strings
  {
    name: 'empty string matches eventVersion ""',
    pattern: { detail: { eventVersion: [""] } },
    event: AUTOSCALING_EVENT,
    matches: true,
    source: `${NULLS} — empty string`,
  },
  {
    name: "null matches responseElements null",
    pattern: { detail: { responseElements: [null] } },
    event: AUTOSCALING_EVENT,
    matches: true,
    source: `${NULLS} — null value`,
  },
  {
    name: 'null and empty string are not interchangeable ("" vs null)',
    pattern: { detail: { responseElements: [""] } },
    event: AUTOSCALING_EVENT,
    matches: false,
    source: `${NULLS} — note`,
  },
  {
    name: 'null and empty string are not interchangeable (null vs "")',
    pattern: { detail: { eventVersion: [null] } },
    event: AUTOSCALING_EVENT,
    matches: false,
    source: `${NULLS} — note`,
  },
  {
    name: "null does not match a missing field",
    pattern: { detail: { missing: [null] } },
    event: AUTOSCALING_EVENT,
    matches: false,
    source: `${NULLS} — null value`,
  },
  {
    name: "operators table: UserID is null",
    pattern: { UserID: [null] },
    event: { UserID: null, LastName: "" },
    matches: true,
    source: `${OPERATORS} — Null`,
  },
  {
    name: "operators table: LastName is empty",
    pattern: { LastName: [""] },
    event: { UserID: null, LastName: "" },
    matches: true,
    source: `${OPERATORS} — Empty`,
  },
  // Arrays
  {
    name: "arrays: pattern and event arrays intersect",
    pattern: { resources: ARRAY_RULE_RESOURCES },
    event: ec2(
      { state: "terminated" },
      {
        resources: [
          "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
          "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        ],
      },
    ),
    matches: true,
    source: `${ARRAYS} — intersection of the pattern array and the event array`,
  },
  {
    name: "arrays: no common element",
    pattern: { resources: ARRAY_RULE_RESOURCES },
    event: ec2(
      { state: "terminated" },
      {
        resources: ["arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f"],
      },
    ),
    matches: false,
    source: `${ARRAYS} — intersection of the pattern array and the event array`,
  },
  {
    name: "arrays: an empty event array matches no value",
    pattern: { resources: ARRAY_RULE_RESOURCES },
    event: AUTOSCALING_EVENT,
    matches: false,
    source: `${ARRAYS} — intersection of the pattern array and the event array`,
  },
  {
    name: "arrays: a value inside a nested array",
    pattern: { detail: { tags: ["Insider"] } },
    event: ec2({ tags: [["Custom_Alert"], ["Insider"]] }),
    matches: true,
    source: RULER_ARRAYS,
  },
  {
    name: "arrays of objects: employees.firstName matches any element",
    pattern: { employees: { firstName: ["Anna"] } },
    event: {
      employees: [
        { firstName: "John", lastName: "Doe" },
        { firstName: "Anna", lastName: "Smith" },
        { firstName: "Peter", lastName: "Jones" },
      ],
    },
    matches: true,
    source: RULER_ARRAYS,
  },
  {
    name: "arrays of objects: fields named together must come from one element",
    pattern: { employees: { firstName: ["Anna"], lastName: ["Jones"] } },
    event: {
      employees: [
        { firstName: "John", lastName: "Doe" },
        { firstName: "Anna", lastName: "Smith" },
        { firstName: "Peter", lastName: "Jones" },
      ],
    },
    matches: false,
    source: RULER_ARRAYS,
  },
  {
    name: "arrays of objects: both fields in the same element",
    pattern: { employees: { firstName: ["Anna"], lastName: ["Smith"] } },
    event: {
      employees: [
        { firstName: "John", lastName: "Doe" },
        { firstName: "Anna", lastName: "Smith" },
      ],
    },
    matches: true,
    source: RULER_ARRAYS,
  },
  {
    name: "arrays of arrays of objects are flattened too",
    pattern: { employees: { firstName: ["Peter"] } },
    event: { employees: [[{ firstName: "John" }, { firstName: "Anna" }], [{ firstName: "Peter" }]] },
    matches: true,
    source: RULER_ARRAYS,
  },
  // Prefix
  {
    name: "prefix: time starts with 2017-10-02",
    pattern: { time: [{ prefix: "2017-10-02" }] },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Prefix matching`,
  },
  {
    name: "prefix: time on another day",
    pattern: { time: [{ prefix: "2017-10-02" }] },
    event: EC2_EVENT,
    matches: false,
    source: `${OPERATORS} — Prefix matching`,
  },
  {
    name: "prefix: Region is in the US",
    pattern: { Region: [{ prefix: "us-" }] },
    event: { Region: "us-east-1" },
    matches: true,
    source: `${OPERATORS} — Begins with`,
  },
  {
    name: "prefix: eu-west-1 is not in the US",
    pattern: { Region: [{ prefix: "us-" }] },
    event: { Region: "eu-west-1" },
    matches: false,
    source: `${OPERATORS} — Begins with`,
  },
  {
    name: "prefix: only string values can match",
    pattern: { detail: { "c-count": [{ prefix: "5" }] } },
    event: CONTENT_EVENT,
    matches: false,
    source: `${OPERATORS} — Prefix matching (string values)`,
  },
  {
    name: "prefix ignoring case: EventB matches EVENTBRIDGE",
    pattern: { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } },
    event: ec2({ service: "EVENTBRIDGE" }),
    matches: true,
    source: `${OPERATORS} — Prefix matching while ignoring case`,
  },
  {
    name: "prefix ignoring case: eventb does not match Lambda",
    pattern: { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } },
    event: ec2({ service: "Lambda" }),
    matches: false,
    source: `${OPERATORS} — Prefix matching while ignoring case`,
  },
  // Suffix
  {
    name: "suffix: FileName ends with .png",
    pattern: { FileName: [{ suffix: ".png" }] },
    event: { FileName: "image.png" },
    matches: true,
    source: `${OPERATORS} — Suffix matching`,
  },
  {
    name: "suffix: .PNG is another suffix",
    pattern: { FileName: [{ suffix: ".png" }] },
    event: { FileName: "image.PNG" },
    matches: false,
    source: `${OPERATORS} — Suffix matching`,
  },
  {
    name: "suffix ignoring case: .PNG",
    pattern: { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } },
    event: ec2({ FileName: "image.PNG" }),
    matches: true,
    source: `${OPERATORS} — Suffix matching while ignoring case`,
  },
  {
    name: "suffix ignoring case: service ends with tbridge",
    pattern: { service: [{ suffix: { "equals-ignore-case": "tbridge" } }] },
    event: { service: "EVENTBRIDGE" },
    matches: true,
    source: `${OPERATORS} — Ends with (ignore case)`,
  },
  {
    name: "suffix ignoring case: .jpg is not .png",
    pattern: { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } },
    event: ec2({ FileName: "image.jpg" }),
    matches: false,
    source: `${OPERATORS} — Suffix matching while ignoring case`,
  },
  // Anything-but
  {
    name: "anything-but: state other than initializing",
    pattern: { detail: { state: [{ "anything-but": "initializing" }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Anything-but matching`,
  },
  {
    name: "anything-but: state initializing is excluded",
    pattern: { detail: { state: [{ "anything-but": "initializing" }] } },
    event: content({ state: "initializing" }),
    matches: false,
    source: `${OPERATORS} — Anything-but matching`,
  },
  {
    name: "anything-but: a missing field does not match",
    pattern: { detail: { weather: [{ "anything-but": "Raining" }] } },
    event: CONTENT_EVENT,
    matches: false,
    source: `${OPERATORS} — Anything-but matching`,
  },
  {
    name: "anything-but number: x-limit is not 123",
    pattern: { detail: { "x-limit": [{ "anything-but": 123 }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Anything-but matching (numbers)`,
  },
  {
    name: "anything-but number: x-limit 123 is excluded",
    pattern: { detail: { "x-limit": [{ "anything-but": 123 }] } },
    event: content({ "x-limit": 123 }),
    matches: false,
    source: `${OPERATORS} — Anything-but matching (numbers)`,
  },
  {
    name: "anything-but list of strings: running is not stopped/overloaded",
    pattern: { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Anything-but matching (list of strings)`,
  },
  {
    name: "anything-but list of strings: overloaded is excluded",
    pattern: { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } },
    event: content({ state: "overloaded" }),
    matches: false,
    source: `${OPERATORS} — Anything-but matching (list of strings)`,
  },
  {
    name: "anything-but list of numbers: 301.8 is not 100/200/300",
    pattern: { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Anything-but matching (list of numbers)`,
  },
  {
    name: "anything-but list of numbers: 200 is excluded",
    pattern: { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } },
    event: content({ "x-limit": 200 }),
    matches: false,
    source: `${OPERATORS} — Anything-but matching (list of numbers)`,
  },
  {
    name: "operators table: Weather is anything but Raining",
    pattern: { Weather: [{ "anything-but": ["Raining"] }] },
    event: { Weather: "Sunny" },
    matches: true,
    source: `${OPERATORS} — Not`,
  },
  {
    name: "anything-but prefix: state without init prefix",
    pattern: { detail: { state: [{ "anything-but": { prefix: "init" } }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Anything-but matching (prefix)`,
  },
  {
    name: "anything-but prefix: initializing starts with init",
    pattern: { detail: { state: [{ "anything-but": { prefix: "init" } }] } },
    event: content({ state: "initializing" }),
    matches: false,
    source: `${OPERATORS} — Anything-but matching (prefix)`,
  },
  {
    name: "anything-but prefix: Region not in the US",
    pattern: { Region: [{ "anything-but": { prefix: "us-" } }] },
    event: { Region: "eu-west-1" },
    matches: true,
    source: `${OPERATORS} — Anything-but (begins with)`,
  },
  {
    name: "anything-but suffix: FileName not ending with .png",
    pattern: { FileName: [{ "anything-but": { suffix: ".png" } }] },
    event: { FileName: "image.png" },
    matches: false,
    source: `${OPERATORS} — Anything-but (ends with)`,
  },
  {
    name: "anything-but suffix: a .txt file passes",
    pattern: { FileName: [{ "anything-but": { suffix: ".png" } }] },
    event: { FileName: "notes.txt" },
    matches: true,
    source: `${OPERATORS} — Anything-but (ends with)`,
  },
  {
    name: "anything-but ignoring case: INITIALIZING is excluded",
    pattern: { state: [{ "anything-but": { "equals-ignore-case": "initializing" } }] },
    event: { state: "INITIALIZING" },
    matches: false,
    source: `${OPERATORS} — Anything-but (ignore case)`,
  },
  {
    name: "anything-but ignoring case list: Running is not Stopped/OverLoaded",
    pattern: { detail: { state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } },
    event: content({ state: "Running" }),
    matches: true,
    source: `${OPERATORS} — Anything-but (ignore case)`,
  },
  {
    name: "anything-but wildcard: a path containing /lib/ is excluded",
    pattern: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] },
    event: { FilePath: "/usr/lib/libc.so" },
    matches: false,
    source: `${OPERATORS} — Anything-but using a wildcard`,
  },
  {
    name: "anything-but wildcard: a path without /lib/ passes",
    pattern: { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] },
    event: { FilePath: "/usr/bin/env" },
    matches: true,
    source: `${OPERATORS} — Anything-but using a wildcard`,
  },
  {
    name: "anything-but on an array: one element outside the set is enough",
    pattern: { detail: { tags: [{ "anything-but": ["Insider"] }] } },
    event: ec2({ tags: ["Custom_Alert", "Insider"] }),
    matches: true,
    source: `${ARRAYS} — any element that matches`,
  },
  // Numeric
  {
    name: "numeric: c-count > 0 and <= 5, d-count < 10, x-limit = 3.018e2",
    pattern: {
      detail: {
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ numeric: ["=", 3.018e2] }],
      },
    },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Numeric matching`,
  },
  {
    name: "numeric: c-count 6 is above the range",
    pattern: {
      detail: {
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ numeric: ["=", 3.018e2] }],
      },
    },
    event: content({ "c-count": 6 }),
    matches: false,
    source: `${OPERATORS} — Numeric matching`,
  },
  {
    name: "numeric: the lower bound 0 is open",
    pattern: { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } },
    event: content({ "c-count": 0 }),
    matches: false,
    source: `${OPERATORS} — Numeric matching`,
  },
  {
    name: 'numeric: only JSON numbers match ("5" is a string)',
    pattern: { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }] } },
    event: content({ "c-count": "5" }),
    matches: false,
    source: `${OPERATORS} — Numeric matching works with values that are JSON numbers`,
  },
  {
    name: "operators table: Price is 100",
    pattern: { Price: [{ numeric: ["=", 100] }] },
    event: { Price: 100.0 },
    matches: true,
    source: `${OPERATORS} — Numeric (equals)`,
  },
  {
    name: "operators table: Price more than 10 and at most 20 (20)",
    pattern: { Price: [{ numeric: [">", 10, "<=", 20] }] },
    event: { Price: 20 },
    matches: true,
    source: `${OPERATORS} — Numeric (range)`,
  },
  {
    name: "operators table: Price 10 is not more than 10",
    pattern: { Price: [{ numeric: [">", 10, "<=", 20] }] },
    event: { Price: 10 },
    matches: false,
    source: `${OPERATORS} — Numeric (range)`,
  },
  {
    name: "numeric: any array element in range is enough",
    pattern: { scores: [{ numeric: [">=", 90] }] },
    event: { scores: [12, 95, 40] },
    matches: true,
    source: `${ARRAYS} — any element that matches`,
  },
  // IP address
  {
    name: "cidr: 10.0.0.33 is in 10.0.0.0/24",
    pattern: { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — IP address matching`,
  },
  {
    name: "cidr: 10.0.1.1 is outside 10.0.0.0/24",
    pattern: { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } },
    event: content({ "source-ip": "10.0.1.1" }),
    matches: false,
    source: `${OPERATORS} — IP address matching`,
  },
  {
    name: "cidr: IPv6 addresses",
    pattern: { detail: { sourceIPAddress: [{ cidr: "2001:db8::/32" }] } },
    event: ec2({ sourceIPAddress: "2001:0db8:85a3::8a2e:0370:7334" }),
    matches: true,
    source: `${OPERATORS} — IP address matching (IPv4 and IPv6)`,
  },
  {
    name: "cidr: a string that is not an address does not match",
    pattern: { detail: { sourceIPAddress: [{ cidr: "10.0.0.0/8" }] } },
    event: ec2({ sourceIPAddress: "ec2.amazonaws.com" }),
    matches: false,
    source: `${OPERATORS} — IP address matching`,
  },
  // Exists
  {
    name: "exists true: detail.state is present",
    pattern: { detail: { state: [{ exists: true }] } },
    event: ec2({ "instance-id": "i-abcd1111", state: "pending" }),
    matches: true,
    source: `${OPERATORS} — Exists matching`,
  },
  {
    name: "exists true: detail.state is missing",
    pattern: { detail: { state: [{ exists: true }] } },
    event: ec2({ "c-count": { c1: 100 } }),
    matches: false,
    source: `${OPERATORS} — Exists matching`,
  },
  {
    name: "exists false: detail.c-count is missing",
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: ec2({ state: ["initializing", "running"] }),
    matches: true,
    source: `${OPERATORS} — Exists matching`,
  },
  {
    name: "exists false: c-count that is an object is not a leaf, so it does not exist",
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: ec2({ state: ["initializing", "running"], "c-count": { c1: 100 } }),
    matches: true,
    source: `${OPERATORS} — Exists matching (only leaf nodes)`,
  },
  {
    name: "exists false: a present c-count fails",
    pattern: { detail: { "c-count": [{ exists: false }] } },
    event: CONTENT_EVENT,
    matches: false,
    source: `${OPERATORS} — Exists matching`,
  },
  {
    name: "exists true: a null value exists",
    pattern: { detail: { responseElements: [{ exists: true }] } },
    event: AUTOSCALING_EVENT,
    matches: true,
    source: `${OPERATORS} — Exists matching`,
  },
  {
    name: "exists true: an empty array holds no value",
    pattern: { resources: [{ exists: true }] },
    event: AUTOSCALING_EVENT,
    matches: false,
    source: `${OPERATORS} — Exists matching (only leaf nodes)`,
  },
  {
    name: "exists false: an empty array counts as absent",
    pattern: { resources: [{ exists: false }] },
    event: AUTOSCALING_EVENT,
    matches: true,
    source: `${OPERATORS} — Exists matching (only leaf nodes)`,
  },
  {
    name: "operators table: ProductName exists",
    pattern: { ProductName: [{ exists: true }] },
    event: { ProductName: "Widget" },
    matches: true,
    source: `${OPERATORS} — Exists`,
  },
  {
    name: "operators table: ProductName does not exist",
    pattern: { ProductName: [{ exists: false }] },
    event: { Price: 3 },
    matches: true,
    source: `${OPERATORS} — Does not exist`,
  },
  // Equals-ignore-case
  {
    name: "equals-ignore-case: detail-type in lower case",
    pattern: { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] },
    event: EC2_EVENT,
    matches: true,
    source: `${OPERATORS} — Equals-ignore-case matching`,
  },
  {
    name: "operators table: Name is alice ignoring case",
    pattern: { Name: [{ "equals-ignore-case": "alice" }] },
    event: { Name: "Alice" },
    matches: true,
    source: `${OPERATORS} — Equals (ignore case)`,
  },
  {
    name: "equals-ignore-case: Alicia is not alice",
    pattern: { Name: [{ "equals-ignore-case": "alice" }] },
    event: { Name: "Alicia" },
    matches: false,
    source: `${OPERATORS} — Equals (ignore case)`,
  },
  {
    name: "operators table: Name is Alice (exact)",
    pattern: { Name: ["Alice"] },
    event: { Name: "Alice" },
    matches: true,
    source: `${OPERATORS} — Equals`,
  },
  // Wildcard
  {
    name: "wildcard: dir/*.png matches dir/image.png",
    pattern: { FileName: [{ wildcard: "dir/*.png" }] },
    event: { FileName: "dir/image.png" },
    matches: true,
    source: `${OPERATORS} — Wildcard matching`,
  },
  {
    name: "wildcard: dir/*.png also spans sub-folders (dir/a/b.png)",
    pattern: { FileName: [{ wildcard: "dir/*.png" }] },
    event: { FileName: "dir/a/b.png" },
    matches: true,
    source: `${OPERATORS} — Wildcard matching`,
  },
  {
    name: "wildcard: dir/*.png does not match other/image.png",
    pattern: { FileName: [{ wildcard: "dir/*.png" }] },
    event: { FileName: "other/image.png" },
    matches: false,
    source: `${OPERATORS} — Wildcard matching`,
  },
  {
    name: "wildcard: event bus ARN in any account",
    pattern: { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] },
    event: { EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/default" },
    matches: true,
    source: `${OPERATORS} — Wildcard matching`,
  },
  {
    name: "wildcard: event bus ARN in another region",
    pattern: { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] },
    event: { EventBusArn: "arn:aws:events:eu-west-1:123456789012:event-bus/default" },
    matches: false,
    source: `${OPERATORS} — Wildcard matching`,
  },
  {
    name: "wildcard: an escaped asterisk is literal",
    pattern: { detail: { name: [{ wildcard: "a\\*c" }] } },
    event: ec2({ name: "abc" }),
    matches: false,
    source: `${OPERATORS} — Wildcard matching (escape with a backslash)`,
  },
  // $or
  {
    name: "$or: c-count in range matches",
    pattern: {
      detail: {
        $or: [
          { "c-count": [{ numeric: [">", 0, "<=", 5] }] },
          { "d-count": [{ numeric: ["<", 10] }] },
          { "x-limit": [{ numeric: ["=", 3.018e2] }] },
        ],
      },
    },
    event: content({ "d-count": 30, "x-limit": 1 }),
    matches: true,
    source: `${OPERATORS} — Or matching ($or)`,
  },
  {
    name: "$or: only x-limit matches",
    pattern: {
      detail: {
        $or: [
          { "c-count": [{ numeric: [">", 0, "<=", 5] }] },
          { "d-count": [{ numeric: ["<", 10] }] },
          { "x-limit": [{ numeric: ["=", 3.018e2] }] },
        ],
      },
    },
    event: content({ "c-count": 50, "d-count": 30 }),
    matches: true,
    source: `${OPERATORS} — Or matching ($or)`,
  },
  {
    name: "$or: no alternative matches",
    pattern: {
      detail: {
        $or: [
          { "c-count": [{ numeric: [">", 0, "<=", 5] }] },
          { "d-count": [{ numeric: ["<", 10] }] },
          { "x-limit": [{ numeric: ["=", 3.018e2] }] },
        ],
      },
    },
    event: content({ "c-count": 50, "d-count": 30, "x-limit": 1 }),
    matches: false,
    source: `${OPERATORS} — Or matching ($or)`,
  },
  {
    name: "operators table: Location is New York or Day is Monday (Day)",
    pattern: { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] },
    event: { Location: "Boston", Day: "Monday" },
    matches: true,
    source: `${OPERATORS} — Or (multiple fields)`,
  },
  {
    name: "operators table: Location is New York or Day is Monday (neither)",
    pattern: { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] },
    event: { Location: "Boston", Day: "Tuesday" },
    matches: false,
    source: `${OPERATORS} — Or (multiple fields)`,
  },
  {
    name: "operators table: Location is New York and Day is Monday",
    pattern: { Location: ["New York"], Day: ["Monday"] },
    event: { Location: "New York", Day: "Monday" },
    matches: true,
    source: `${OPERATORS} — And`,
  },
  {
    name: "operators table: And fails when one field differs",
    pattern: { Location: ["New York"], Day: ["Monday"] },
    event: { Location: "New York", Day: "Sunday" },
    matches: false,
    source: `${OPERATORS} — And`,
  },
  {
    name: "operators table: PaymentType is Credit or Debit",
    pattern: { PaymentType: ["Credit", "Debit"] },
    event: { PaymentType: "Debit" },
    matches: true,
    source: `${OPERATORS} — Or`,
  },
  {
    name: "$or with and: source and (metricName or namespace)",
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
    },
    event: { source: "aws.cloudwatch", namespace: "AWS/ES" },
    matches: true,
    source: RULER_OR,
  },
  {
    name: "$or with and: the and-ed source must still hold",
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }],
    },
    event: { source: "aws.ec2", namespace: "AWS/ES" },
    matches: false,
    source: RULER_OR,
  },
  {
    name: "nested $or: metricType and namespace and (metricId or spaceId)",
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        {
          metricType: ["MetricType"],
          namespace: ["AWS/EC2", "AWS/ES"],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ["Service"] },
      ],
    },
    event: { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/EC2", spaceId: 1000 },
    matches: true,
    source: RULER_OR,
  },
  {
    name: "nested $or: the inner alternatives both fail",
    pattern: {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        {
          metricType: ["MetricType"],
          namespace: ["AWS/EC2", "AWS/ES"],
          $or: [{ metricId: [1234] }, { spaceId: [1000] }],
        },
        { scope: ["Service"] },
      ],
    },
    event: { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/EC2", spaceId: 7 },
    matches: false,
    source: RULER_OR,
  },
  // Complex example
  {
    name: "complex example: prefix, anything-but, numeric and cidr together",
    pattern: {
      time: [{ prefix: "2017-10-02" }],
      detail: {
        state: [{ "anything-but": "initializing" }],
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ "anything-but": [100, 200, 300] }],
        "source-ip": [{ cidr: "10.0.0.0/8" }],
      },
    },
    event: CONTENT_EVENT,
    matches: true,
    source: `${OPERATORS} — Complex example with multiple matching`,
  },
  {
    name: "complex example: one failing condition fails the pattern",
    pattern: {
      time: [{ prefix: "2017-10-02" }],
      detail: {
        state: [{ "anything-but": "initializing" }],
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ "anything-but": [100, 200, 300] }],
      },
    },
    event: content({ "x-limit": 300 }),
    matches: false,
    source: `${OPERATORS} — Complex example with multiple matching`,
  },
  {
    name: "several matchers on one field: any of them may hold",
    pattern: { detail: { state: [{ prefix: "term" }, "pending", { numeric: ["=", 1] }] } },
    event: EC2_EVENT,
    matches: true,
    source: `${CREATE} — Matching event values (the array lists alternatives)`,
  },
];

/** All table cases. */
export const patternCases: readonly PatternCase[] = [...seedCases, ...guideCases];
