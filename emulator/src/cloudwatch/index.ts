// CloudWatch metrics, read side only: GetMetricData over the data points the emulator's own services record (today
// AWS/Events Invocations and FailedInvocations per RuleName, and without dimensions for all rules). JSON 1.0 with
// X-Amz-Target GraniteServiceVersion20100801.<Op>, as the pinned @aws-sdk/client-cloudwatch sends (query-compatible
// errors). Metric math expressions, PutMetricData and alarms are not emulated.
import { QueryCompatibleError } from "../core/aws-error";
import type { Operation, ServiceDefinition, ServiceDeps } from "../core/types";

type Obj = Record<string, unknown>;
const STATS = new Set(["Sum", "SampleCount", "Average", "Minimum", "Maximum"]);
const MAX_QUERIES = 500;

function invalidValue(message: string): QueryCompatibleError {
  return new QueryCompatibleError("InvalidParameterValueException", "InvalidParameterValue", message);
}
function missing(name: string): QueryCompatibleError {
  return new QueryCompatibleError(
    "MissingRequiredParameterException",
    "MissingParameter",
    `The parameter ${name} is required.`,
  );
}
function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function createCloudWatchService(deps: ServiceDeps): ServiceDefinition {
  const metrics = deps.metrics;

  const operations: Record<string, Operation> = {
    GetMetricData(input) {
      const queries = input.MetricDataQueries;
      if (!Array.isArray(queries)) throw missing("MetricDataQueries");
      if (queries.length > MAX_QUERIES)
        throw invalidValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
      if (typeof input.StartTime !== "number") throw missing("StartTime");
      if (typeof input.EndTime !== "number") throw missing("EndTime");
      const start = input.StartTime * 1000;
      const end = input.EndTime * 1000;
      if (!(start < end)) throw invalidValue("The parameter StartTime must be less than the parameter EndTime.");
      const ascending = input.ScanBy === "TimestampAscending";
      const ids = new Set<string>();

      const results = queries.map((raw, i) => {
        const q = isObj(raw) ? raw : {};
        const at = `MetricDataQueries.member.${i + 1}`;
        const id = q.Id;
        if (typeof id !== "string") throw missing(`${at}.Id`);
        if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw invalidValue(`The value ${id} for parameter ${at}.Id is invalid.`);
        if (ids.has(id)) throw invalidValue(`The value ${id} for parameter MetricDataQueries.member.Id is duplicated.`);
        ids.add(id);
        if (q.Expression !== undefined)
          throw invalidValue(`${at}.Expression: metric math is not supported by this emulator; use MetricStat.`);
        const stat = isObj(q.MetricStat) ? q.MetricStat : undefined;
        if (!stat)
          throw invalidValue(`Exactly one element of the metrics list should be a MetricStat or Expression (${at}).`);
        const metric = isObj(stat.Metric) ? stat.Metric : {};
        if (typeof metric.Namespace !== "string") throw missing(`${at}.MetricStat.Metric.Namespace`);
        if (typeof metric.MetricName !== "string") throw missing(`${at}.MetricStat.Metric.MetricName`);
        const period = stat.Period;
        if (typeof period !== "number" || !Number.isInteger(period) || period < 1)
          throw missing(`${at}.MetricStat.Period`);
        if (period % 60 !== 0 && ![1, 5, 10, 30].includes(period))
          throw invalidValue(`The parameter ${at}.MetricStat.Period must be a multiple of 60.`);
        const statName = stat.Stat;
        if (typeof statName !== "string") throw missing(`${at}.MetricStat.Stat`);
        if (!STATS.has(statName))
          throw invalidValue(
            `The value ${statName} for parameter ${at}.MetricStat.Stat is not supported by this emulator.`,
          );
        const dimensions: Record<string, string> = {};
        for (const d of Array.isArray(metric.Dimensions) ? metric.Dimensions : []) {
          if (isObj(d) && typeof d.Name === "string" && typeof d.Value === "string") dimensions[d.Name] = d.Value;
        }

        // Buckets of `period` seconds from StartTime; each holds the per-minute sums that fall in it.
        const periodMs = Math.max(period, 60) * 1000;
        const buckets = new Map<number, number[]>();
        for (const p of metrics.points(
          { namespace: metric.Namespace, metricName: metric.MetricName, dimensions },
          start,
          end,
        )) {
          const bucket = start + Math.floor((p.minute - start) / periodMs) * periodMs;
          const list = buckets.get(bucket) ?? [];
          list.push(p.sum);
          buckets.set(bucket, list);
        }
        const ordered = [...buckets.entries()].sort(([a], [b]) => (ascending ? a - b : b - a));
        const value = (xs: number[]) => {
          const sum = xs.reduce((a, b) => a + b, 0);
          if (statName === "Sum") return sum;
          if (statName === "SampleCount") return xs.length;
          if (statName === "Average") return sum / xs.length;
          if (statName === "Minimum") return Math.min(...xs);
          return Math.max(...xs);
        };
        return {
          q,
          result: {
            Id: id,
            Label: typeof q.Label === "string" ? q.Label : metric.MetricName,
            Timestamps: ordered.map(([t]) => t / 1000),
            Values: ordered.map(([, xs]) => value(xs)),
            StatusCode: "Complete",
            Messages: [],
          },
        };
      });
      return {
        MetricDataResults: results.filter(({ q }) => q.ReturnData !== false).map(({ result }) => result),
        Messages: [],
      };
    },
  };

  return {
    name: "cloudwatch",
    targetPrefix: "GraniteServiceVersion20100801",
    jsonVersion: "1.0",
    operations,
    async reset() {
      metrics.clear();
    },
    health() {
      return { series: metrics.keys().length };
    },
  };
}
