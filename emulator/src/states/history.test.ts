// History building: event numbering and detail members.
import { describe, expect, it } from "vitest";
import { HistoryRecorder } from "./history";

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
