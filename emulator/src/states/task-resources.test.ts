// Task resource parsing: AWS's resourceType/resource pairs, and which resources the emulator serves.
import { describe, expect, it } from "vitest";
import { parseResource, taskImplementation } from "./task-resources";

describe("parseResource", () => {
  it.each([
    ["arn:aws:states:::athena:startQueryExecution.sync", "athena", "startQueryExecution.sync", true],
    ["arn:aws:states:::athena:startQueryExecution", "athena", "startQueryExecution", true],
    ["arn:aws:states:::athena:getQueryResults", "athena", "getQueryResults", true],
    ["arn:aws:states:::athena:getQueryExecution", "athena", "getQueryExecution", true],
    ["arn:aws:states:::athena:stopQueryExecution", "athena", "stopQueryExecution", true],
    ["arn:aws:states:::events:putEvents", "events", "putEvents", true],
    ["arn:aws:states:::sns:publish", "sns", "publish", true],
    ["arn:aws:states:::http:invoke", "http", "invoke", true],
    ["arn:aws:states:::aws-sdk:athena:listWorkGroups", "aws-sdk:athena", "listWorkGroups", true],
    ["arn:aws:states:us-east-1:123456789012:athena:getQueryResults", "athena", "getQueryResults", true],
    ["arn:aws:states:::events:putEvents.waitForTaskToken", "events", "putEvents.waitForTaskToken", false],
    ["arn:aws:states:::athena:getQueryResults.sync", "athena", "getQueryResults.sync", false],
    ["arn:aws:states:::dynamodb:putItem", "dynamodb", "putItem", true],
    ["arn:aws:states:::dynamodb:updateItem", "dynamodb", "updateItem", true],
    ["arn:aws:states:::dynamodb:getItem", "dynamodb", "getItem", true],
    ["arn:aws:states:::dynamodb:deleteItem", "dynamodb", "deleteItem", true],
    ["arn:aws:states:::dynamodb:query", "dynamodb", "query", false],
  ])("%s → %s / %s (served: %s)", (arn, resourceType, resource, served) => {
    const parsed = parseResource(arn);
    expect(parsed).toMatchObject({ resourceType, resource });
    expect(taskImplementation(parsed) !== undefined).toBe(served);
  });

  it("keeps a Lambda ARN whole as the resource", () => {
    const arn = "arn:aws:lambda:us-east-1:123456789012:function:check";
    expect(parseResource(arn)).toMatchObject({ resourceType: "lambda", resource: arn });
    expect(taskImplementation(parseResource(arn))).toBeUndefined();
  });
});
