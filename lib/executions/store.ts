// The executions index on PostgreSQL (Prisma): what the sync reads and writes.

import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { ExecutionTrigger as DbExecutionTrigger, Verdict as DbVerdict } from "@/lib/generated/prisma/enums";
import type { ExecutionTrigger } from "@/lib/checks/execution-contract";
import { prisma } from "@/lib/db/client";
import type { ExecutionRecord, ExecutionStatus } from "./execution-record";
import { keyOf, type ExecutionKey, type ExecutionStore } from "./sync";

export const TRIGGER_TO_DB: Record<ExecutionTrigger, DbExecutionTrigger> = {
  event: "EVENT",
  schedule: "SCHEDULE",
  manual: "MANUAL",
  rerun: "RERUN",
};
export const TRIGGER_FROM_DB: Record<DbExecutionTrigger, ExecutionTrigger> = {
  EVENT: "event",
  SCHEDULE: "schedule",
  MANUAL: "manual",
  RERUN: "rerun",
};

const json = (v: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue);

/** The columns of an index row for a record (everything but the surrogate id and synced_at). */
export function recordColumns(r: ExecutionRecord) {
  return {
    executionArn: r.executionArn,
    name: r.name,
    stateMachineArn: r.stateMachineArn,
    status: r.status,
    startDate: r.startDate,
    stopDate: r.stopDate,
    checkId: r.checkId,
    checkSlug: r.checkSlug,
    checkGeneration: r.checkGeneration,
    triggerKind: r.triggerKind ? TRIGGER_TO_DB[r.triggerKind] : null,
    rerunOf: r.rerunOf,
    input: json(r.input),
    output: json(r.output),
    verdict: r.verdict as DbVerdict | null,
    firstValue: r.firstValue,
    previewRowCount: r.previewRowCount,
    queryExecutionId: r.queryExecutionId,
    queryState: r.queryState,
    queryStateReason: r.queryStateReason,
    statistics: json(r.statistics),
    dataScannedBytes: r.dataScannedBytes,
    engineTimeMs: r.engineTimeMs,
    queueTimeMs: r.queueTimeMs,
    error: r.error,
    cause: r.cause,
  };
}

/** The index as the sync sees it, on the given client (the process-wide one by default). */
export function prismaExecutionStore(client: () => PrismaClient = prisma): ExecutionStore {
  return {
    async statuses(keys: ExecutionKey[]) {
      const out = new Map<string, ExecutionStatus>();
      if (keys.length === 0) return out;
      const rows = await client().execution.findMany({
        where: { executionArn: { in: [...new Set(keys.map((k) => k.executionArn))] } },
        select: { executionArn: true, startDate: true, status: true },
      });
      for (const r of rows) out.set(keyOf(r), r.status);
      return out;
    },
    async open(stateMachineArn: string) {
      return client().execution.findMany({
        where: { stateMachineArn, status: { in: ["RUNNING", "PENDING_REDRIVE"] } },
        select: { executionArn: true, startDate: true },
      });
    },
    async upsert(records: ExecutionRecord[]) {
      // One statement at a time and no transaction: the embedded PGlite is a single session (lib/db/client.ts).
      for (const r of records) {
        const data = recordColumns(r);
        await client().execution.upsert({
          where: { executionArn_startDate: { executionArn: r.executionArn, startDate: r.startDate } },
          create: data,
          update: data,
        });
      }
    },
  };
}
