"use server";
// Service tokens (admin): create one (its value is returned once) and revoke one.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { issueServiceToken, newTokenSchema, withdrawServiceToken } from "@/lib/auth/tokens";
import { defineAction } from "./client";
import { ActionError } from "./errors";
import type { ActionResult } from "./result";

const create = defineAction({
  name: "token.create",
  input: newTokenSchema,
  handler: async (input, { actor }) => {
    const { token, record } = await issueServiceToken(input, actor);
    revalidatePath("/tokens");
    return { token, name: record.name };
  },
});

const revoke = defineAction({
  name: "token.revoke",
  input: z.object({ id: z.uuid() }),
  handler: async ({ id }, { actor }) => {
    const revoked = await withdrawServiceToken(id, actor);
    if (!revoked) throw new ActionError("This token is already revoked.");
    revalidatePath("/tokens");
    return { name: revoked.name };
  },
});

/** Creates a token; the value in the result is the only time anyone sees it. */
export async function createTokenAction(input: {
  name: string;
  role: string;
  expiresInDays: number | null;
}): Promise<ActionResult<{ token: string; name: string }>> {
  return create(input);
}

export async function revokeTokenAction(input: { id: string }): Promise<ActionResult<{ name: string }>> {
  return revoke(input);
}
