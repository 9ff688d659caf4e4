// Service tokens for scripts and the API: only the SHA-256 of each token is stored.
import type { Role } from "@/lib/auth/roles";
import type { AuditEventInput } from "./audit-events";
import { appendAuditEvent } from "./audit-events";
import { prisma } from "./client";
import { DbError } from "./errors";
import { fromDbRole, toDbRole } from "./sessions";

export interface ServiceTokenRecord {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function fromRow<T extends { role: Parameters<typeof fromDbRole>[0] }>(row: T) {
  return { ...row, role: fromDbRole(row.role) as Role };
}

const publicFields = {
  id: true,
  name: true,
  role: true,
  createdBy: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

export async function createServiceToken(
  token: { name: string; role: Role; tokenHash: string; createdBy: string; expiresAt: Date | null },
  audit: (created: ServiceTokenRecord) => AuditEventInput,
): Promise<ServiceTokenRecord> {
  try {
    return await prisma().$transaction(async (tx) => {
      const row = fromRow(
        await tx.serviceToken.create({ data: { ...token, role: toDbRole(token.role) }, select: publicFields }),
      );
      await appendAuditEvent(audit(row), tx);
      return row;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw new DbError(`A token named “${token.name}” already exists. Choose another name.`, "name");
    throw error;
  }
}

export async function listServiceTokens(): Promise<ServiceTokenRecord[]> {
  const rows = await prisma().serviceToken.findMany({ select: publicFields, orderBy: { createdAt: "desc" } });
  return rows.map(fromRow);
}

export async function findServiceTokenByHash(tokenHash: string): Promise<ServiceTokenRecord | null> {
  const row = await prisma().serviceToken.findUnique({ where: { tokenHash }, select: publicFields });
  return row ? fromRow(row) : null;
}

export async function markServiceTokenUsed(id: string, at: Date): Promise<void> {
  await prisma().serviceToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}

/** Revokes and records it in one transaction; null when there is no such live token. */
export async function revokeServiceToken(
  id: string,
  audit: (revoked: ServiceTokenRecord) => AuditEventInput,
): Promise<ServiceTokenRecord | null> {
  return prisma().$transaction(async (tx) => {
    const { count } = await tx.serviceToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) return null;
    const row = fromRow(await tx.serviceToken.findUniqueOrThrow({ where: { id }, select: publicFields }));
    await appendAuditEvent(audit(row), tx);
    return row;
  });
}
