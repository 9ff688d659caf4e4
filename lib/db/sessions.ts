// Sign-in sessions and sign-ins in flight. Only SHA-256 hashes of the browser's random ids are stored.
import type { Role as DbRole } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/roles";
import { prisma } from "./client";
import type { AuditEventInput } from "./audit-events";
import { appendAuditEvent } from "./audit-events";

export interface SessionRecord {
  id: string;
  subject: string;
  name: string;
  email: string | null;
  groups: string[];
  role: Role | null;
  idToken: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export const toDbRole = (role: Role): DbRole => role.toUpperCase() as DbRole;
export const fromDbRole = (role: DbRole | null): Role | null => (role ? (role.toLowerCase() as Role) : null);

/** What a sign-in stores: the session's own fields, the hash of the browser's id, and where the request came from. */
export type NewSession = Pick<
  SessionRecord,
  "subject" | "name" | "email" | "groups" | "role" | "idToken" | "expiresAt"
> & {
  idHash: string;
  ip: string | null;
  userAgent: string | null;
};

/** Creates the session and records the sign-in in one transaction. */
export async function createSession(session: NewSession, audit: AuditEventInput): Promise<void> {
  await prisma().$transaction(async (tx) => {
    await tx.session.create({ data: { ...session, role: session.role ? toDbRole(session.role) : null } });
    await appendAuditEvent(audit, tx);
  });
}

export async function findSessionByHash(idHash: string): Promise<SessionRecord | null> {
  const row = await prisma().session.findUnique({ where: { idHash } });
  return row ? { ...row, role: fromDbRole(row.role) } : null;
}

/** Marks activity (idle timeout); callers throttle it. */
export async function touchSession(id: string, at: Date): Promise<void> {
  await prisma().session.updateMany({ where: { id, endedAt: null }, data: { lastSeenAt: at } });
}

/** Ends a session (sign-out) and records it, in one transaction; false when it had already ended. */
export async function endSession(id: string, audit: AuditEventInput | null): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    const { count } = await tx.session.updateMany({ where: { id, endedAt: null }, data: { endedAt: new Date() } });
    if (count > 0 && audit) await appendAuditEvent(audit, tx);
    return count > 0;
  });
}

export interface LoginRequestRecord {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  createdAt: Date;
}

export async function createLoginRequest(
  idHash: string,
  request: Omit<LoginRequestRecord, "createdAt">,
): Promise<void> {
  // Old abandoned sign-ins are of no use to anyone: drop those older than a day while we are here.
  await prisma().loginRequest.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } } });
  await prisma().loginRequest.create({ data: { idHash, ...request } });
}

/** Returns and deletes the sign-in in flight: the provider's answer can be used once. */
export async function takeLoginRequest(idHash: string): Promise<LoginRequestRecord | null> {
  try {
    return await prisma().loginRequest.delete({ where: { idHash } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2025") return null; // already used, or never started
    throw error;
  }
}
