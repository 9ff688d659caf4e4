import { describe, expect, it } from "vitest";
import { diffRuns, findingsDelta, groupRows, keyHash, keyIndexes, rowKey, type Row } from "./compare";

describe("rowKey and groupRows", () => {
  it("keeps NULL, the text 'null' and the empty string apart", () => {
    const keys = [rowKey([null], [0]), rowKey(["null"], [0]), rowKey([""], [0])];
    expect(new Set(keys).size).toBe(3);
    expect(new Set(keys.map(keyHash)).size).toBe(3);
  });

  it("counts duplicate keys within one run instead of collapsing them", () => {
    const rows: Row[] = [
      ["admin", "10.0.0.1", "a"],
      ["admin", "10.0.0.1", "b"],
      ["admin", null, "c"],
      ["admin", "10.0.0.1", "d"],
    ];
    const g = groupRows(rows, [0, 1]);
    expect(g.size).toBe(2);
    expect(g.get(rowKey(rows[0]!, [0, 1]))).toMatchObject({ rows: 3, values: ["admin", "10.0.0.1"], first: rows[0] });
    expect(g.get(rowKey(rows[2]!, [0, 1]))?.rows).toBe(1);
  });

  it("finds key columns exactly, then ignoring case, and names the missing ones", () => {
    expect(keyIndexes(["UserName", "host"], ["username", "host"])).toEqual({ ok: true, indexes: [0, 1] });
    expect(keyIndexes(["username"], ["username", "host"])).toEqual({ ok: false, missing: ["host"] });
  });

  it("handles 1,000 columns keyed by the last two", () => {
    const cols = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const row = (n: number): Row => cols.map((_, i) => (i === 999 ? String(n) : i === 998 ? null : `v${i}`));
    const idx = keyIndexes(cols, ["c998", "c999"]);
    expect(idx.ok).toBe(true);
    if (!idx.ok) return;
    const g = groupRows([row(1), row(2), row(1)], idx.indexes);
    expect([...g.values()].map((x) => [x.values, x.rows])).toEqual([
      [[null, "1"], 2],
      [[null, "2"], 1],
    ]);
  });
});

describe("findingsDelta", () => {
  const run = (...users: (string | null)[]) =>
    groupRows(
      users.map((u) => [u, "x"]),
      [0],
    );
  const k = (u: string | null) => rowKey([u], [0]);

  it("sorts a run's keys into new, still open and resolved", () => {
    const d = findingsDelta(run("a", "b", "b", null), new Set([k("b"), k("c")]));
    expect(d.appeared.map((g) => g.values)).toEqual([["a"], [null]]);
    expect(d.stillOpen.map((g) => [g.values, g.rows])).toEqual([[["b"], 2]]);
    expect(d.resolved).toEqual([k("c")]);
    expect(d).toMatchObject({ rows: 4, duplicateRows: 1 });
  });

  it("resolves nothing for a run cut at its cap", () => {
    expect(findingsDelta(run("a"), new Set([k("c")]), { resolve: false }).resolved).toEqual([]);
  });

  it("an identical second run has everything still open and nothing new", () => {
    const first = findingsDelta(run("a", "b"), new Set());
    const open = new Set([...first.appeared, ...first.stillOpen].map((g) => g.key));
    const second = findingsDelta(run("a", "b"), open);
    expect(second.appeared).toEqual([]);
    expect(second.stillOpen).toHaveLength(2);
    expect(second.resolved).toEqual([]);
  });
});

describe("diffRuns", () => {
  const cols = ["username", "host", "logins"];

  it("pairs rows by finding keys: added, removed, changed cells, unchanged", () => {
    const d = diffRuns(
      {
        columns: cols,
        rows: [
          ["admin", "h1", "3"],
          ["root", "h2", "1"],
          ["bob", null, "1"],
        ],
      },
      {
        columns: cols,
        rows: [
          ["admin", "h1", "5"],
          ["bob", null, "1"],
          ["eve", "h3", "2"],
        ],
      },
      ["username", "host"],
    );
    expect(d.pairedBy).toBe("keys");
    expect(d.added).toEqual([["eve", "h3", "2"]]);
    expect(d.removed).toEqual([["root", "h2", "1"]]);
    expect(d.changed).toEqual([
      {
        key: ["admin", "h1"],
        before: ["admin", "h1", "3"],
        after: ["admin", "h1", "5"],
        cells: ["logins"],
        rowsBefore: 1,
        rowsAfter: 1,
      },
    ]);
    expect(d.unchangedCount).toBe(1);
  });

  it("compares whole rows as multisets when there are no keys (duplicates counted)", () => {
    const d = diffRuns(
      {
        columns: cols,
        rows: [
          ["a", "h", "1"],
          ["a", "h", "1"],
          ["b", "h", "1"],
        ],
      },
      {
        columns: cols,
        rows: [
          ["a", "h", "1"],
          ["a", "h", "1"],
          ["a", "h", "1"],
          ["c", null, "1"],
        ],
      },
      [],
    );
    expect(d.pairedBy).toBe("row");
    expect(d).toMatchObject({ addedCount: 2, removedCount: 1, unchangedCount: 2, changedCount: 0 });
    expect(d.removed).toEqual([["b", "h", "1"]]);
  });

  it("aligns columns by name: a reordered column is no change, an added one is reported", () => {
    const d = diffRuns(
      { columns: ["a", "b"], rows: [["1", "2"]] },
      { columns: ["b", "a", "c"], rows: [["2", "1", "x"]] },
      [],
    );
    expect(d).toMatchObject({
      columnsAdded: ["c"],
      columnsRemoved: [],
      addedCount: 0,
      removedCount: 0,
      unchangedCount: 1,
    });
  });

  it("falls back to whole rows when a key column is missing on one side", () => {
    const d = diffRuns({ columns: ["a"], rows: [["1"]] }, { columns: ["a", "k"], rows: [["1", "x"]] }, ["k"]);
    expect(d.pairedBy).toBe("row");
  });

  it("reports a key whose row count changed", () => {
    const d = diffRuns(
      { columns: cols, rows: [["a", "h", "1"]] },
      {
        columns: cols,
        rows: [
          ["a", "h", "1"],
          ["a", "h", "1"],
        ],
      },
      ["username"],
    );
    expect(d.changed).toMatchObject([{ cells: [], rowsBefore: 1, rowsAfter: 2 }]);
  });
});
