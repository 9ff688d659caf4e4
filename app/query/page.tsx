// The query workbench: run SQL on Athena directly while writing it, browse the schema, see errors at their place.
// Runs here are not executions of a check; each is kept in the operator's history.
import type { Metadata } from "next";
import { QueryWorkbench } from "@/components/workbench/query-workbench";
import { requirePage } from "@/lib/auth/guards";
import { canCreateCheck } from "@/lib/auth/permissions";
import { listQueryRuns } from "@/lib/db/query-runs";
import { env } from "@/lib/env";
import { DEFAULT_RESULT_PAGE_SIZE, RESULT_PAGE_SIZES } from "@/lib/executions/results-source";

export const metadata: Metadata = { title: "Query" };
export const dynamic = "force-dynamic";

const STARTER_SQL = `SELECT username, count(*) AS logins
FROM aurora_audit_log
WHERE operation = 'CONNECT'
GROUP BY username
ORDER BY logins DESC
LIMIT 20`;

export default async function QueryPage() {
  const user = await requirePage("runQuery");
  const runs = await listQueryRuns(user.actor);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">Query</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Run SQL on Athena while you write it. Runs here are not executions of a check; Athena bills them as usual.
        </p>
      </div>
      <QueryWorkbench
        initialSql={runs[0]?.sql ?? STARTER_SQL}
        defaultCatalog={env.DEFAULT_CATALOG}
        defaultDatabase={env.DEFAULT_DATABASE}
        defaultWorkgroup={env.DEFAULT_WORKGROUP}
        canCreateCheck={canCreateCheck(user)}
        history={runs.map((r) => ({
          queryExecutionId: r.queryExecutionId,
          sql: r.sql,
          startedAt: r.startedAt.toISOString(),
          state: r.state,
          dataScannedBytes: r.dataScannedBytes,
        }))}
        pageSize={DEFAULT_RESULT_PAGE_SIZE}
        pageSizes={RESULT_PAGE_SIZES}
      />
    </div>
  );
}
