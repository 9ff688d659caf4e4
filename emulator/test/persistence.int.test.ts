// JsonSnapshot on a real temp directory: atomic, debounced writes; corrupt files set aside.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonSnapshot } from "../src/core/persistence";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-test-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("JsonSnapshot", () => {
  it("loads nothing at first, writes after the debounce, and loads what it wrote", async () => {
    const snap = new JsonSnapshot<{ n: number }>(dir, { debounceMs: 30 });
    expect(snap.load()).toBeUndefined();
    const state = { n: 1 };
    snap.track(() => state);
    snap.changed();
    state.n = 2;
    snap.changed();
    expect(fs.existsSync(snap.filePath)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(new JsonSnapshot<{ n: number }>(dir).load()).toEqual({ n: 2 });
    expect(fs.readdirSync(dir)).toEqual(["state.json"]); // no temp file left behind
  });

  it("flush writes pending changes at once; clear removes the file", async () => {
    const snap = new JsonSnapshot<string[]>(dir, { file: "x.json", debounceMs: 10_000 });
    snap.track(() => ["a"]);
    snap.changed();
    await snap.flush();
    expect(JSON.parse(fs.readFileSync(path.join(dir, "x.json"), "utf8"))).toEqual(["a"]);
    snap.clear();
    expect(fs.existsSync(path.join(dir, "x.json"))).toBe(false);
  });

  it("moves a corrupt file aside and starts empty", () => {
    fs.writeFileSync(path.join(dir, "state.json"), "{half");
    const snap = new JsonSnapshot(dir);
    expect(snap.load()).toBeUndefined();
    expect(fs.readdirSync(dir).some((f) => f.startsWith("state.json.corrupt-"))).toBe(true);
  });
});
