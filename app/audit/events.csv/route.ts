// GET /audit/events.csv?<the page's filters>: every matching event, newest first, read in keyset pages.
import { guardRoute } from "@/lib/auth/guards";
import { AUDIT_CSV_HEADER, auditCsvLine } from "@/lib/audit/csv";
import { parseAuditQuery } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/db/audit-events";

export const dynamic = "force-dynamic";

const CHUNK = 1_000;

export async function GET(request: Request): Promise<Response> {
  const guard = await guardRoute("GET /audit/events.csv");
  if (guard.response) return guard.response;
  const { filter } = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  let before = filter.before;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        first = false;
        controller.enqueue(encoder.encode(`${AUDIT_CSV_HEADER.join(",")}\r\n`));
      }
      const events = await listAuditEvents({ ...filter, before }, CHUNK);
      if (events.length > 0) controller.enqueue(encoder.encode(events.map((e) => `${auditCsvLine(e)}\r\n`).join("")));
      const last = events.at(-1);
      if (events.length < CHUNK || !last) controller.close();
      else before = { at: last.at, id: last.id };
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-events.csv"`,
      "cache-control": "no-store",
    },
  });
}
