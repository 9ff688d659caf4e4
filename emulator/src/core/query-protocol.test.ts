// The query protocol's codec on its own: flattened members in, XML out.
import { describe, expect, it } from "vitest";
import { parseQueryBody, queryErrorXml, queryResponseXml, XmlMap } from "./query-protocol";

describe("parseQueryBody", () => {
  it("rebuilds lists, maps and nested structures", () => {
    const body = new URLSearchParams({
      Action: "Publish",
      Version: "2010-03-31",
      TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
      "MessageAttributes.entry.1.Name": "verdict",
      "MessageAttributes.entry.1.Value.DataType": "String",
      "MessageAttributes.entry.1.Value.StringValue": "FAIL",
      "Tags.member.2.Key": "b",
      "Tags.member.2.Value": "2",
      "Tags.member.1.Key": "a",
      "Tags.member.1.Value": "1",
      "Attributes.entry.1.key": "DisplayName",
      "Attributes.entry.1.value": "Audit & alerts",
    }).toString();
    expect(parseQueryBody(body)).toEqual({
      action: "Publish",
      version: "2010-03-31",
      params: {
        TopicArn: "arn:aws:sns:us-east-1:000000000000:t",
        MessageAttributes: { verdict: { DataType: "String", StringValue: "FAIL" } },
        Tags: [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
        Attributes: { DisplayName: "Audit & alerts" },
      },
    });
  });
});

describe("XML answers", () => {
  it("writes results with lists, maps and escaping", () => {
    expect(
      queryResponseXml(
        "ListTopics",
        "ns",
        { Topics: [{ TopicArn: "a<b" }], Attributes: new XmlMap({ k: "v&" }) },
        "rid",
      ),
    ).toBe(
      '<ListTopicsResponse xmlns="ns"><ListTopicsResult><Topics><member><TopicArn>a&lt;b</TopicArn></member></Topics>' +
        "<Attributes><entry><key>k</key><value>v&amp;</value></entry></Attributes></ListTopicsResult>" +
        "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListTopicsResponse>",
    );
    expect(queryResponseXml("DeleteTopic", "ns", {}, "r")).toBe(
      '<DeleteTopicResponse xmlns="ns"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteTopicResponse>',
    );
    expect(queryErrorXml("ns", "NotFound", "Topic does not exist", 404, "r")).toContain(
      "<Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>",
    );
  });
});
