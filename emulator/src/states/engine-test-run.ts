// Test support shared by the engine's unit tests (engine.test.ts, engine-abort.test.ts): one ExecutionRun under a
// fixed execution identity, so each test file states only its definition, input and invoker.
import type { Invoker } from "../core/types";
import { ExecutionRun, type RunOutcome } from "./engine";
import { HistoryRecorder } from "./history";
import type { RecordedCall } from "./task-resources";

/** Builds a run of `definition` on `input` without starting it (a test that stops it midway needs the run). */
export function runUnderTest(
  definition: object,
  input: unknown,
  invoker: Invoker,
): { run: ExecutionRun; recorder: HistoryRecorder; recorded: RecordedCall[] } {
  const recorder = new HistoryRecorder();
  const recorded: RecordedCall[] = [];
  const run = new ExecutionRun(
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
  return { run, recorder, recorded };
}

/** Runs `definition` on `input` once to its end; returns the outcome, the recorded history and every task call. */
export async function runForTest(
  definition: object,
  input: unknown,
  invoker: Invoker,
): Promise<{ outcome: RunOutcome; recorder: HistoryRecorder; recorded: RecordedCall[] }> {
  const { run, recorder, recorded } = runUnderTest(definition, input, invoker);
  return { outcome: await run.run(), recorder, recorded };
}
