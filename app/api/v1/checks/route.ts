// GET /api/v1/checks: checks by slug with filters, keyset paging (signed cursor). POST: create a check.
import { createFromInput } from "@/lib/api/checks";
import { readCursor, signCursor } from "@/lib/api/cursor";
import { presentCheck } from "@/lib/api/present";
import { apiRoute, json, readBody, readQuery } from "@/lib/api/route";
import { CHECK_PAGE_SIZES, checkInputSchema, checkListQuerySchema } from "@/lib/api/schemas";
import { listChecksPage } from "@/lib/db/checks";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/checks", async ({ url }) => {
  const query = readQuery(url, checkListQuerySchema);
  const afterSlug = readCursor("checks", query.cursor ?? null);
  const limit = query.limit ?? CHECK_PAGE_SIZES.default;
  const { checks, more } = await listChecksPage(
    {
      q: query.q?.trim() || undefined,
      syncStatus: query.sync,
      enabled: query.enabled === undefined ? undefined : query.enabled === "true",
      source: query.source,
    },
    { afterSlug, limit },
  );
  const last = checks[checks.length - 1];
  return json({ checks: checks.map(presentCheck), next: more && last ? signCursor("checks", last.slug) : null });
});

export const POST = apiRoute("POST /api/v1/checks", async ({ request }) =>
  createFromInput(await readBody(request, checkInputSchema)),
);
