import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "@/lib/checks/schema";
import { checkNotificationsSchema, destinationSchema, newCheckNotification } from "./schema";

const aws = destinationSchema({ allowHttp: false, editing: false });
const emulator = destinationSchema({ allowHttp: true, editing: false });
const errors = (schema: ReturnType<typeof destinationSchema>, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : fieldErrorsFrom(r.error);
};

describe("destinationSchema", () => {
  it("takes https everywhere and http only on the emulator", () => {
    const slack = { name: "ops", kind: "slack", url: "http://127.0.0.1:4566/_emulator/webhooks/ops" };
    expect(errors(emulator, slack)).toEqual({});
    expect(errors(aws, slack).url?.[0]).toMatch(/https:\/\//);
    expect(errors(aws, { ...slack, url: "https://hooks.slack.com/services/x" })).toEqual({});
    expect(errors(aws, { ...slack, url: "hooks.slack.com" }).url?.[0]).toMatch(/full URL/);
  });
  it("checks names, SNS ARNs and secret headers beside their fields", () => {
    expect(
      errors(aws, { name: "bad name!", kind: "sns", topicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }).name,
    ).toBeDefined();
    expect(
      errors(aws, { name: "ops", kind: "sns", topicArn: "arn:aws:sqs:eu-west-1:123456789012:ops" }).topicArn,
    ).toBeDefined();
    expect(errors(aws, { name: "ops", kind: "sns", topicArn: "arn:aws:sns:eu-west-1:123456789012:ops" })).toEqual({});
    const hook = { name: "hook", kind: "webhook", url: "https://example.com/h" };
    expect(errors(aws, { ...hook, secretHeaderName: "X-Secret" }).secretHeaderValue).toBeDefined();
    expect(
      errors(aws, { ...hook, secretHeaderName: "Bad Header", secretHeaderValue: "v" }).secretHeaderName,
    ).toBeDefined();
    expect(
      errors(aws, { ...hook, secretHeaderName: "Authorization", secretHeaderValue: "v" }).secretHeaderName,
    ).toBeDefined();
    expect(errors(aws, { ...hook, secretHeaderName: "X-Secret", secretHeaderValue: "v" })).toEqual({});
  });
  it("keeps the stored URL when an edit leaves it blank, but a new destination needs one", () => {
    const edit = destinationSchema({ allowHttp: false, editing: true });
    expect(errors(edit, { name: "ops", kind: "slack", url: "" })).toEqual({});
    expect(errors(aws, { name: "ops", kind: "slack", url: "" }).url).toBeDefined();
  });
});

describe("checkNotificationsSchema", () => {
  const id = "0b6c4a1e-8f7e-4c55-9c1e-1f2a3b4c5d6e";
  it("defaults to FAIL and ERROR, only when the verdict changes", () => {
    expect(newCheckNotification(id)).toEqual({ destinationId: id, verdicts: ["FAIL", "ERROR"], mode: "change" });
  });
  it("refuses no verdict and a destination twice", () => {
    const r = checkNotificationsSchema.safeParse([
      { destinationId: id, verdicts: [], mode: "change" },
      { destinationId: id, verdicts: ["FAIL"], mode: "every" },
    ]);
    expect(r.success).toBe(false);
    const e = fieldErrorsFrom(r.error!);
    expect(e["0.verdicts"]).toBeDefined();
    expect(e["1.destinationId"]).toBeDefined();
  });
});
