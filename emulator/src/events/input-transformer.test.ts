import { describe, expect, it } from "vitest";
import { applyInputTransformer, checkTargetInput, renderTargetInput } from "./input-transformer";

// The EC2 example event of the EventBridge user guide ("Input transform examples").
const event = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2015-11-11T21:29:54Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
  detail: { "instance-id": "i-0123456789", state: "RUNNING", count: 3, tags: { env: "prod" }, quoted: 'say "hi"' },
};
const ctx = {
  ruleArn: "arn:aws:events:us-east-2:123456789012:rule/example",
  ruleName: "example",
  ingestionTime: "2015-11-11T21:29:55Z",
};
const paths = { timestamp: "$.time", instance: "$.detail.instance-id", state: "$.detail.state" };
const t = (InputTemplate: string, InputPathsMap: Record<string, string> = paths) =>
  applyInputTransformer({ InputPathsMap, InputTemplate }, event, ctx);

describe("applyInputTransformer: the user guide's examples", () => {
  it("simple string", () => {
    expect(t('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });
  it("string with escaped quotes", () => {
    expect(t('"instance \\"<instance>\\" is in <state>"')).toBe('"instance \\"i-0123456789\\" is in RUNNING"');
  });
  it("simple JSON: string values outside quotes get their quotes", () => {
    expect(JSON.parse(t('{\n  "instance" : <instance>,\n  "state": <state>\n}'))).toEqual({
      instance: "i-0123456789",
      state: "RUNNING",
    });
  });
  it("JSON with strings and variables, minified", () => {
    const out = t(
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}',
    );
    expect(out).toBe(
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    );
  });
  it("JSON with a mix of variables and static information", () => {
    expect(JSON.parse(t('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}'))).toEqual({
      instance: "i-0123456789",
      state: [9, "RUNNING", true],
      Transformed: "Yes",
    });
  });
  it("reserved variables in JSON", () => {
    const out = JSON.parse(
      t(
        '{"instance": <instance>, "ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "originalEvent": <aws.events.event>, "full": <aws.events.event.json>, "at": <aws.events.event.ingestion-time>}',
      ),
    );
    expect(out.ruleArn).toBe(ctx.ruleArn);
    expect(out.ruleName).toBe("example");
    expect(out.at).toBe("2015-11-11T21:29:55Z");
    expect(out.full).toEqual(event);
    const { detail: _d, ...withoutDetail } = event;
    expect(out.originalEvent).toEqual(withoutDetail);
  });
  it("reserved variables in a string", () => {
    expect(t('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });
  it("plain text template (no quotes) is filled raw", () => {
    expect(t("<instance> is in state <state>")).toBe("i-0123456789 is in state RUNNING");
  });
});

describe("applyInputTransformer: values by type and position", () => {
  const map = {
    n: "$.detail.count",
    obj: "$.detail.tags",
    q: "$.detail.quoted",
    missing: "$.detail.nope",
    arr: "$.resources",
  };
  it("numbers stay numbers outside quotes and become text inside", () => {
    expect(t('{"n": <n>, "s": "count=<n>"}', map)).toBe('{"n":3,"s":"count=3"}');
  });
  it("objects stay JSON outside quotes and lose their quotes inside", () => {
    expect(t('{"o": <obj>, "s": "tags <obj>"}', map)).toBe('{"o":{"env":"prod"},"s":"tags {env:prod}"}');
    expect(JSON.parse(t('{"a": <arr>}', map))).toEqual({ a: event.resources });
  });
  it("a string value inside quotes is NOT escaped (AWS behaviour): a quote breaks the JSON, returned unparsed", () => {
    expect(t('{"s": "<q>"}', map)).toBe('{"s": "say "hi""}');
    // Outside quotes the value is a proper JSON string.
    expect(JSON.parse(t('{"s": <q>}', map))).toEqual({ s: 'say "hi"' });
  });
  it("a path that matches nothing: empty inside quotes, null as a JSON value", () => {
    expect(t('{"a": "x<missing>y", "b": <missing>}', map)).toBe('{"a":"xy","b":null}');
  });
  it("leaves unknown <tags> in text alone", () => {
    expect(t('"a <b> c"', {})).toBe('"a <b> c"');
  });
  it("the shared state machine's template shape: whole event as a JSON value plus quoted strings", () => {
    const out = JSON.parse(
      t(
        '{"check":{"id":"c1","slug":"admin-logins","generation":2},"trigger":{"kind":"event"},"event":<aws.events.event.json>,"rule":"<aws.events.rule-name>"}',
        {},
      ),
    );
    expect(out).toEqual({
      check: { id: "c1", slug: "admin-logins", generation: 2 },
      trigger: { kind: "event" },
      event,
      rule: "example",
    });
  });
});

describe("renderTargetInput", () => {
  it("sends the whole event by default", () => {
    expect(JSON.parse(renderTargetInput({}, event, ctx))).toEqual(event);
  });
  it("sends a constant Input as given", () => {
    expect(renderTargetInput({ Input: '{"a": 1}' }, event, ctx)).toBe('{"a": 1}');
  });
  it("sends the value at InputPath", () => {
    expect(JSON.parse(renderTargetInput({ InputPath: "$.detail" }, event, ctx))).toEqual(event.detail);
    expect(renderTargetInput({ InputPath: "$.detail.state" }, event, ctx)).toBe('"RUNNING"');
  });
});

describe("checkTargetInput", () => {
  it("accepts each setting alone", () => {
    expect(checkTargetInput("t1", { Input: "{}" })).toBeUndefined();
    expect(checkTargetInput("t1", { InputPath: "$.detail" })).toBeUndefined();
    expect(
      checkTargetInput("t1", {
        InputTransformer: { InputPathsMap: paths, InputTemplate: '"<instance> <aws.events.rule-name>"' },
      }),
    ).toBeUndefined();
  });
  it("refuses two settings at once", () => {
    expect(checkTargetInput("t1", { Input: "{}", InputPath: "$" })).toMatch(
      /Only one of Input, InputPath, or InputTransformer/,
    );
  });
  it("refuses invalid JSON Input, bad paths and unknown placeholders", () => {
    expect(checkTargetInput("t1", { Input: "{nope" })).toMatch(/not valid JSON/);
    expect(checkTargetInput("t1", { InputPath: "detail" })).toMatch(/InputPath/);
    expect(
      checkTargetInput("t1", { InputTransformer: { InputPathsMap: { a: "$..x" }, InputTemplate: "<a>" } }),
    ).toMatch(/JSON path/);
    expect(checkTargetInput("t1", { InputTransformer: { InputTemplate: '{"a": <nope>}' } })).toBe(
      "InputTemplate for target t1 contains invalid placeholder nope.",
    );
  });
});
