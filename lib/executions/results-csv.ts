// CSV of a whole Athena result, page by page: each GetQueryResults page is fetched only when the reader wants more,
// so memory stays at one page whatever the size of the result.

import type { GetQueryResultsCommandOutput } from "@aws-sdk/client-athena";
import { describeAwsError } from "@/lib/aws/errors";
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

/** The header line: column names come from the query (`AS "=HYPERLINK(…)"`), so they are defused like text cells. */
export function csvHeaderLine(names: string[]): string {
  return names.map((name) => csvField(FORMULA_START.test(name) ? `'${name}` : name)).join(",") + "\r\n";
}

/** Backoff before each retry of a page (the SDK has already retried each call on its own). */
export const PAGE_RETRY_DELAYS_MS = [500, 2_000];

/**
 * `fetchPage` retried on throttling, 5xx and timeouts with backoff; a page that still fails throws, so the stream
 * errors and the response is aborted instead of ending cleanly on a row boundary (a truncated file that looks whole).
 */
export function withPageRetries(
  fetchPage: FetchResultsPage,
  delaysMs: readonly number[] = PAGE_RETRY_DELAYS_MS,
): FetchResultsPage {
  return async (token) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchPage(token);
      } catch (error) {
        const delay = delaysMs[attempt];
        if (delay === undefined || !describeAwsError(error).retryable) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
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
    if (first) yield csvHeaderLine(page.columns.map((c) => c.name));
    first = false;
    let chunk = "";
    for (const row of page.rows) chunk += csvLine(row, page.columns);
    if (chunk) yield chunk;
    token = page.nextToken;
  } while (token);
}

/** Yields CSV text for rows already in hand (a snapshot, the export): the header, then the rows ~`batch` at a time. */
export async function* rowsCsvChunks(
  columns: ResultColumn[],
  rows: AsyncIterable<RawRow>,
  batch = 500,
): AsyncGenerator<string> {
  yield csvHeaderLine(columns.map((c) => c.name));
  let chunk = "";
  let n = 0;
  for await (const row of rows) {
    chunk += csvLine(row, columns);
    if (++n % batch === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** A byte stream pulling `chunks` only as fast as the consumer reads. */
export function chunksToStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
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

/**
 * A byte stream of the CSV that pulls the next Athena page only when the consumer is ready for it. The first page is
 * fetched before this resolves, so a result that cannot be read (gone, Athena failing) is an error the caller can
 * answer with a status, before any byte is sent; a later page that fails errors the stream (the response aborts).
 */
export async function resultsCsvStream(
  fetchPage: FetchResultsPage,
  opts: { statementType?: string | null },
): Promise<ReadableStream<Uint8Array>> {
  const chunks = resultsCsvChunks(fetchPage, opts);
  const encoder = new TextEncoder();
  const head = await chunks.next();
  let pending: string | undefined = head.done ? undefined : head.value;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (pending !== undefined) {
          controller.enqueue(encoder.encode(pending));
          pending = undefined;
          return;
        }
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
