// Creating and revoking service tokens: the token is shown once, only its hash is stored, both steps are audited.
import type { Actor } from "@/lib/actor";
import { createServiceToken, revokeServiceToken, type ServiceTokenRecord } from "@/lib/db/service-tokens";
import { z } from "zod";
import { ROLES } from "./roles";
import { newServiceToken, sha256 } from "./secrets";

export const newTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/, "Use 1-64 letters, digits, '.', '-' or '_'."),
  role: z.enum(ROLES, { error: "Choose viewer, operator or admin." }),
  expiresInDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(1, "At least 1 day.")
    .max(3650, "At most 3,650 days.")
    .nullable(),
});

export type NewToken = z.infer<typeof newTokenSchema>;

export async function issueServiceToken(
  input: NewToken,
  actor: Actor,
): Promise<{ token: string; record: ServiceTokenRecord }> {
  const token = newServiceToken();
  const record = await createServiceToken(
    {
      name: input.name,
      role: input.role,
      tokenHash: sha256(token),
      createdBy: actor.id,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
    },
    (created) => ({
      actor,
      action: "token.create",
      target: { kind: "token", id: created.id, name: created.name },
      detail: { role: created.role, expiresAt: created.expiresAt?.toISOString() ?? null },
    }),
  );
  return { token, record };
}

export async function withdrawServiceToken(id: string, actor: Actor): Promise<ServiceTokenRecord | null> {
  return revokeServiceToken(id, (revoked) => ({
    actor,
    action: "token.revoke",
    target: { kind: "token", id: revoked.id, name: revoked.name },
  }));
}
