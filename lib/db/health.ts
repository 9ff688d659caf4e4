// The database's liveness for /readyz: one trivial query through the process's pool.
import { prisma } from "./client";

export async function pingDatabase(): Promise<void> {
  await prisma().$queryRaw`SELECT 1`;
}
