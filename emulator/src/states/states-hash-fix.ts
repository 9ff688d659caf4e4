// Replaces the digest computation of the interpreter's `States.Hash` intrinsic with node:crypto.
//
// Why: aws-local-stepfunctions 3.0.0 hashes with its own MD5/SHA code (build/main.node.esm.js, classes `MD5`,
// `SHA1`, `SHA256`, `SHA384`, `SHA512` under "src/util/hash/*"). Their `computeHash` loops count 32-/64-bit words
// but read `dataView.getUint32(i + t * 4)` as if `i` were a byte offset, so every block after the first is read
// from the wrong place: any input of ≥ 56 bytes (≥ 112 for SHA-384/512) gets a wrong digest, and long inputs that
// differ only near the end collide. Real Step Functions returns the hex digest of the UTF-8 input.
//
// How: the hash objects, the `StatesHash` class and the intrinsic table (`functions` in
// "src/stateMachine/IntrinsicFunctionEvaluation.ts") are all module-private; the package exports only
// StateMachine and three error classes. The one way in is the table lookup `functions[funcName]`: `functions` is
// a plain object, so an unknown name falls through to Object.prototype. We install a non-enumerable getter there
// for a probe name, run a one-state machine whose Parameters call `<probe>()` (payload templates are evaluated
// synchronously inside `run()`), and the getter receives the table as `this`. The getter is removed before this
// function returns. We then give the table's `States.Hash` instance an own `execute`: argument parsing (JSONPath
// arguments, nested intrinsics) and type checks stay the library's; for a supported algorithm and a string within
// the library's 10,000-character limit the digest comes from node:crypto, anything else is delegated to the
// original `execute` so its States.Runtime errors are unchanged. The table is shared by every StateMachine
// (Parallel branches and Map iterations included), so every `States.Hash` the emulator runs is covered.
//
// Guarded: if the library changes shape (probe never reaches the table, no `States.Hash` with `execute`), this
// throws when engine.ts is first imported, i.e. when the emulator starts — never a silently wrong hash.
import "../core/polyfills";
import { createHash } from "node:crypto";
import { StateMachine } from "aws-local-stepfunctions";

type IntrinsicFunction = { call: (...args: unknown[]) => unknown; execute: (...args: unknown[]) => unknown };

/** States.Hash algorithm name → node:crypto algorithm. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};
/** The library refuses (States.Runtime) longer strings; AWS documents the same 10,000-character limit. */
const MAX_INPUT_CHARS = 10_000;
const PROBE = "EmulatorIntrinsicTableProbe";
const PATCHED = Symbol.for("audit-checks-console.emulator.statesHashPatched");

/** Hex digest of the UTF-8 bytes of `input`, as Step Functions' States.Hash returns it. */
export function statesHashDigest(input: string, algorithm: string): string | undefined {
  const nodeAlgorithm = ALGORITHMS[algorithm];
  return nodeAlgorithm === undefined ? undefined : createHash(nodeAlgorithm).update(input, "utf8").digest("hex");
}

// Reaches the interpreter's private intrinsic table (see the header comment); throws if it cannot.
function intrinsicTable(): Record<string, unknown> {
  let table: unknown;
  const stub = { call: () => null };
  Object.defineProperty(Object.prototype, PROBE, {
    configurable: true,
    enumerable: false,
    get(this: unknown) {
      // The receiver IS what we came for: the table on which the interpreter looked the probe name up.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      table = this;
      return stub;
    },
  });
  try {
    const probe = new StateMachine(
      {
        StartAt: "Probe",
        States: { Probe: { Type: "Pass", Parameters: { "p.$": `${PROBE}()` }, End: true } },
      } as never,
      {
        validationOptions: { noValidate: true },
      },
    );
    probe.run({}).result.catch(() => undefined);
  } finally {
    delete (Object.prototype as Record<string, unknown>)[PROBE];
  }
  if (typeof table !== "object" || table === null) {
    throw new Error(
      "aws-local-stepfunctions: cannot reach the intrinsic function table to fix States.Hash (library changed?)",
    );
  }
  return table as Record<string, unknown>;
}

/** Makes every States.Hash evaluated by aws-local-stepfunctions return node:crypto's digest; idempotent, throws if the library's shape changed. */
export function installStatesHashFix(): void {
  const table = intrinsicTable();
  const hash = Object.prototype.hasOwnProperty.call(table, "States.Hash")
    ? (table["States.Hash"] as Partial<IntrinsicFunction>)
    : undefined;
  if (!hash || typeof hash.call !== "function" || typeof hash.execute !== "function") {
    throw new Error(
      "aws-local-stepfunctions: the intrinsic table has no States.Hash with call/execute, cannot fix it (library changed?)",
    );
  }
  const patched = hash as IntrinsicFunction & { [PATCHED]?: true };
  if (patched[PATCHED]) return;
  const original = hash.execute;
  patched.execute = function execute(this: unknown, ...args: unknown[]): unknown {
    const [input, algorithm] = args;
    if (typeof input === "string" && typeof algorithm === "string" && input.length <= MAX_INPUT_CHARS) {
      const digest = statesHashDigest(input, algorithm);
      if (digest !== undefined) return digest;
    }
    return original.apply(this, args); // its errors: too long, unsupported algorithm
  };
  patched[PATCHED] = true;
}

installStatesHashFix();
