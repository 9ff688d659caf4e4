// PutEvents (envelope building, per-entry errors, delivery to matching rules) and TestEventPattern.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { CallContext, Operation } from "../core/types";
import { Violations } from "../core/validation";
import { compilePattern, eventMatches, type CompiledPattern } from "./engines";
import { DEFAULT_BUS, defaultBusArn } from "./names";
import type { StoredRule } from "./store";

const MAX_REQUEST_BYTES = 256 * 1024;

/** An EventBridge event as rules and targets see it. */
export type EventEnvelope = Record<string, unknown> & { id: string; time: string };

export interface BusDeps {
  rules(): StoredRule[];
  /** Hands a matched event to a rule's targets (asynchronously). */
  deliver(rule: StoredRule, event: EventEnvelope, ingestionTime: string): void;
  /** Counts accepted events (for health). */
  onAccepted(count: number): void;
}

/** AWS prints event times to the second: 2023-04-29T06:05:09Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Caches compiled patterns by text (rules are matched on every PutEvents). */
export class PatternCache {
  private readonly cache = new Map<string, CompiledPattern | null>();

  /** The compiled pattern, or null when the text does not validate (never matches). */
  get(text: string): CompiledPattern | null {
    let compiled = this.cache.get(text);
    if (compiled === undefined) {
      const r = compilePattern(text);
      compiled = r.ok ? r.compiled : null;
      if (this.cache.size > 5000) this.cache.clear();
      this.cache.set(text, compiled);
    }
    return compiled;
  }
}

/** Sends `event` to every ENABLED rule on the default bus whose pattern matches it; returns how many matched. */
export function routeEvent(deps: BusDeps, patterns: PatternCache, event: EventEnvelope, ingestionTime: string): number {
  let matched = 0;
  for (const rule of deps.rules()) {
    if (rule.State === "DISABLED" || rule.EventPattern === undefined) continue;
    const compiled = patterns.get(rule.EventPattern);
    if (!compiled) continue;
    let hit = false;
    try {
      hit = eventMatches(compiled, event);
    } catch (err) {
      console.error(`[emulator] events: matching rule ${rule.Name} failed:`, err);
    }
    if (hit) {
      matched++;
      deps.deliver(rule, event, ingestionTime);
    }
  }
  return matched;
}

function entrySize(entry: Record<string, unknown>): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const key of ["Source", "DetailType", "Detail"] as const) {
    if (typeof entry[key] === "string") size += Buffer.byteLength(entry[key] as string, "utf8");
  }
  if (Array.isArray(entry.Resources))
    for (const r of entry.Resources) if (typeof r === "string") size += Buffer.byteLength(r, "utf8");
  return size;
}

function eventTime(value: unknown, now: Date): Date {
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value === "string" && value !== "") {
    const n = Number(value);
    const d = Number.isFinite(n) ? new Date(n * 1000) : new Date(value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return now;
}

export function eventOperations(deps: BusDeps, patterns: PatternCache): Record<string, Operation> {
  return {
    PutEvents(input, ctx) {
      const v = new Violations();
      const entries = v.list(input.Entries, "entries", { required: true, min: 1, max: 10 });
      v.string(input.EndpointId, "endpointId", { min: 1, max: 50 });
      (entries ?? []).forEach((raw, i) => {
        const e = (raw ?? {}) as Record<string, unknown>;
        const at = (m: string) => `entries.${i + 1}.member.${m}`;
        v.string(e.Source, at("source"));
        v.string(e.DetailType, at("detailType"));
        v.string(e.Detail, at("detail"));
        v.string(e.EventBusName, at("eventBusName"), { min: 1, max: 1600 });
        v.string(e.TraceHeader, at("traceHeader"), { min: 1, max: 500 });
        const resources = v.list(e.Resources, at("resources"));
        resources?.forEach((r, j) => v.string(r, `${at("resources")}.${j + 1}.member`, { max: 2048 }));
      });
      v.throwIfAny();
      const list = entries as Array<Record<string, unknown>>;
      if (list.reduce((n, e) => n + entrySize(e ?? {}), 0) > MAX_REQUEST_BYTES) {
        throw new AwsError("ValidationException", "Total size of the entries in the request is over the limit.");
      }

      const now = new Date();
      const ingestionTime = now.toISOString();
      const results: Array<Record<string, string>> = [];
      const accepted: EventEnvelope[] = [];
      for (const raw of list) {
        const entry = raw ?? {};
        const error = entryError(entry);
        if (error) {
          results.push(error);
          continue;
        }
        const event: EventEnvelope = {
          version: "0",
          id: randomUUID(),
          "detail-type": entry.DetailType as string,
          source: entry.Source as string,
          account: ctx.accountId,
          time: isoSeconds(eventTime(entry.Time, now)),
          region: ctx.region,
          resources: (entry.Resources as string[] | undefined) ?? [],
          detail: JSON.parse(entry.Detail as string),
        };
        results.push({ EventId: event.id });
        // Events for a bus other than the default one are accepted and dropped (AWS does not fail them either).
        if (isDefaultBus(ctx, entry.EventBusName as string | undefined)) accepted.push(event);
      }
      deps.onAccepted(accepted.length);
      // Delivery happens after the answer, as on AWS.
      if (accepted.length > 0) {
        setImmediate(() => {
          for (const event of accepted) routeEvent(deps, patterns, event, ingestionTime);
        });
      }
      return { FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length, Entries: results };
    },

    TestEventPattern(input) {
      const v = new Violations();
      const patternText = v.string(input.EventPattern, "eventPattern", { required: true, max: 4096 });
      const eventText = v.string(input.Event, "event", { required: true });
      v.throwIfAny();
      const compiled = compilePattern(patternText!);
      if (!compiled.ok) throw new AwsError("InvalidEventPatternException", compiled.message);
      let event: unknown;
      try {
        event = JSON.parse(eventText!);
      } catch {
        throw new AwsError("ValidationException", "Parameter Event is not valid.");
      }
      // The API reference lists `resources` as mandatory too, but AWS answers events without it: only these
      // envelope fields are refused when missing.
      const required = ["id", "account", "source", "time", "region", "detail-type"];
      if (event === null || typeof event !== "object" || Array.isArray(event) || !required.every((k) => k in event)) {
        throw new AwsError("ValidationException", "Parameter Event is not valid.");
      }
      return { Result: eventMatches(compiled.compiled, event as Record<string, unknown>) };
    },
  };
}

function isDefaultBus(ctx: CallContext, bus: string | undefined): boolean {
  return bus === undefined || bus === DEFAULT_BUS || bus === defaultBusArn(ctx);
}

/** The per-entry error AWS reports for an entry, if any (the call itself still answers 200). */
function entryError(entry: Record<string, unknown>): Record<string, string> | undefined {
  const missing = (field: string) => ({
    ErrorCode: "InvalidArgument",
    ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  });
  if (!entry.Source) return missing("Source");
  if (!entry.DetailType) return missing("DetailType");
  if (!entry.Detail) return missing("Detail");
  try {
    const detail = JSON.parse(entry.Detail as string);
    if (detail === null || typeof detail !== "object" || Array.isArray(detail)) throw new Error("not an object");
  } catch {
    return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  }
  // Unlike AWS (NotAuthorizedForSourceException), sources starting with "aws." are accepted so local runs
  // can stand in for AWS services such as ECS.
  return undefined;
}
