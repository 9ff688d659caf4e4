// StopExecution while Map iterations and Parallel branches wait: the run ends ABORTED, every open state records its
// *StateAborted event, and nothing is recorded after the stop.
import { describe, expect, it } from "vitest";
import type { Invoker } from "../core/types";
import { runUnderTest } from "./engine-test-run";

const noTasks: Invoker = {
  invoke() {
    throw new Error("no task in these machines");
  },
};

describe("ExecutionRun.abort", () => {
  it("aborts waiting Map iterations and Parallel branches", async () => {
    const wait = { StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, End: true } } };
    const { run, recorder } = runUnderTest(
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Branches: [wait, { StartAt: "M", States: { M: { Type: "Map", ItemProcessor: wait, End: true } } }],
            End: true,
          },
        },
      },
      [1, 2],
      noTasks,
    );
    const done = run.run();
    await new Promise((r) => setTimeout(r, 50));
    expect(recorder.events.filter((e) => e.type === "WaitStateEntered")).toHaveLength(3);
    run.abort();
    const count = recorder.events.length;
    expect(await done).toEqual({ status: "ABORTED" });
    const aborted = recorder.events.slice(count - 5).map((e) => e.type);
    expect(aborted.sort()).toEqual([
      "MapStateAborted",
      "ParallelStateAborted",
      "WaitStateAborted",
      "WaitStateAborted",
      "WaitStateAborted",
    ]);
    await new Promise((r) => setTimeout(r, 20));
    expect(recorder.events).toHaveLength(count);
  });
});
