// States.Hash through the engine (ExecutionRun → asl/interpreter.ts) against node:crypto, around the 56-byte block
// boundary where aws-local-stepfunctions 3.0.0 (the interpreter used before) computed wrong digests.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Invoker } from "../core/types";
import type { RunOutcome } from "./engine";
import { runForTest } from "./engine-test-run";

const ALGORITHMS = [
  ["SHA-1", "sha1"],
  ["SHA-256", "sha256"],
  ["SHA-384", "sha384"],
  ["SHA-512", "sha512"],
  ["MD5", "md5"],
] as const;

const noInvoker: Invoker = {
  invoke() {
    throw new Error("no task in these machines");
  },
};

async function run(definition: object, input: unknown): Promise<RunOutcome> {
  return (await runForTest(definition, input, noInvoker)).outcome;
}

const passHash = (algorithm: string) => ({
  StartAt: "Hash",
  States: { Hash: { Type: "Pass", Parameters: { "h.$": `States.Hash($.s, '${algorithm}')` }, End: true } },
});

async function hashOf(s: string, algorithm: string): Promise<string> {
  const outcome = await run(passHash(algorithm), { s });
  expect(outcome.status).toBe("SUCCEEDED");
  return (JSON.parse(outcome.output!) as { h: string }).h;
}

const hex = (nodeAlgorithm: string, s: string) => createHash(nodeAlgorithm).update(s, "utf8").digest("hex");

describe("States.Hash in the emulator engine", () => {
  const long = Array.from({ length: 200 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join("");
  const a = "x".repeat(99) + "a";
  const b = "x".repeat(99) + "b";

  for (const [algorithm, nodeAlgorithm] of ALGORITHMS) {
    it(`${algorithm}: matches node:crypto on 200 bytes and on 100-byte strings differing in the last character`, async () => {
      expect(Buffer.byteLength(long)).toBe(200);
      expect(await hashOf(long, algorithm)).toBe(hex(nodeAlgorithm, long));
      const [ha, hb] = [await hashOf(a, algorithm), await hashOf(b, algorithm)];
      expect(ha).toBe(hex(nodeAlgorithm, a));
      expect(hb).toBe(hex(nodeAlgorithm, b));
      expect(ha).not.toBe(hb);
    });
  }

  it("hashes every length around the block boundaries and multi-byte UTF-8 input", async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 111, 112, 128, 129, 1000]) {
      const s = "q".repeat(n);
      expect(await hashOf(s, "SHA-256")).toBe(hex("sha256", s));
    }
    const utf8 = "é€😀".repeat(30); // 270 UTF-8 bytes
    expect(await hashOf(utf8, "SHA-512")).toBe(hex("sha512", utf8));
  });

  it("is fixed when nested in other intrinsics, in ResultSelector and inside Map and Parallel", async () => {
    const s = "n".repeat(150);
    const inner = "States.Hash($.s, 'SHA-256')";
    const outcome = await run(
      {
        StartAt: "Par",
        States: {
          Par: {
            Type: "Parallel",
            Branches: [
              {
                StartAt: "Nested",
                States: {
                  Nested: { Type: "Pass", Parameters: { "f.$": `States.Format('id-{}', ${inner})` }, End: true },
                },
              },
              {
                StartAt: "Each",
                States: {
                  Each: {
                    Type: "Map",
                    ItemsPath: "$.items",
                    ItemSelector: { "h.$": "States.Hash($$.Map.Item.Value, 'MD5')" },
                    ItemProcessor: { StartAt: "Id", States: { Id: { Type: "Pass", End: true } } },
                    End: true,
                  },
                },
              },
            ],
            ResultSelector: { "sel.$": "States.Hash(States.JsonToString($), 'SHA-1')", "all.$": "$" },
            End: true,
          },
        },
      },
      { s, items: [s, s + "!"] },
    );
    expect(outcome.status).toBe("SUCCEEDED");
    const output = JSON.parse(outcome.output!) as { sel: string; all: [{ f: string }, { h: string }[]] };
    expect(output.all[0].f).toBe(`id-${hex("sha256", s)}`);
    expect(output.all[1]).toEqual([{ h: hex("md5", s) }, { h: hex("md5", s + "!") }]);
    expect(output.sel).toMatch(/^[0-9a-f]{40}$/);
    expect(output.sel).toBe(hex("sha1", JSON.stringify(output.all)));
  });

  it("fails with States.Runtime for an unknown algorithm and an over-long string", async () => {
    const bad = await run(passHash("SHA-999"), { s: "abc" });
    expect(bad).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(bad.cause).toContain("the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    const tooLong = await run(passHash("SHA-256"), { s: "z".repeat(10_001) });
    expect(tooLong).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(tooLong.cause).toContain("the input exceeds 10000 characters");
  });
});
