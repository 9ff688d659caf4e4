// Shared steps of the checks endpoints: find a check by slug (404 otherwise) and save a check body through the
// same server actions as the edit form.
import "server-only";
import type { z } from "zod";
import { createCheckAction, updateCheckAction } from "@/lib/actions/checks";
import type { ActionResult } from "@/lib/actions/result";
import { getCheck, getCheckBySlug } from "@/lib/db/checks";
import type { Check } from "@/lib/checks/types";
import { ApiError } from "./errors";
import { draftFromInput, inputFieldErrors, presentCheck } from "./present";
import { errorResponse, fromAction, json } from "./route";
import type { checkInputSchema, checkUpdateSchema } from "./schemas";

export async function checkBySlugOr404(slug: string): Promise<Check> {
  const check = await getCheckBySlug(decodeURIComponent(slug));
  if (!check) throw new ApiError("not_found", `There is no check with the slug “${slug}”.`);
  return check;
}

type Saved = ActionResult<{ id: string; version: number; reconcile: { status: Check["syncStatus"]; message: string } }>;

async function answer(result: Saved, patternAsObject: boolean, status: number): Promise<Response> {
  if (!result.ok) {
    const fields = inputFieldErrors(result.fieldErrors, patternAsObject);
    return fromAction({ ...result, fieldErrors: fields }, () => json(null));
  }
  const check = await getCheck(result.data.id);
  if (!check) return errorResponse("conflict", "The check was deleted right after it was saved.");
  return json({ check: presentCheck(check), reconcile: result.data.reconcile }, status);
}

const patternObject = (input: z.output<typeof checkInputSchema>) =>
  input.trigger.kind === "eventPattern" && "pattern" in input.trigger;

export async function createFromInput(input: z.output<typeof checkInputSchema>): Promise<Response> {
  const result = await createCheckAction({ draft: draftFromInput(input), sourcePath: input.sourcePath });
  return answer(result, patternObject(input), 201);
}

export async function updateFromInput(check: Check, input: z.output<typeof checkUpdateSchema>): Promise<Response> {
  const result = await updateCheckAction({
    id: check.id,
    expectedVersion: input.version,
    draft: draftFromInput(input),
    sourcePath: input.sourcePath,
  });
  return answer(result, patternObject(input), 200);
}
