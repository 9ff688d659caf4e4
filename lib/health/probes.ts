// The console's real dependencies as readiness probes: the database (SELECT 1 through the process's own pool, so a
// full or broken pool shows) and AWS (one cheap read per service the console calls: EventBridge and Step Functions,
// with the SDK's retries cut short by the abort signal). An AWS answer that is an error of the service itself (e.g.
// AccessDenied) proves the endpoint is reachable, but the console cannot work with it: it counts as down.
import { ListRulesCommand, type EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { ListStateMachinesCommand, type SFNClient } from "@aws-sdk/client-sfn";
import type { Probe } from "./readiness";

export interface ProbeDependencies {
  pingDatabase: () => Promise<void>;
  events: EventBridgeClient;
  sfn: SFNClient;
  rulePrefix: string;
}

export function readinessProbes(deps: ProbeDependencies): Record<string, Probe> {
  return {
    database: () => deps.pingDatabase(),
    eventbridge: async (abortSignal) => {
      await deps.events.send(new ListRulesCommand({ NamePrefix: deps.rulePrefix, Limit: 1 }), { abortSignal });
    },
    stepfunctions: async (abortSignal) => {
      await deps.sfn.send(new ListStateMachinesCommand({ maxResults: 1 }), { abortSignal });
    },
  };
}
