// CSV of a whole Athena result, page by page: each GetQueryResults page is fetched only when the reader wants more,
// so memory stays at one page whatever the size of the result.

import type { GetQueryResultsCommandOutput } from "@aws-sdk/client-athena";
import { toResultPage, type RawRow } from "./result-page";
import type { ResultColumn } from "./result-columns";

type QueryResultsLike = Pick<GetQueryResultsCommandOutput, "ResultSet" | "NextToken">;
export type FetchResultsPage = (nextToken: string | null) => Promise<QueryResultsLike>;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). NULL is an empty field and '' is `""`, so the two stay distinct.
 * Text that a spreadsheet would run as a formula (audit logs carry user-controlled strings) gets a leading `'`.
 */
export function csvField(value: string | null, column?: ResultColumn): string {
  if (value === null) return "";
  let v = value;
  if (column && column.align === "left" && FORMULA_START.test(v)) v = `'${v}`;
  if (v === "" || /[",\r\n]/.test(v) || v !== v.trim()) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvLine(values: RawRow, columns?: ResultColumn[]): string {
  return values.map((v, i) => csvField(v, columns?.[i])).join(",") + "\r\n";
}

/** Yields the CSV text page by page: the header line, then every data row of every page. */
export async function* resultsCsvChunks(
  fetchPage: FetchResultsPage,
  opts: { statementType?: string | null },
): AsyncGenerator<string> {
  let token: string | null = null;
  let first = true;
  do {
    const page = toResultPage(await fetchPage(token), { firstPage: first, statementType: opts.statementType });
    if (first) yield csvLine(page.columns.map((c) => c.name));
    first = false;
    let chunk = "";
    for (const row of page.rows) chunk += csvLine(row, page.columns);
    if (chunk) yield chunk;
    token = page.nextToken;
  } while (token);
}

/** A byte stream of the CSV that pulls the next Athena page only when the consumer is ready for it. */
export function resultsCsvStream(
  fetchPage: FetchResultsPage,
  opts: { statementType?: string | null },
): ReadableStream<Uint8Array> {
  const chunks = resultsCsvChunks(fetchPage, opts);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
