"use server";
// Server actions for checks. Each validates with the shared schema, writes through lib/db/checks.ts as the
// current actor, then asks the reconciler to apply the change right away and reports what it said.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkSpecSchema, sourcePathSchema } from "@/lib/checks/schema";
import { createCheck, deleteCheck, getCheck, setCheckEnabled, updateCheck } from "@/lib/db/checks";
import { ConcurrentEditError } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { targetInputSizeError } from "@/lib/reconcile/target-input";
import type { Check, CheckSpec } from "@/lib/checks/types";
import { reconcileOutcome, type ReconcileOutcome } from "./after-change";
import { defineAction, staleCheckPageMessage } from "./client";
import { ActionError, StaleCheckError } from "./errors";
import type { ActionResult } from "./result";

export interface SavedCheck {
  id: string;
  version: number;
  reconcile: ReconcileOutcome;
}

function specSchema() {
  return checkSpecSchema({ rulePrefix: env.RULE_PREFIX });
}

/** Server-only limit: the rule target input must fit EventBridge's 8,192-character template. */
function assertTargetFits(spec: CheckSpec): void {
  const problem = targetInputSizeError(spec);
  if (!problem) return;
  const field = /event path|from the event/.test(problem) ? "parameters" : "sql";
  throw new ActionError(problem, field);
}

async function saved(check: Pick<Check, "id" | "version">): Promise<SavedCheck> {
  return { id: check.id, version: check.version, reconcile: await reconcileOutcome({ checkId: check.id }) };
}

const versioned = { id: z.string().min(1), expectedVersion: z.number().int().min(1) };

/**
 * Set only by a checks-as-code apply (through the API): the YAML file the check comes from, or null to hand it back
 * to the browser. Forms never send it, so an edit in the browser keeps the check's origin.
 */
const origin = { sourcePath: sourcePathSchema.nullable().optional() };

const create = defineAction({
  name: "check.create",
  input: z.object({ draft: z.unknown(), ...origin }),
  handler: async ({ draft, sourcePath }, { actor }) => {
    const parsed = specSchema().safeParse(draft);
    if (!parsed.success) throw parsed.error;
    assertTargetFits(parsed.data);
    const check = await createCheck(parsed.data, actor, { sourcePath });
    revalidatePath("/checks");
    return saved(check);
  },
});

const update = defineAction({
  name: "check.update",
  input: z.object({ ...versioned, draft: z.unknown(), ...origin }),
  handler: async ({ id, expectedVersion, draft, sourcePath }, { actor }) => {
    const parsed = specSchema().safeParse(draft);
    if (!parsed.success) throw parsed.error;
    assertTargetFits(parsed.data);
    const check = await updateCheck(id, expectedVersion, parsed.data, actor, { sourcePath });
    revalidatePath("/checks");
    revalidatePath(`/checks/${id}`);
    return saved(check);
  },
});

/** Runs `write`; a refused stale write from the check page gets a message for that page (not the form's). */
async function fromCheckPage<T>(attempted: "enable" | "disable" | "delete", write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConcurrentEditError) throw new StaleCheckError(staleCheckPageMessage(error, attempted));
    throw error;
  }
}

const enable = defineAction({
  name: "check.setEnabled",
  input: z.object({ ...versioned, enabled: z.boolean() }),
  handler: async ({ id, expectedVersion, enabled }, { actor }) => {
    const check = await fromCheckPage(enabled ? "enable" : "disable", () =>
      setCheckEnabled(id, expectedVersion, enabled, actor),
    );
    revalidatePath("/checks");
    revalidatePath(`/checks/${id}`);
    return saved(check);
  },
});

const remove = defineAction({
  name: "check.delete",
  input: z.object({ ...versioned, confirmName: z.string() }),
  handler: async ({ id, expectedVersion, confirmName }, { actor }) => {
    const check = await getCheck(id);
    if (!check) throw new ActionError("This check no longer exists; someone else may have deleted it.");
    if (confirmName.trim() !== check.name) {
      throw new ActionError(`Type the check's name exactly (“${check.name}”) to confirm.`, "confirmName");
    }
    await fromCheckPage("delete", () => deleteCheck(id, expectedVersion, actor));
    revalidatePath("/checks");
    return { reconcile: await reconcileOutcome({ deletedCheck: { id: check.id, slug: check.slug } }) };
  },
});

// "use server" files may export async functions only: each action is a named async function.

/** Creates a check from the form's draft. */
export async function createCheckAction(input: {
  draft: unknown;
  sourcePath?: string | null;
}): Promise<ActionResult<SavedCheck>> {
  return create(input);
}

/** Saves an edit; refused when someone else saved since `expectedVersion` was read. */
export async function updateCheckAction(input: {
  id: string;
  expectedVersion: number;
  draft: unknown;
  sourcePath?: string | null;
}): Promise<ActionResult<SavedCheck>> {
  return update(input);
}

/** Enables or disables a check (its rule is enabled or disabled by the reconciler). */
export async function setCheckEnabledAction(input: {
  id: string;
  expectedVersion: number;
  enabled: boolean;
}): Promise<ActionResult<SavedCheck>> {
  return enable(input);
}

/** Deletes a check after the operator typed its name. */
export async function deleteCheckAction(input: {
  id: string;
  expectedVersion: number;
  confirmName: string;
}): Promise<ActionResult<{ reconcile: ReconcileOutcome }>> {
  return remove(input);
}
