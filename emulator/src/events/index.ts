// The EventBridge service (default bus only, JSON 1.1, X-Amz-Target prefix AWSEvents).
// Debug hooks: GET /_emulator/events/deliveries[?rule=&status=], POST /_emulator/events/fire-schedule
// {"rule": name}, POST /_emulator/events/advance-time {"minutes": n} or {"seconds": n}, GET /_emulator/events/schedules.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import type { ServiceDefinition, ServiceDeps } from "../core/types";
import { apiDestinationOperations, ApiDestinationStore } from "./api-destinations";
import { Deliverer } from "./delivery";
import { ruleArn } from "./names";
import { eventOperations, isoSeconds, PatternCache, routeEvent, type BusDeps, type EventEnvelope } from "./put-events";
import { ruleOperations } from "./rules";
import { RuleScheduler } from "./scheduler";
import { EventsStore, type StoredRule } from "./store";
import { tagOperations } from "./tags";
import { targetOperations } from "./targets";

/** `--max-rules-per-bus N` (a positive integer), else AWS's default quota. */
function maxRulesOption(options: Record<string, string> | undefined): number | undefined {
  const raw = options?.["max-rules-per-bus"];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--max-rules-per-bus must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** `--events-retry-delays-ms 100,500` (waits between delivery attempts; its length bounds the retries; "" = none). */
function retryDelaysOption(options: Record<string, string> | undefined): number[] | undefined {
  const raw = options?.["events-retry-delays-ms"];
  if (raw === undefined) return undefined;
  const delays = raw.trim() === "" || raw === "none" ? [] : raw.split(",").map((s) => Number(s.trim()));
  if (delays.some((d) => !Number.isInteger(d) || d < 0))
    throw new Error(`--events-retry-delays-ms must be comma-separated milliseconds, got ${JSON.stringify(raw)}`);
  return delays;
}

function positiveIntOption(options: Record<string, string> | undefined, name: string): number | undefined {
  const raw = options?.[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** Creates the EventBridge service; its state lives in deps.stateDir and survives restarts. */
export function createEventsService(deps: ServiceDeps): ServiceDefinition {
  const store = new EventsStore(deps.stateDir);
  const apiDestinations = new ApiDestinationStore(deps.stateDir);
  const deliverer = new Deliverer(deps.invoker, {
    apiDestinations,
    metrics: deps.metrics,
    retryDelaysMs: retryDelaysOption(deps.config.options),
    httpTimeoutMs: positiveIntOption(deps.config.options, "api-destination-timeout-ms"),
  });
  const patterns = new PatternCache();
  let eventsAccepted = 0;
  let scheduledFired = 0;

  const bus: BusDeps = {
    rules: () => store.list(),
    deliver: (rule, event, ingestionTime) => deliverer.deliverToRule(rule, event, ingestionTime),
    onAccepted: (n) => {
      eventsAccepted += n;
    },
  };

  /** AWS's scheduled event, delivered to the rule's own targets only. */
  function fireScheduled(rule: StoredRule, scheduledAt: Date): EventEnvelope {
    const event: EventEnvelope = {
      version: "0",
      id: randomUUID(),
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: deps.config.accountId,
      time: isoSeconds(scheduledAt),
      region: deps.config.region,
      resources: [rule.Arn],
      detail: {},
    };
    scheduledFired++;
    deliverer.deliverToRule(rule, event, new Date().toISOString());
    return event;
  }

  const scheduler = new RuleScheduler({
    rules: () => store.list(),
    fire: (rule, at) => {
      fireScheduled(rule, at);
    },
  });

  const operations = {
    ...ruleOperations({
      store,
      onRulesChanged: () => scheduler.refresh(),
      maxRules: maxRulesOption(deps.config.options),
    }),
    ...targetOperations(store),
    ...eventOperations(bus, patterns),
    ...tagOperations(store),
    ...apiDestinationOperations(apiDestinations),
  };

  return {
    name: "events",
    targetPrefix: "AWSEvents",
    jsonVersion: "1.1",
    operations,
    async start() {
      scheduler.start();
    },
    async stop() {
      scheduler.stop();
      await deliverer.stop();
      await store.flush();
      await apiDestinations.flush();
    },
    async reset() {
      store.clear();
      apiDestinations.clear();
      deliverer.reset();
      scheduler.resetClock();
      eventsAccepted = 0;
      scheduledFired = 0;
    },
    health() {
      const rules = store.list();
      return {
        rules: rules.length,
        scheduleRules: rules.filter((r) => r.ScheduleExpression !== undefined).length,
        targets: rules.reduce((n, r) => n + r.targets.length, 0),
        connections: apiDestinations.connections.size,
        apiDestinations: apiDestinations.destinations.size,
        eventsAccepted,
        scheduledFired,
        deliveries: deliverer.stats(),
      };
    },
    admin: {
      deliveries(input) {
        const rule = typeof input.rule === "string" ? input.rule : undefined;
        const status = typeof input.status === "string" ? input.status : undefined;
        return { deliveries: deliverer.records({ ruleName: rule, status }) };
      },
      /** Fires a schedule rule now (whatever its schedule or state), with the scheduled-event shape. */
      "fire-schedule"(input, method) {
        if (method !== "POST") throw new AwsError("ValidationException", "use POST");
        const name = input.rule;
        if (typeof name !== "string") throw new AwsError("ValidationException", 'body must be {"rule": "<rule name>"}');
        const rule = store.get(name);
        if (!rule) throw new AwsError("ResourceNotFoundException", `Rule ${name} does not exist on EventBus default.`);
        const at = new Date(Math.floor(scheduler.now().getTime() / 60_000) * 60_000);
        const event = fireScheduled(rule, at);
        return { event, targets: rule.targets.length };
      },
      /** Moves the scheduler clock forward and fires every occurrence due in that span. */
      "advance-time"(input, method) {
        if (method !== "POST") throw new AwsError("ValidationException", "use POST");
        const minutes = typeof input.minutes === "number" ? input.minutes : 0;
        const seconds = typeof input.seconds === "number" ? input.seconds : 0;
        const ms = (minutes * 60 + seconds) * 1000;
        if (!(ms >= 0) || ms > 366 * 24 * 3600 * 1000)
          throw new AwsError("ValidationException", "minutes/seconds must be ≥ 0 and ≤ one year");
        const fired = scheduler.advance(ms);
        return { now: scheduler.now().toISOString(), fired };
      },
      schedules() {
        return { now: scheduler.now().toISOString(), next: scheduler.upcoming() };
      },
      /** Resolves once every delivery in flight is finished (for tests). */
      async idle() {
        await deliverer.idle();
        return { deliveries: deliverer.stats() };
      },
    },
  };
}

export { routeEvent, ruleArn };
