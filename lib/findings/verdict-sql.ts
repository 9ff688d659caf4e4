// How the state machine decides "no unacknowledged findings" in AWS, with no call back to the console: the console
// writes the check's acknowledged finding keys into the query itself. The rule target's input (and a Run now input)
// carries, instead of the check's SQL, the SQL wrapped so that its first column counts the rows that are not
// acknowledged findings:
//
//   SELECT CAST(sum(CASE WHEN a.acc_ack IS NULL THEN 1 ELSE 0 END) OVER () AS bigint) AS "acc_unacknowledged_findings", q.*
//   FROM (<the check's SQL>) q
//   LEFT JOIN (VALUES ('admin', '10.0.0.5', 1), …) AS a(k0, k1, acc_ack)
//     ON CAST(q."username" AS varchar) IS NOT DISTINCT FROM a.k0 AND CAST(q."host" AS varchar) IS NOT DISTINCT FROM a.k1
//
// The state machine then reads the first value as it does for any check: PASS when the result has no rows or the
// first value is 0. Every row stays in the result (acknowledged findings stay visible, in the snapshot and in the
// findings); the extra first column shows in the run's result (it is the verdict's evidence) and is left out of
// the run-to-run diff. Keys are compared as text,
// as the snapshot stores them; IS NOT DISTINCT FROM makes a NULL key match an acknowledged NULL. Acknowledging
// (or an acknowledgement expiring) changes the wrapped SQL, so the reconciler re-syncs the rule target; old
// execution inputs keep their SQL and stay readable and rerunnable. Limits: the wrapped SQL must fit EventBridge's
// 8,192-character input template (checked when acknowledging), and Trino ignores an ORDER BY inside the subquery.
import type { Cell } from "./compare";

/** The first column of a wrapped query: the number of rows that are not acknowledged findings. */
export const UNACKNOWLEDGED_COLUMN = "acc_unacknowledged_findings";

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (v: Cell) => (v === null ? "CAST(NULL AS varchar)" : `'${v.replace(/'/g, "''")}'`);

/** The check's SQL without a trailing semicolon (it becomes a subquery). */
function asSubquery(sql: string): string {
  return sql.replace(/;\s*$/, "");
}

/** The check's SQL wrapped as above (keys: the finding key columns; acknowledged: their values per finding). */
export function unacknowledgedFindingsSql(
  sql: string,
  keys: readonly string[],
  acknowledged: readonly Cell[][],
): string {
  const cols = keys.map((_, i) => `k${i}`);
  const acks = acknowledged.length
    ? `(VALUES ${acknowledged.map((row) => `(${row.map(literal).join(", ")}, 1)`).join(", ")}) AS a(${[...cols, "acc_ack"].join(", ")})`
    : `(SELECT ${[...cols.map((c) => `CAST(NULL AS varchar) AS ${c}`), "1 AS acc_ack"].join(", ")} WHERE 1 = 0) a`;
  const on = keys.length
    ? keys.map((k, i) => `CAST(q.${quoteIdent(k)} AS varchar) IS NOT DISTINCT FROM a.k${i}`).join(" AND ")
    : "1 = 0";
  return [
    `SELECT CAST(sum(CASE WHEN a.acc_ack IS NULL THEN 1 ELSE 0 END) OVER () AS bigint) AS ${quoteIdent(UNACKNOWLEDGED_COLUMN)}, q.*`,
    "FROM (",
    asSubquery(sql),
    ") q",
    `LEFT JOIN ${acks}`,
    `  ON ${on}`,
  ].join("\n");
}
