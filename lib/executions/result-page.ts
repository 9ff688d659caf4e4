// One page of GetQueryResults as typed columns and raw values, with Athena's header quirk handled.

import type { GetQueryResultsCommandOutput, Row } from "@aws-sdk/client-athena";
import { toResultColumn, type ResultColumn } from "./result-columns";

export type RawRow = (string | null)[];

export interface ResultPage {
  columns: ResultColumn[];
  /** Data rows only (never the header); null is SQL NULL. */
  rows: RawRow[];
  nextToken: string | null;
}

type QueryResultsLike = Pick<GetQueryResultsCommandOutput, "ResultSet" | "NextToken">;

/** Athena's values for a row, with NULL (a datum without VarCharValue) kept apart from ''. */
export function rawRow(row: Row, width: number): RawRow {
  const data = row.Data ?? [];
  const out: RawRow = [];
  for (let i = 0; i < width; i++) {
    const v = data[i]?.VarCharValue;
    out.push(v === undefined ? null : v);
  }
  return out;
}

/**
 * Whether the first row of this page is a header: for SELECT (StatementType DML) Athena repeats the column labels
 * as the first row of the first page; DDL and UTILITY results have no header. With no statement type, the row is
 * a header only if it spells the column names.
 */
export function pageHasHeader(
  rows: Row[],
  columns: ResultColumn[],
  opts: { firstPage: boolean; statementType?: string | null },
): boolean {
  if (!opts.firstPage || rows.length === 0) return false;
  if (opts.statementType === "DML") return true;
  if (opts.statementType === "DDL" || opts.statementType === "UTILITY") return false;
  const first = rawRow(rows[0]!, columns.length);
  return columns.length > 0 && first.every((v, i) => v === columns[i]!.name);
}

/** Turns a GetQueryResults answer into columns and data rows. `firstPage` means it was fetched without a NextToken. */
export function toResultPage(
  output: QueryResultsLike,
  opts: { firstPage: boolean; statementType?: string | null },
): ResultPage {
  const info = output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
  const columns = info.map(toResultColumn);
  const rows = output.ResultSet?.Rows ?? [];
  const skip = pageHasHeader(rows, columns, opts) ? 1 : 0;
  return {
    columns,
    rows: rows.slice(skip).map((r) => rawRow(r, columns.length)),
    nextToken: output.NextToken ?? null,
  };
}
