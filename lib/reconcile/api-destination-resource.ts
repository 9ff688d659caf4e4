// The EventBridge API destination kind (one per webhook / Slack destination): read with DescribeApiDestination
// (ownership from its Description, as for connections), the delta by field, and Create / Update / Delete. Its
// connection's ARN is only known once the connection exists, so Create and Update look it up when they are sent.
import {
  CreateApiDestinationCommand,
  DeleteApiDestinationCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  ListApiDestinationsCommand,
  UpdateApiDestinationCommand,
  type DescribeApiDestinationResponse,
} from "@aws-sdk/client-eventbridge";
import { isNotFound } from "@/lib/aws/errors";
import type { DesiredApiDestination } from "./notification-desired";
import type { AwsContext, FieldChange, ResourceKind } from "./resource-kind";

export interface ObservedApiDestination {
  name: string;
  arn: string;
  description: string | null;
  connectionArn: string | null;
  endpoint: string | null;
  httpMethod: string | null;
  rateLimitPerSecond: number | null;
}

export type ApiDestinationCall =
  | { op: "CreateApiDestination"; apiDestination: DesiredApiDestination }
  | { op: "UpdateApiDestination"; apiDestination: DesiredApiDestination }
  | { op: "DeleteApiDestination"; name: string };

/** Name → ARN of the API destinations whose name starts with `prefix` (all pages). */
export async function listApiDestinationArns(aws: AwsContext, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await aws.log.send<{
      ApiDestinations?: { Name?: string; ApiDestinationArn?: string }[];
      NextToken?: string;
    }>(aws.events, new ListApiDestinationsCommand({ NamePrefix: prefix, Limit: 100, NextToken }));
    for (const a of page.ApiDestinations ?? [])
      if (a.Name?.startsWith(prefix)) out.set(a.Name, a.ApiDestinationArn ?? "");
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

/** The connection's name from its ARN (…:connection/<name>/<id>). */
export function connectionNameOfArn(arn: string | null): string | null {
  return arn ? (/:connection\/([^/]+)\//.exec(arn)?.[1] ?? null) : null;
}

async function connectionArn(aws: AwsContext, name: string): Promise<string> {
  const r = await aws.log.send<{ ConnectionArn?: string }>(aws.events, new DescribeConnectionCommand({ Name: name }));
  return r.ConnectionArn ?? "";
}

/** The fields that differ; the endpoint is compared but shown masked (a Slack URL is a secret). */
export function apiDestinationChanges(d: DesiredApiDestination, o: ObservedApiDestination): FieldChange[] {
  const out: FieldChange[] = [];
  if (d.description !== o.description)
    out.push({ field: "description", desired: d.description, observed: o.description });
  if (d.endpoint !== o.endpoint) out.push({ field: "invocationEndpoint", desired: "(secret)", observed: "(differs)" });
  if (o.httpMethod !== "POST") out.push({ field: "httpMethod", desired: "POST", observed: o.httpMethod });
  if (d.rateLimitPerSecond !== o.rateLimitPerSecond)
    out.push({
      field: "invocationRateLimitPerSecond",
      desired: String(d.rateLimitPerSecond),
      observed: o.rateLimitPerSecond === null ? null : String(o.rateLimitPerSecond),
    });
  if (connectionNameOfArn(o.connectionArn) !== d.connectionName)
    out.push({ field: "connection", desired: d.connectionName, observed: connectionNameOfArn(o.connectionArn) });
  return out;
}

const fields = (d: DesiredApiDestination, ConnectionArn: string) => ({
  Name: d.name,
  Description: d.description,
  ConnectionArn,
  InvocationEndpoint: d.endpoint,
  HttpMethod: "POST" as const,
  InvocationRateLimitPerSecond: d.rateLimitPerSecond,
});

export const apiDestinationKind = {
  async read(aws, name) {
    try {
      const r = await aws.log.send<DescribeApiDestinationResponse>(
        aws.events,
        new DescribeApiDestinationCommand({ Name: name }),
      );
      return {
        name,
        arn: r.ApiDestinationArn ?? "",
        description: r.Description ?? null,
        connectionArn: r.ConnectionArn ?? null,
        endpoint: r.InvocationEndpoint ?? null,
        httpMethod: r.HttpMethod ?? null,
        rateLimitPerSecond: r.InvocationRateLimitPerSecond ?? null,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  },

  delta(desired, observed) {
    const changes = apiDestinationChanges(desired, observed);
    return changes.length ? changes : null;
  },

  create: (desired): ApiDestinationCall[] => [{ op: "CreateApiDestination", apiDestination: desired }],
  update: (desired): ApiDestinationCall[] => [{ op: "UpdateApiDestination", apiDestination: desired }],
  delete: (observed): ApiDestinationCall[] => [{ op: "DeleteApiDestination", name: observed.name }],

  async send(aws, call) {
    switch (call.op) {
      case "CreateApiDestination": {
        const d = call.apiDestination;
        await aws.log.send(
          aws.events,
          new CreateApiDestinationCommand(fields(d, await connectionArn(aws, d.connectionName))),
        );
        return;
      }
      case "UpdateApiDestination": {
        const d = call.apiDestination;
        await aws.log.send(
          aws.events,
          new UpdateApiDestinationCommand(fields(d, await connectionArn(aws, d.connectionName))),
        );
        return;
      }
      case "DeleteApiDestination":
        try {
          await aws.log.send(aws.events, new DeleteApiDestinationCommand({ Name: call.name }));
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
        return;
    }
  },
} satisfies ResourceKind<string, DesiredApiDestination, ObservedApiDestination, FieldChange[], ApiDestinationCall>;
