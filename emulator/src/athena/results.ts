// Query results as Athena leaves them in S3: one CSV file per query, every value double-quoted, NULL as an
// empty unquoted field. Pages are read straight from the file from a byte offset, so serving page 90 of a
// 100,000-row result reads one page, never the whole file.
import fs from "node:fs";
import path from "node:path";

/** Where an `s3://bucket/prefix/` output location lives under the emulator's data dir. */
export function resultFilePath(dataDir: string, outputLocation: string, queryId: string): string {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(outputLocation);
  const bucket = m?.[1] ?? "local";
  const prefix = (m?.[2] ?? "").split("/").filter((p) => p && p !== "." && p !== "..");
  return path.join(dataDir, "results", bucket, ...prefix, `${queryId}.csv`);
}

/** `s3://bucket/prefix/<id>.csv`, the OutputLocation Athena reports for a query. */
export function resultS3Location(outputLocation: string, queryId: string): string {
  return `${outputLocation.endsWith("/") ? outputLocation : `${outputLocation}/`}${queryId}.csv`;
}

/** Encodes one row as a CSV line (with the newline). */
export function csvLine(values: readonly (string | null)[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i) line += ",";
    const v = values[i];
    if (v !== null && v !== undefined) line += `"${v.includes('"') ? v.replace(/"/g, '""') : v}"`;
  }
  return `${line}\n`;
}

/** Streams CSV lines to a file, waiting when the disk is slower than the producer. */
export class CsvResultWriter {
  private readonly stream: fs.WriteStream;
  private failed: Error | undefined;
  bytes = 0;

  constructor(readonly filePath: string) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    this.stream = fs.createWriteStream(filePath);
    this.stream.on("error", (err) => (this.failed = err));
  }

  /** Appends already-encoded lines. */
  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.bytes += Buffer.byteLength(text);
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    if (this.failed) throw this.failed;
  }

  /** Closes and deletes the file (a failed or cancelled query leaves no result). */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    fs.rmSync(this.filePath, { force: true });
  }
}

export interface CsvPage {
  rows: (string | null)[][];
  /** Byte offset of the first row not returned. */
  nextOffset: number;
  /** True when the file has no rows after this page. */
  done: boolean;
}

const READ_BLOCK = 256 * 1024;

/** Reads up to `maxRows` rows starting at byte `offset` of a result CSV written by CsvResultWriter. */
export async function readCsvPage(filePath: string, offset: number, maxRows: number): Promise<CsvPage> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const size = (await handle.stat()).size;
    const rows: (string | null)[][] = [];
    let pending = Buffer.alloc(0);
    let base = offset; // file offset of pending[0]
    let readPos = offset;
    while (rows.length < maxRows && readPos < size) {
      const chunk = Buffer.alloc(Math.min(READ_BLOCK, size - readPos));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, readPos);
      readPos += bytesRead;
      pending = pending.length ? Buffer.concat([pending, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const consumed = parseRows(pending, maxRows - rows.length, rows, readPos >= size);
      pending = pending.subarray(consumed);
      base += consumed;
      if (bytesRead === 0) break;
    }
    return { rows, nextOffset: base, done: base >= size };
  } finally {
    await handle.close();
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const NL = 0x0a;

// Parses complete rows from buf into out (at most `limit`); returns the number of bytes consumed.
function parseRows(buf: Buffer, limit: number, out: (string | null)[][], atEof: boolean): number {
  let pos = 0;
  let consumed = 0;
  let added = 0;
  while (added < limit && pos < buf.length) {
    const row: (string | null)[] = [];
    let p = pos;
    let complete = false;
    for (;;) {
      if (p >= buf.length) {
        if (atEof && (row.length > 0 || p > pos)) {
          row.push(null);
          complete = true;
        }
        break;
      }
      if (buf[p] === QUOTE) {
        // Quoted field: find the closing quote that is not doubled.
        let q = p + 1;
        let hasEscapes = false;
        let closed = -1;
        for (;;) {
          q = buf.indexOf(QUOTE, q); // native scan: pages of 100,000-row results stay cheap
          if (q < 0) break;
          if (buf[q + 1] === QUOTE) {
            hasEscapes = true;
            q += 2;
            continue;
          }
          if (q + 1 >= buf.length && !atEof) break; // cannot tell yet whether a second quote follows
          closed = q;
          break;
        }
        if (closed < 0) break;
        const text = buf.toString("utf8", p + 1, closed);
        row.push(hasEscapes ? text.replace(/""/g, '"') : text);
        p = closed + 1;
      } else {
        // Unquoted: only ever empty (NULL) in files we write.
        let q = p;
        while (q < buf.length && buf[q] !== COMMA && buf[q] !== NL) q++;
        if (q >= buf.length && !atEof) break;
        row.push(q === p ? null : buf.toString("utf8", p, q));
        p = q;
      }
      if (p >= buf.length) {
        if (atEof) complete = true;
        break;
      }
      if (buf[p] === COMMA) {
        p++;
        continue;
      }
      if (buf[p] === NL) {
        p++;
        complete = true;
        break;
      }
    }
    if (!complete) break;
    out.push(row);
    added++;
    pos = p;
    consumed = p;
  }
  return consumed;
}
