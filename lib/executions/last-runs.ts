// The most recent run of each check, for the checks list ("never run" when absent).

import { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/checks/execution-contract";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/uuid";
import type { ExecutionStatus } from "./execution-record";

export interface LastRun {
  checkId: string;
  name: string;
  status: ExecutionStatus;
  verdict: Verdict | null;
  startDate: Date;
  stopDate: Date | null;
}

/**
 * The latest execution per check that is running or has a verdict (a run an operator stopped says nothing about
 * the check). One index lookup per check via LATERAL on (check_id, start_date DESC, id DESC).
 */
export async function lastRunsByCheck(checkIds: string[]): Promise<Map<string, LastRun>> {
  const ids = [...new Set(checkIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await prisma().$queryRaw<
    {
      check_id: string;
      name: string;
      status: ExecutionStatus;
      verdict: Verdict | null;
      start_date: Date;
      stop_date: Date | null;
    }[]
  >(Prisma.sql`
    SELECT c.id::text AS check_id, x.name, x.status, x.verdict, x.start_date, x.stop_date
    FROM unnest(${ids}::uuid[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT e.name, e.status, e.verdict, e.start_date, e.stop_date
      FROM executions e
      WHERE e.check_id = c.id AND (e.status = 'RUNNING' OR e.verdict IS NOT NULL)
      ORDER BY e.start_date DESC, e.id DESC
      LIMIT 1
    ) x`);
  return new Map(
    rows.map((r) => [
      r.check_id,
      {
        checkId: r.check_id,
        name: r.name,
        status: r.status,
        verdict: r.verdict,
        startDate: new Date(r.start_date),
        stopDate: r.stop_date ? new Date(r.stop_date) : null,
      },
    ]),
  );
}

export interface RunPoint {
  id: string;
  name: string;
  status: ExecutionStatus;
  verdict: Verdict | null;
  startDate: Date;
  stopDate: Date | null;
  firstValue: string | null;
  triggerKind: string | null;
  error: string | null;
}

/** The check's most recent executions, newest first (its page: recent runs and the trend). */
export async function recentRuns(checkId: string, limit = 50): Promise<RunPoint[]> {
  const rows = await prisma().execution.findMany({
    where: { checkId },
    orderBy: [{ startDate: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      status: true,
      verdict: true,
      startDate: true,
      stopDate: true,
      firstValue: true,
      triggerKind: true,
      error: true,
    },
  });
  return rows.map((r) => ({ ...r, id: String(r.id), triggerKind: r.triggerKind?.toLowerCase() ?? null }));
}
