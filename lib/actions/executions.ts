"use server";
// Server actions of the executions pages: Run now, Rerun, Stop, Test trigger, Sync now. The AWS side of each is
// in lib/executions/operations.ts (integration tests drive it without Next).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCheck } from "@/lib/db/checks";
import { newestExecution } from "@/lib/db/executions";
import * as ops from "@/lib/executions/operations";
import { syncNow } from "@/lib/executions/runtime";
import { uuidSchema } from "@/lib/uuid";
import { eventPathError } from "@/lib/checks/json-path";
import { sqlLiteralError } from "@/lib/checks/sql-literal";
import { countPlaceholders } from "@/lib/checks/sql-placeholders";
import { checkParameterSchema, type CheckParameter } from "@/lib/checks/types";
import { defineAction } from "./client";
import { ActionError } from "./errors";
import type { ActionResult } from "./result";

async function checkOrFail(id: string) {
  const check = await getCheck(id);
  if (!check) throw new ActionError("This check no longer exists.");
  return check;
}

async function executionOrFail(name: string) {
  const row = await newestExecution({ name });
  if (!row) throw new ActionError("This execution is not in the index.");
  return row;
}

function revalidateRuns(checkId: string | null) {
  revalidatePath("/executions");
  if (checkId) revalidatePath(`/checks/${checkId}`);
}

const runNowAction = defineAction({
  name: "execution.runNow",
  // `parameters`: other values for this run only (the JSON API's Run now); the check keeps its own.
  input: z.object({ checkId: uuidSchema, parameters: z.array(checkParameterSchema).optional() }),
  handler: async ({ checkId, parameters }, { actor }) => {
    const check = await checkOrFail(checkId);
    if (parameters) assertRunParameters(check.sql, parameters);
    const run = parameters ? { ...check, parameters } : check;
    const { name } = await ops.runNow(run, { id: actor.id, name: actor.displayName });
    revalidateRuns(check.id);
    return { name };
  },
});

/** Parameter values for one run obey the form's rules: one per `?` placeholder, each a valid literal or event path. */
function assertRunParameters(sql: string, parameters: CheckParameter[]): void {
  const placeholders = countPlaceholders(sql);
  if (parameters.length !== placeholders) {
    throw new ActionError(
      `The query has ${placeholders} ? placeholder${placeholders === 1 ? "" : "s"}; give exactly that many parameters.`,
      "parameters",
    );
  }
  parameters.forEach((p, i) => {
    const problem = p.kind === "literal" ? sqlLiteralError(p.value) : eventPathError(p.path);
    if (problem) throw new ActionError(problem, `parameters.${i}.${p.kind === "literal" ? "value" : "path"}`);
  });
}

const executionByName = z.object({ name: z.string().min(1).max(80) });

const rerunAction = defineAction({
  name: "execution.rerun",
  input: executionByName,
  handler: async ({ name }, { actor }) => {
    const row = await executionOrFail(name);
    const started = await ops.rerun(
      { executionArn: row.executionArn, input: row.input },
      { id: actor.id, name: actor.displayName },
    );
    revalidateRuns(row.checkId);
    return { name: started.name };
  },
});

const stopAction = defineAction({
  name: "execution.stop",
  input: executionByName,
  handler: async ({ name }, { actor }) => {
    const row = await executionOrFail(name);
    if (row.status !== "RUNNING") throw new ActionError("This execution is not running any more.");
    await ops.stop(row.executionArn, actor.displayName);
    revalidateRuns(row.checkId);
    return { name };
  },
});

const eventInput = z.object({
  checkId: uuidSchema,
  event: z
    .string()
    .min(2)
    .max(256 * 1024),
});

const testPatternAction = defineAction({
  name: "execution.testPattern",
  input: eventInput,
  handler: async ({ checkId, event }) => {
    const check = await checkOrFail(checkId);
    if (check.trigger.kind !== "eventPattern")
      throw new ActionError("This check runs on a schedule; it has no event pattern to test.");
    return { matches: await ops.testPattern(check.trigger.pattern, event) };
  },
});

const sendEventAction = defineAction({
  name: "execution.sendEvent",
  input: eventInput,
  handler: async ({ checkId, event }) => {
    await checkOrFail(checkId);
    const eventId = await ops.sendEvent(event);
    // The rule starts an execution asynchronously; sync soon so the runs list shows it.
    setTimeout(() => void syncNow(), 1500);
    return { eventId };
  },
});

const syncAction = defineAction({
  name: "execution.sync",
  input: z.object({}),
  handler: async () => {
    const report = await syncNow();
    revalidatePath("/executions");
    return { added: report?.added ?? 0, updated: report?.updated ?? 0 };
  },
});

// "use server" files may export async functions only: each action is a named async function.

export async function runNowExecution(input: {
  checkId: string;
  parameters?: CheckParameter[];
}): Promise<ActionResult<{ name: string }>> {
  return runNowAction(input);
}
export async function rerunExecution(input: { name: string }): Promise<ActionResult<{ name: string }>> {
  return rerunAction(input);
}
export async function stopExecution(input: { name: string }): Promise<ActionResult<{ name: string }>> {
  return stopAction(input);
}
export async function testTriggerPattern(input: {
  checkId: string;
  event: string;
}): Promise<ActionResult<{ matches: boolean }>> {
  return testPatternAction(input);
}
export async function sendTriggerEvent(input: {
  checkId: string;
  event: string;
}): Promise<ActionResult<{ eventId: string }>> {
  return sendEventAction(input);
}
export async function syncExecutionsNow(): Promise<ActionResult<{ added: number; updated: number }>> {
  return syncAction({});
}
