// The Step Functions service of the emulator (JSON 1.0, X-Amz-Target "AWSStepFunctions.<Op>"): state machines,
// executions run by the own ASL interpreter (asl/) with every Task served locally, AWS-shaped histories, tags.
import "../core/polyfills";
import type { ServiceDefinition, ServiceDeps } from "../core/types";
import { executionOperations } from "./execution-operations";
import { ExecutionManager } from "./executions";
import { machineOperations } from "./machine-operations";
import type { StatesContext } from "./service-context";
import { StatesStore } from "./store";
import { tagOperations } from "./tag-operations";
import type { RecordedCall } from "./task-resources";

/** How many recorded (not sent) SNS / HTTP task calls are kept for /_emulator/states/recorded-calls. */
const RECORDED_CALLS_KEPT = 1000;

/** Creates the states service; state machines, executions and histories persist under deps.stateDir. */
export function createStatesService(deps: ServiceDeps): ServiceDefinition {
  const store = new StatesStore(deps.stateDir);
  const recorded: RecordedCall[] = [];
  const record = (call: RecordedCall) => {
    recorded.push(call);
    if (recorded.length > RECORDED_CALLS_KEPT) recorded.splice(0, recorded.length - RECORDED_CALLS_KEPT);
  };
  const manager = new ExecutionManager(store, { config: deps.config, invoker: deps.invoker, record });
  const ctx: StatesContext = { config: deps.config, store, manager };
  store.load();
  manager.recover();

  return {
    name: "states",
    targetPrefix: "AWSStepFunctions",
    jsonVersion: "1.0",
    operations: { ...machineOperations(ctx), ...executionOperations(ctx), ...tagOperations(ctx) },
    admin: {
      // SNS publish / HTTP invoke calls made by Task states (recorded, never sent); filter by ?executionArn=.
      "recorded-calls": (input) => {
        const arn = typeof input.executionArn === "string" ? input.executionArn : undefined;
        return { calls: arn ? recorded.filter((c) => c.executionArn === arn) : recorded };
      },
    },
    // Counts for GET /_emulator/health (added by E5): machines, and executions by status.
    health() {
      const executions: Record<string, number> = {};
      for (const e of store.executions.values()) executions[e.status] = (executions[e.status] ?? 0) + 1;
      return { stateMachines: store.machines.size, executions, recordedCalls: recorded.length };
    },
    async stop() {
      manager.shutdown();
      store.flush();
    },
    async reset() {
      manager.reset();
      store.reset();
      recorded.length = 0;
    },
  };
}
