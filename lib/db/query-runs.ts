// Every query on `query_runs`: the ad-hoc queries operators run from the query workbench, newest first.
import type { Actor } from "@/lib/actor";
import { prisma } from "./client";

/** How many runs an operator's history keeps; older ones are deleted when a new one is recorded. */
export const QUERY_HISTORY_SIZE = 50;

export interface QueryRunRecord {
  id: string;
  queryExecutionId: string;
  sql: string;
  catalog: string;
  database: string;
  workgroup: string;
  state: string;
  dataScannedBytes: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  createdBy: string;
}

type Row = Omit<QueryRunRecord, "dataScannedBytes"> & { dataScannedBytes: bigint | null };

function fromRow(row: Row): QueryRunRecord {
  return { ...row, dataScannedBytes: row.dataScannedBytes === null ? null : Number(row.dataScannedBytes) };
}

/** Records a started query and trims the operator's history to its newest QUERY_HISTORY_SIZE runs. */
export async function recordQueryRun(
  run: { queryExecutionId: string; sql: string; catalog: string; database: string; workgroup: string; state: string },
  actor: Actor,
): Promise<QueryRunRecord> {
  return prisma().$transaction(async (tx) => {
    const row = await tx.queryRun.create({ data: { ...run, createdBy: actor.id } });
    const keep = await tx.queryRun.findMany({
      where: { createdBy: actor.id },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: QUERY_HISTORY_SIZE,
      select: { id: true },
    });
    await tx.queryRun.deleteMany({ where: { createdBy: actor.id, id: { notIn: keep.map((k) => k.id) } } });
    return fromRow(row);
  });
}

/** The run of this Athena query id, or null when the workbench did not start it (or it left the history). */
export async function getQueryRun(queryExecutionId: string): Promise<QueryRunRecord | null> {
  const row = await prisma().queryRun.findUnique({ where: { queryExecutionId } });
  return row ? fromRow(row) : null;
}

/** Stores the state Athena reports; a finished run gets its data scanned, error and finish time. */
export async function updateQueryRunState(
  queryExecutionId: string,
  update: { state: string; dataScannedBytes?: number | null; error?: string | null; finishedAt?: Date | null },
): Promise<void> {
  await prisma().queryRun.updateMany({
    where: { queryExecutionId },
    data: {
      state: update.state,
      dataScannedBytes:
        update.dataScannedBytes === undefined || update.dataScannedBytes === null
          ? undefined
          : BigInt(update.dataScannedBytes),
      error: update.error ?? undefined,
      finishedAt: update.finishedAt ?? undefined,
    },
  });
}

/** The operator's newest runs, newest first. */
export async function listQueryRuns(actor: Actor, limit = QUERY_HISTORY_SIZE): Promise<QueryRunRecord[]> {
  const rows = await prisma().queryRun.findMany({
    where: { createdBy: actor.id },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, QUERY_HISTORY_SIZE),
  });
  return rows.map(fromRow);
}
