"use server";
// Acknowledging a finding (operator): with a comment, until a date or for good; and withdrawing it. Under "no
// unacknowledged findings" the check's rule target carries the acknowledged keys (lib/findings/verdict-sql.ts), so
// the change is applied to AWS right after it is committed.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCheck } from "@/lib/db/checks";
import { acknowledgedKeys, acknowledgeFinding, findingCheckId, FindingNotFoundError } from "@/lib/db/findings";
import { acknowledgeInputSchema } from "@/lib/findings/acknowledge";
import { buildInputTransformer, MAX_INPUT_TEMPLATE_CHARS } from "@/lib/reconcile/target-input";
import { reconcileOutcome, type ReconcileOutcome } from "./after-change";
import { defineAction } from "./client";
import { ActionError } from "./errors";
import type { ActionResult } from "./result";

async function afterAcknowledgement(checkId: string): Promise<ReconcileOutcome | null> {
  revalidatePath(`/checks/${checkId}`);
  const check = await getCheck(checkId);
  if (check?.expectation.kind !== "noUnacknowledgedFindings") return null;
  return reconcileOutcome({ checkId });
}

const acknowledge = defineAction({
  name: "finding.acknowledge",
  input: acknowledgeInputSchema,
  handler: async (input, { actor }) => {
    const checkId = await findingCheckId(input.findingId);
    if (!checkId) throw new ActionError("This finding no longer exists.");
    const check = await getCheck(checkId);
    if (check?.expectation.kind === "noUnacknowledgedFindings") {
      // The acknowledged keys travel in the rule target's input: refuse one that EventBridge could not carry.
      const keys = await acknowledgedKeys(check.id, check.findingKeys);
      const { InputTemplate } = buildInputTransformer({ ...check, acknowledgedFindings: [...keys, keys[0] ?? []] });
      if (InputTemplate.length > MAX_INPUT_TEMPLATE_CHARS)
        throw new ActionError(
          `The check's rule target would carry ${InputTemplate.length.toLocaleString("en-US")} characters with this acknowledgement; EventBridge allows ${MAX_INPUT_TEMPLATE_CHARS.toLocaleString("en-US")}. Withdraw acknowledgements that are no longer needed, or narrow the query.`,
        );
    }
    try {
      await acknowledgeFinding({ ...input, actor });
    } catch (error) {
      if (error instanceof FindingNotFoundError) throw new ActionError(error.message);
      throw error;
    }
    return { sync: await afterAcknowledgement(checkId) };
  },
});

const withdraw = defineAction({
  name: "finding.withdrawAcknowledgement",
  input: z.object({ findingId: z.string().regex(/^\d{1,19}$/, "Unknown finding.") }),
  handler: async ({ findingId }, { actor }) => {
    let checkId: string;
    try {
      ({ checkId } = await acknowledgeFinding({ findingId, comment: null, until: null, actor }));
    } catch (error) {
      if (error instanceof FindingNotFoundError) throw new ActionError(error.message);
      throw error;
    }
    return { sync: await afterAcknowledgement(checkId) };
  },
});

export async function acknowledgeFindingAction(input: {
  findingId: string;
  comment: string;
  until: string;
}): Promise<ActionResult<{ sync: ReconcileOutcome | null }>> {
  return acknowledge(input);
}

export async function withdrawAcknowledgementAction(input: {
  findingId: string;
}): Promise<ActionResult<{ sync: ReconcileOutcome | null }>> {
  return withdraw(input);
}
