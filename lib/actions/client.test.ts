import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/guards", () => ({
  authorize: async () => ({
    ok: true,
    user: { actor: { id: "test-operator", displayName: "Test operator", role: "admin" } },
  }),
}));
vi.mock("@/lib/audit/record", () => ({ recordDone: async () => {} }));

const { defineAction, toFailure, concurrentEditMessage } = await import("./client");
const { ConcurrentEditError, DbError, UniqueViolationError } = await import("@/lib/db/errors");
const { ExecutionRefusedError } = await import("@/lib/executions/errors");
const { ActionError } = await import("./errors");
const { GENERIC_ERROR, failureMessage } = await import("./result");
const { logger } = await import("@/lib/log");

/** The lines the action client writes, with the bindings of its child logger. */
function captureLog() {
  const lines: Array<{ level: string; bindings: Record<string, unknown>; obj: Record<string, unknown> }> = [];
  vi.spyOn(logger, "child").mockImplementation((bindings) => {
    const at = (level: string) => (obj: Record<string, unknown>) => void lines.push({ level, bindings, obj });
    return { info: at("info"), warn: at("warn"), error: at("error") } as never;
  });
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe("defineAction", () => {
  const schema = z.object({ n: z.number().int().min(1, "Enter a whole number of at least 1.") });

  it("validates input and returns field errors by path without running the handler", async () => {
    const handler = vi.fn(async () => "ran");
    const action = defineAction({ name: "check.create", input: schema, handler: handler });
    expect(await action({ n: 0 })).toEqual({ ok: false, fieldErrors: { n: ["Enter a whole number of at least 1."] } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler with the parsed input and the current actor", async () => {
    const action = defineAction({
      name: "check.create",
      input: schema,
      handler: async (input, { actor }) => `${actor.id}:${input.n}`,
    });
    expect(await action({ n: 2 })).toEqual({ ok: true, data: "test-operator:2" });
  });

  it("hides unexpected errors behind a generic message and logs them", async () => {
    const lines = captureLog();
    const action = defineAction({
      name: "check.create",
      input: schema,
      handler: async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.1:5432 password=secret");
      },
    });
    const r = await action({ n: 1 });
    expect(r).toEqual({ ok: false, fieldErrors: {}, formError: GENERIC_ERROR });
    expect(JSON.stringify(r)).not.toContain("secret");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      bindings: { action: "check.create" },
      obj: { actor: "test-operator", outcome: "error" },
    });
  });

  it("logs one line per action with the actor and outcome, never the input", async () => {
    const lines = captureLog();
    const action = defineAction({ name: "check.create", input: schema, handler: async (i) => i.n * 2 });
    await action({ n: 21, secretish: "payload-value" });
    await action({ n: "not a number" });
    expect(lines.map((l) => [l.level, l.obj.outcome, l.obj.actor])).toEqual([
      ["info", "ok", "test-operator"],
      ["warn", "invalid", "test-operator"],
    ]);
    expect(typeof lines[0]!.obj.ms).toBe("number");
    expect(JSON.stringify(lines)).not.toMatch(/payload-value|not a number/);
  });

  it("lets Next's redirect/notFound signals through", async () => {
    const signal = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/checks;307;" });
    const action = defineAction({
      name: "check.create",
      input: schema,
      handler: async () => {
        throw signal;
      },
    });
    await expect(action({ n: 1 })).rejects.toBe(signal);
  });
});

describe("toFailure", () => {
  it("puts a unique violation beside its field", () => {
    expect(toFailure(new UniqueViolationError("name", "Aurora"), "t")).toEqual({
      ok: false,
      fieldErrors: { name: ["A check named “Aurora” already exists. Choose another name."] },
      code: "conflict",
    });
    expect(toFailure(new UniqueViolationError("slug", "aurora"), "t").fieldErrors.slug?.[0]).toMatch(
      /slug “aurora” is already used/,
    );
  });

  it("explains a concurrent edit with the version that won", () => {
    const r = toFailure(new ConcurrentEditError("id", 3, 4), "t");
    expect(r.formError).toBe(
      "Someone else saved this check while you were editing (version 4). Your changes are kept below; reload to see theirs.",
    );
    expect(r.code).toBe("conflict");
    expect(concurrentEditMessage(new ConcurrentEditError("id", 3, null))).toMatch(/deleted this check/);
  });

  it("shows our own errors' messages, on a field when named", () => {
    expect(toFailure(new ActionError("Too long.", "sql"), "t")).toEqual({
      ok: false,
      fieldErrors: { sql: ["Too long."] },
    });
    expect(toFailure(new ActionError("Gone."), "t")).toEqual({ ok: false, fieldErrors: {}, formError: "Gone." });
    expect(toFailure(new DbError("The database refused."), "t").formError).toBe("The database refused.");
    expect(toFailure(new ExecutionRefusedError("Not JSON.", "event"), "t")).toEqual({
      ok: false,
      fieldErrors: { event: ["Not JSON."] },
    });
  });

  it("turns a zod error raised by a handler into field errors", () => {
    const r = z.object({ a: z.string() }).safeParse({ a: 1 });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(toFailure(r.error, "t").fieldErrors)).toEqual(["a"]);
  });
});

describe("failureMessage", () => {
  it("prefers the form error, then the field errors, then the fallback", () => {
    expect(failureMessage({ ok: false, fieldErrors: { a: ["A."] }, formError: "Form." })).toBe("Form.");
    expect(failureMessage({ ok: false, fieldErrors: { a: ["A."], b: ["B."] } })).toBe("A. B.");
    expect(failureMessage({ ok: false, fieldErrors: {} }, "Not saved.")).toBe("Not saved.");
  });
});
