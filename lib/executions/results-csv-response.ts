// The whole result set of an execution as a streamed CSV response (the executions page's download and the JSON
// API's results.csv): from the run's kept snapshot when there is one (no Athena call), else from Athena, asking for
// the next 1,000 rows only when the client has taken the previous ones, so memory stays at one page whatever the
// result's size. Problems before the first byte answer as text with a status.
import "server-only";
import { describeAwsError } from "@/lib/aws/errors";
import { streamSnapshotRows } from "@/lib/db/result-snapshots";
import { cutDescription } from "@/lib/snapshots/types";
import { chunksToStream, resultsCsvStream, rowsCsvChunks, withPageRetries } from "./results-csv";
import { resultsFetcher, resultsTarget } from "./results-source";

export async function resultsCsvResponse(name: string): Promise<Response> {
  const found = await resultsTarget(name);
  if (!found.ok)
    return new Response(`${found.error}\n`, {
      status: found.status,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const { target } = found;
  const filename = `${name.replace(/[^\w.-]/g, "_")}.csv`;
  if (target.snapshot) {
    // The kept copy: no Athena call. A cut is said in a header (a line in the file would break the CSV).
    const snap = target.snapshot;
    return new Response(chunksToStream(rowsCsvChunks(snap.columns ?? [], streamSnapshotRows(snap.id))), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Result-Source": "snapshot",
        ...(snap.state === "TRUNCATED" ? { "X-Result-Truncated": cutDescription(snap) } : {}),
      },
    });
  }
  if (target.state !== "SUCCEEDED") {
    return new Response(
      `The query ${target.queryExecutionId} is ${target.state ?? "in an unknown state"}; there is no result to download.\n`,
      {
        status: 409,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  let stream: ReadableStream<Uint8Array>;
  try {
    stream = await resultsCsvStream(withPageRetries(resultsFetcher(target, 1000)), {
      statementType: target.statementType,
    });
  } catch (error) {
    // Nothing is sent yet, so the client gets a status instead of an empty reply.
    const info = describeAwsError(error);
    const gone = !info.retryable && /not found|no longer|does not exist|expired|NoSuchKey/i.test(info.message);
    return new Response(
      gone
        ? `The result of query ${target.queryExecutionId} no longer exists in Athena (${info.code}: ${info.message}).\n`
        : `Athena could not return the result of query ${target.queryExecutionId}: ${info.code}: ${info.message}\n`,
      { status: gone ? 410 : 502, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
