// GET /api/v1/checks/{slug}/sync: whether AWS matches the check (the reconciler's last word on it).
import { checkBySlugOr404 } from "@/lib/api/checks";
import { presentSync } from "@/lib/api/present";
import { apiRoute, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ slug: string }>("GET /api/v1/checks/[slug]/sync", async ({ params }) => {
  const check = await checkBySlugOr404(params.slug);
  return json({ slug: check.slug, sync: presentSync(check) });
});
