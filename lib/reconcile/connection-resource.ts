// The EventBridge connection kind (one per webhook / Slack destination): read with DescribeConnection (its
// Description says whether it is ours — connections carry no tags), the delta (Description with the spec hash,
// which covers the secret through a keyed digest; auth type; header name), and CreateConnection /
// UpdateConnection / DeleteConnection. The API key value is write-only in AWS and never leaves the calls.
import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionCommand,
  ListConnectionsCommand,
  UpdateConnectionCommand,
  type DescribeConnectionResponse,
} from "@aws-sdk/client-eventbridge";
import { isNotFound } from "@/lib/aws/errors";
import type { DesiredConnection } from "./notification-desired";
import type { AwsContext, FieldChange, ResourceKind } from "./resource-kind";

export interface ObservedConnection {
  name: string;
  arn: string;
  description: string | null;
  authorizationType: string | null;
  apiKeyName: string | null;
  state: string | null;
}

export type ConnectionCall =
  | { op: "CreateConnection"; connection: DesiredConnection }
  | { op: "UpdateConnection"; connection: DesiredConnection }
  | { op: "DeleteConnection"; name: string };

/** Names of the connections whose name starts with `prefix` (all pages). */
export async function listConnectionNames(aws: AwsContext, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await aws.log.send<{ Connections?: { Name?: string }[]; NextToken?: string }>(
      aws.events,
      new ListConnectionsCommand({ NamePrefix: prefix, Limit: 100, NextToken }),
    );
    for (const c of page.Connections ?? []) if (c.Name?.startsWith(prefix)) out.push(c.Name);
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

const auth = (c: DesiredConnection) => ({
  AuthorizationType: "API_KEY" as const,
  AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: c.apiKeyName, ApiKeyValue: c.apiKeyValue } },
});

export const connectionKind = {
  async read(aws, name) {
    try {
      const r = await aws.log.send<DescribeConnectionResponse>(
        aws.events,
        new DescribeConnectionCommand({ Name: name }),
      );
      return {
        name,
        arn: r.ConnectionArn ?? "",
        description: r.Description ?? null,
        authorizationType: r.AuthorizationType ?? null,
        apiKeyName: r.AuthParameters?.ApiKeyAuthParameters?.ApiKeyName ?? null,
        state: r.ConnectionState ?? null,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },

  delta(desired, observed) {
    const out: FieldChange[] = [];
    if (desired.description !== observed.description)
      out.push({ field: "description", desired: desired.description, observed: observed.description });
    if (observed.authorizationType !== "API_KEY")
      out.push({ field: "authorizationType", desired: "API_KEY", observed: observed.authorizationType });
    if (observed.apiKeyName !== desired.apiKeyName)
      out.push({ field: "apiKeyName", desired: desired.apiKeyName, observed: observed.apiKeyName });
    return out.length ? out : null;
  },

  create: (desired): ConnectionCall[] => [{ op: "CreateConnection", connection: desired }],
  update: (desired): ConnectionCall[] => [{ op: "UpdateConnection", connection: desired }],
  delete: (observed): ConnectionCall[] => [{ op: "DeleteConnection", name: observed.name }],

  async send(aws, call) {
    switch (call.op) {
      case "CreateConnection":
        await aws.log.send(
          aws.events,
          new CreateConnectionCommand({
            Name: call.connection.name,
            Description: call.connection.description,
            ...auth(call.connection),
          }),
        );
        return;
      case "UpdateConnection":
        await aws.log.send(
          aws.events,
          new UpdateConnectionCommand({
            Name: call.connection.name,
            Description: call.connection.description,
            ...auth(call.connection),
          }),
        );
        return;
      case "DeleteConnection":
        try {
          await aws.log.send(aws.events, new DeleteConnectionCommand({ Name: call.name }));
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        return;
    }
  },
} satisfies ResourceKind<string, DesiredConnection, ObservedConnection, FieldChange[], ConnectionCall>;
