// GET /evidence/export.zip?check=<id>&check=…&from=YYYY-MM-DD&to=YYYY-MM-DD: the evidence package, streamed.
// Bad input goes back to the export page, which shows the message beside the field.
import { Readable } from "node:stream";
import { recordDone } from "@/lib/audit/record";
import { guardRoute } from "@/lib/auth/guards";
import { getCheck } from "@/lib/db/checks";
import { evidenceFilename, evidenceRequestFrom, evidenceZip } from "@/lib/evidence/export";
import type { Check } from "@/lib/checks/types";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const guard = await guardRoute("GET /evidence/export.zip");
  if (guard.response) return guard.response;
  const url = new URL(request.url);
  const parsed = evidenceRequestFrom(url.searchParams);
  const back = () => {
    const to = new URL("/evidence", url);
    url.searchParams.forEach((v, k) => to.searchParams.append(k, v));
    to.searchParams.set("invalid", "1");
    return new Response(null, { status: 303, headers: { Location: `${to.pathname}${to.search}` } });
  };
  if (!parsed.success) return back();
  const req = parsed.data;
  const checks: Check[] = [];
  for (const id of [...new Set(req.checkIds)]) {
    const check = await getCheck(id);
    if (!check) return back();
    checks.push(check);
  }
  // Recorded before the first byte: an export that was started is evidence leaving the console.
  await recordDone(
    guard.user.actor,
    "evidence.export",
    {
      checks: checks.map((c) => c.slug),
      from: req.from,
      to: req.to,
    },
    null,
  );
  const zip = evidenceZip(checks, req, { exportedBy: guard.user.actor.displayName ?? guard.user.actor.id });
  return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${evidenceFilename(req)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
