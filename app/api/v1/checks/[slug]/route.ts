// GET /api/v1/checks/{slug}; PUT replaces its definition (optimistic locking on `version`: stale answers 409);
// DELETE removes it (admin; `?version=` to refuse deleting a check changed since it was read).
import { z } from "zod";
import { deleteCheckAction } from "@/lib/actions/checks";
import { checkBySlugOr404, updateFromInput } from "@/lib/api/checks";
import { presentCheck } from "@/lib/api/present";
import { apiRoute, fromAction, json, readBody, readQuery } from "@/lib/api/route";
import { checkUpdateSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

type Params = { slug: string };

export const GET = apiRoute<Params>("GET /api/v1/checks/[slug]", async ({ params }) =>
  json(presentCheck(await checkBySlugOr404(params.slug))),
);

export const PUT = apiRoute<Params>("PUT /api/v1/checks/[slug]", async ({ params, request }) => {
  const check = await checkBySlugOr404(params.slug);
  return updateFromInput(check, await readBody(request, checkUpdateSchema));
});

const deleteQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const DELETE = apiRoute<Params>("DELETE /api/v1/checks/[slug]", async ({ params, url }) => {
  const check = await checkBySlugOr404(params.slug);
  const { version } = readQuery(url, deleteQuerySchema);
  const result = await deleteCheckAction({
    id: check.id,
    expectedVersion: version ?? check.version,
    confirmName: check.name,
  });
  return fromAction(result, (data) => json({ deleted: check.slug, reconcile: data.reconcile }));
});
