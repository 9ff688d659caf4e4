import { describe, expect, it } from "vitest";
import { AwsError } from "../core/aws-error";
import type { Invoker } from "../core/types";
import { Deliverer } from "./delivery";
import type { StoredRule } from "./store";

const SM = "arn:aws:states:us-east-1:000000000000:stateMachine:audit";
const event = { version: "0", id: "e1", source: "aws.ecs", "detail-type": "T", detail: { a: 1 } };

function rule(targets: StoredRule["targets"]): StoredRule {
  return {
    Name: "r1",
    Arn: "arn:aws:events:us-east-1:000000000000:rule/r1",
    State: "ENABLED",
    createdAt: 0,
    targets,
    tags: [],
  };
}

function fakeStates(answers: Array<Error | { executionArn: string }>) {
  const calls: Array<{ service: string; operation: string; input: object }> = [];
  const invoker: Invoker = {
    async invoke<T>(service: string, operation: string, input: object): Promise<T> {
      calls.push({ service, operation, input });
      const next = answers.shift();
      if (!next) throw new Error("unexpected call");
      if (next instanceof Error) throw next;
      return next as T;
    },
  } as Invoker;
  return { invoker, calls };
}

describe("Deliverer", () => {
  it("starts an execution with the transformed input for a state machine target", async () => {
    const { invoker, calls } = fakeStates([{ executionArn: "arn:exec:1" }]);
    const d = new Deliverer(invoker);
    d.deliverToRule(
      rule([{ Id: "t", Arn: SM, RoleArn: "r", InputPath: "$.detail" }]),
      event,
      "2024-01-01T00:00:00.000Z",
    );
    await d.idle();
    expect(calls).toEqual([
      { service: "states", operation: "StartExecution", input: { stateMachineArn: SM, input: '{"a":1}' } },
    ]);
    expect(d.records()[0]).toMatchObject({ status: "succeeded", executionArn: "arn:exec:1", attempts: 1 });
    expect(d.stats()).toMatchObject({ succeeded: 1, failed: 0 });
  });

  it("retries throttling, then succeeds", async () => {
    const { invoker, calls } = fakeStates([
      new AwsError("ThrottlingException", "slow down"),
      { executionArn: "arn:exec:2" },
    ]);
    const d = new Deliverer(invoker);
    d.deliverToRule(rule([{ Id: "t", Arn: SM }]), event, "t");
    await d.idle();
    expect(calls).toHaveLength(2);
    expect(d.records()[0]).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("records a non-retryable failure with its code", async () => {
    const { invoker } = fakeStates([new AwsError("StateMachineDoesNotExist", "State Machine Does Not Exist")]);
    const d = new Deliverer(invoker);
    d.deliverToRule(rule([{ Id: "t", Arn: SM }]), event, "t");
    await d.idle();
    expect(d.records({ status: "failed" })[0]?.error).toEqual({
      code: "StateMachineDoesNotExist",
      message: "State Machine Does Not Exist",
    });
    expect(d.stats()).toMatchObject({ failed: 1, lastError: { code: "StateMachineDoesNotExist" } });
  });

  it("only records targets it does not call", async () => {
    const { invoker, calls } = fakeStates([]);
    const d = new Deliverer(invoker);
    d.deliverToRule(rule([{ Id: "q", Arn: "arn:aws:sqs:us-east-1:000000000000:q", Input: '{"x":1}' }]), event, "t");
    await d.idle();
    expect(calls).toEqual([]);
    expect(d.records()[0]).toMatchObject({ status: "recorded", input: '{"x":1}' });
  });
});
