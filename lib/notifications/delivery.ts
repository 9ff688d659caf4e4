// Delivery as the console sees it, read from AWS: per notification rule the invocations and failed invocations of
// the last 24 h (CloudWatch GetMetricData, AWS/Events by RuleName), and in emulator mode what the emulator's
// webhook receiver got. No "server-only": tests call it on the emulator.
import { GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { awsClients } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { env } from "@/lib/env";

export interface RuleHealth {
  invocations: number;
  failedInvocations: number;
}

export const HEALTH_WINDOW_HOURS = 24;

/**
 * Invocations and FailedInvocations over the last 24 h per rule (one GetMetricData call per 250 rules: two
 * queries each, 500 per call). A rule without datapoints had none. Throws AWS's error.
 */
export async function ruleHealth(ruleNames: string[], now = new Date()): Promise<Map<string, RuleHealth>> {
  const out = new Map<string, RuleHealth>();
  const start = new Date(now.getTime() - HEALTH_WINDOW_HOURS * 3600_000);
  for (let i = 0; i < ruleNames.length; i += 250) {
    const names = ruleNames.slice(i, i + 250);
    const queries: MetricDataQuery[] = names.flatMap((RuleName, j) =>
      (["Invocations", "FailedInvocations"] as const).map((MetricName) => ({
        Id: `${MetricName === "Invocations" ? "i" : "f"}${j}`,
        MetricStat: {
          Metric: { Namespace: "AWS/Events", MetricName, Dimensions: [{ Name: "RuleName", Value: RuleName }] },
          Period: HEALTH_WINDOW_HOURS * 3600,
          Stat: "Sum",
        },
        ReturnData: true,
      })),
    );
    let NextToken: string | undefined;
    const sums = new Map<string, number>();
    do {
      const r = await awsClients().cloudwatch.send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: now, NextToken }),
      );
      for (const m of r.MetricDataResults ?? [])
        sums.set(m.Id ?? "", (sums.get(m.Id ?? "") ?? 0) + (m.Values ?? []).reduce((a, b) => a + b, 0));
      NextToken = r.NextToken;
    } while (NextToken);
    names.forEach((name, j) =>
      out.set(name, { invocations: sums.get(`i${j}`) ?? 0, failedInvocations: sums.get(`f${j}`) ?? 0 }),
    );
  }
  return out;
}

/** ruleHealth, or the sentence to show instead when CloudWatch cannot be read. */
export async function ruleHealthOrError(
  ruleNames: string[],
): Promise<{ health: Map<string, RuleHealth>; error: string | null }> {
  if (ruleNames.length === 0) return { health: new Map(), error: null };
  try {
    return { health: await ruleHealth(ruleNames), error: null };
  } catch (error) {
    const e = describeAwsError(error);
    return { health: new Map(), error: `Delivery health could not be read from CloudWatch: ${e.code}: ${e.message}` };
  }
}

export interface ReceivedRequest {
  receivedAt: string;
  headers: Record<string, string>;
  body: unknown;
}

/** The receiver name when `url` is the emulator's local webhook receiver (emulator mode only), else null. */
export function receiverName(url: string | null): string | null {
  if (env.ACC_AWS_MODE !== "emulator" || !url) return null;
  try {
    const u = new URL(url);
    const m = /^\/_emulator\/webhooks\/([^/]+)\/?$/.exec(u.pathname);
    return m ? decodeURIComponent(m[1]!) : null;
  } catch {
    return null;
  }
}

/** What the emulator's receiver recorded for `name`, oldest first. */
export async function receivedRequests(name: string): Promise<ReceivedRequest[]> {
  const base = env.AWS_ENDPOINT_URL ?? `http://127.0.0.1:${env.EMULATOR_PORT}`;
  const r = await fetch(`${base}/_emulator/webhooks/${encodeURIComponent(name)}`, {
    signal: AbortSignal.timeout(3_000),
  });
  if (!r.ok) throw new Error(`the emulator's receiver answered ${r.status}`);
  const body = (await r.json()) as unknown;
  return Array.isArray(body) ? (body as ReceivedRequest[]) : [];
}
