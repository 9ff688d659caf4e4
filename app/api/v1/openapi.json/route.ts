// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the zod schemas (lib/api/openapi.ts).
import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute, json } from "@/lib/api/route";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export const GET = apiRoute("GET /api/v1/openapi.json", async () =>
  json(openApiDocument({ serverUrl: env.ACC_PUBLIC_URL ?? undefined })),
);
