// PUT /api/v1/checks/{slug}/enabled: enable or disable a check read at `version`.
import { setCheckEnabledAction } from "@/lib/actions/checks";
import { checkBySlugOr404 } from "@/lib/api/checks";
import { presentCheck } from "@/lib/api/present";
import { apiRoute, errorResponse, fromAction, json, readBody } from "@/lib/api/route";
import { setEnabledSchema } from "@/lib/api/schemas";
import { getCheck } from "@/lib/db/checks";

export const dynamic = "force-dynamic";

export const PUT = apiRoute<{ slug: string }>("PUT /api/v1/checks/[slug]/enabled", async ({ params, request }) => {
  const check = await checkBySlugOr404(params.slug);
  const body = await readBody(request, setEnabledSchema);
  const result = await setCheckEnabledAction({ id: check.id, expectedVersion: body.version, enabled: body.enabled });
  return fromAction(result, async (data) => {
    const now = await getCheck(data.id);
    if (!now) return errorResponse("conflict", "The check was deleted right after it was saved.");
    return json({ check: presentCheck(now), reconcile: data.reconcile });
  });
});
