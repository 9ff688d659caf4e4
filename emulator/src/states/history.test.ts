// History building: event numbering, detail members, and the translation of interpreter events.
import { describe, expect, it } from "vitest";
import { HistoryRecorder, InterpreterEventTranslator } from "./history";

describe("HistoryRecorder", () => {
  it("numbers events, links previousEventId, keeps timestamps monotonic and names detail members as AWS does", () => {
    const r = new HistoryRecorder();
    r.add("ExecutionStarted", { input: "{}" }, 2000);
    r.add("PassStateEntered", { name: "P" }, 1500); // earlier clock reading: clamped
    r.add("ParallelStateStarted");
    expect(r.events[0]).toEqual({
      id: 1,
      previousEventId: 0,
      timestamp: 2,
      type: "ExecutionStarted",
      executionStartedEventDetails: { input: "{}" },
    });
    expect(r.events[1]).toMatchObject({
      id: 2,
      previousEventId: 1,
      timestamp: 2,
      stateEnteredEventDetails: { name: "P" },
    });
    expect(Object.keys(r.events[2]!)).toEqual(["timestamp", "type", "id", "previousEventId"]);
  });

  it("refuses events after the terminal one", () => {
    const r = new HistoryRecorder();
    r.finish("ExecutionSucceeded", { output: "1" });
    r.add("PassStateEntered", { name: "late" });
    expect(r.events.map((e) => e.type)).toEqual(["ExecutionSucceeded"]);
    expect(r.isClosed).toBe(true);
  });
});

describe("InterpreterEventTranslator", () => {
  it("turns state and Map events into AWS types and records aborted open states", () => {
    const r = new HistoryRecorder();
    const t = new InterpreterEventTranslator(r, () => ({ resourceType: "athena", resource: "getQueryResults" }));
    const map = { name: "M", type: "Map", input: [1] };
    t.handle({ type: "StateEntered", timestamp: 1, state: map });
    t.handle({ type: "MapIterationStarted", timestamp: 2, parentState: map, index: 0 });
    t.handle({ type: "StateEntered", timestamp: 3, state: { name: "T", type: "Task", input: 1 }, index: 0 });
    t.handle({
      type: "StateFailed",
      timestamp: 4,
      state: { name: "T", type: "Task", input: 1 },
      Error: "States.Timeout",
      Cause: "x",
    });
    t.handle({ type: "StateRetried", timestamp: 5, state: { name: "T", type: "Task", input: 1 } });
    t.handle({ type: "StateEntered", timestamp: 6, state: { name: "W", type: "Wait", input: 1 } });
    t.abortOpenStates();
    expect(r.events.map((e) => e.type)).toEqual([
      "MapStateEntered",
      "MapStateStarted",
      "MapIterationStarted",
      "TaskStateEntered",
      "TaskTimedOut",
      "WaitStateEntered",
      "MapStateAborted",
      "TaskStateAborted",
      "WaitStateAborted",
    ]);
    expect(r.events[2]!.mapIterationStartedEventDetails).toEqual({ name: "M", index: 0 });
    expect(r.events[4]!.taskTimedOutEventDetails).toMatchObject({ resourceType: "athena", error: "States.Timeout" });
  });
});
