// Test support shared by the engine's unit tests (engine.test.ts, states-hash-fix.test.ts): one ExecutionRun
// under a fixed execution identity, so each test file states only its definition, input and invoker.
import type { Invoker } from "../core/types";
import { ExecutionRun, type RunOutcome } from "./engine";
import { HistoryRecorder } from "./history";
import type { RecordedCall } from "./task-resources";

/** Runs `definition` on `input` once to its end; returns the outcome, the recorded history and every task call. */
export async function runForTest(
  definition: object,
  input: unknown,
  invoker: Invoker,
): Promise<{ outcome: RunOutcome; recorder: HistoryRecorder; recorded: RecordedCall[] }> {
  const recorder = new HistoryRecorder();
  const recorded: RecordedCall[] = [];
  const engine = new ExecutionRun(
    definition as Record<string, unknown>,
    input,
    {
      executionArn: "arn:aws:states:us-east-1:000000000000:execution:sm:ex",
      executionName: "ex",
      stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:sm",
      stateMachineName: "sm",
      roleArn: "arn:aws:iam::000000000000:role/r",
      region: "us-east-1",
      startTime: new Date().toISOString(),
    },
    recorder,
    { invoker, record: (c) => recorded.push(c) },
  );
  return { outcome: await engine.run(), recorder, recorded };
}
