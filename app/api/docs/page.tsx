// The API reference: the OpenAPI document (lib/api/openapi.ts) rendered on the server, no script and nothing from
// a CDN (the CSP allows neither). Each operation shows the role it needs, its parameters, its body's schema and
// its answers; the raw document is at /api/v1/openapi.json.
import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { cardClass } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/openapi";
import { requirePage } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

type Json = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Json;
}
interface Op {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  "x-required-role": string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: Json }> }>;
}

const METHOD_TONE: Record<string, Tone> = { get: "blue", post: "green", put: "amber", delete: "red" };

function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(" | ");
  if (typeof schema.type === "string") return schema.type;
  if (schema.anyOf || schema.oneOf) return "one of";
  return "any";
}

/** Inline code spans of a description (`like this`) and bold (**like this**). */
function Text({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("`") ? (
          <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[0.85em]">
            {p.slice(1, -1)}
          </code>
        ) : p.startsWith("**") ? (
          <strong key={i}>{p.slice(2, -2)}</strong>
        ) : (
          p
        ),
      )}
    </>
  );
}

function SchemaBlock({ schema, label }: { schema: Json; label: string }) {
  return (
    <details className="rounded-md border border-zinc-200 bg-zinc-50">
      <summary className="cursor-pointer px-3 py-1.5 text-sm text-zinc-700 select-none">{label}</summary>
      <pre className="max-h-96 overflow-auto border-t border-zinc-200 px-3 py-2 font-mono text-xs leading-5 text-zinc-800">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

function Operation({ method, path, op, errors }: { method: string; path: string; op: Op; errors: Json }) {
  const description = op.description.split("\n\n").filter((p) => !p.startsWith("Needs the"));
  return (
    <section id={op.operationId} className={cardClass("scroll-mt-4 p-4")}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONE[method] ?? "gray"}>{method.toUpperCase()}</Badge>
        <code className="font-mono text-sm font-semibold break-all text-zinc-900">{path}</code>
        <span className="ml-auto">
          <Badge tone="gray" title="The least role that may call it">
            {op["x-required-role"]}
          </Badge>
        </span>
      </div>
      <h3 className="mt-2 text-base font-medium text-zinc-900">{op.summary}</h3>
      {description.map((d, i) => (
        <p key={i} className="mt-1 text-sm text-zinc-600">
          <Text text={d} />
        </p>
      ))}
      {op.parameters?.length ? (
        <table className="mt-3 w-full text-left text-sm">
          <thead className="text-xs text-zinc-500 uppercase">
            <tr>
              <th className="py-1 pr-3 font-medium">Parameter</th>
              <th className="py-1 pr-3 font-medium">In</th>
              <th className="py-1 pr-3 font-medium">Type</th>
              <th className="py-1 font-medium">Description</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {op.parameters.map((p) => (
              <tr key={`${p.in}:${p.name}`} className="align-top">
                <td className="py-1 pr-3 font-mono text-xs whitespace-nowrap">
                  {p.name}
                  {p.required ? <span className="text-red-700">*</span> : null}
                </td>
                <td className="py-1 pr-3 text-zinc-600">{p.in}</td>
                <td className="py-1 pr-3 font-mono text-xs break-all text-zinc-600">{typeOf(p.schema)}</td>
                <td className="py-1 text-zinc-600">{p.description ? <Text text={p.description} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="mt-3 space-y-2">
        {op.requestBody
          ? Object.entries(op.requestBody.content).map(([type, c]) => (
              <SchemaBlock key={type} schema={c.schema} label={`Request body (${type})`} />
            ))
          : null}
        {Object.entries(op.responses).map(([status, r]) => {
          const resolved = r.$ref ? (errors[r.$ref.split("/").pop()!] as typeof r) : r;
          const schema = resolved.content ? Object.values(resolved.content)[0]?.schema : undefined;
          const label = `${status} — ${resolved.description ?? ""}`;
          if (!schema || r.$ref) {
            return (
              <p key={status} className="px-1 text-sm text-zinc-600">
                <span className="font-mono text-xs">{status}</span> <Text text={resolved.description ?? ""} />
              </p>
            );
          }
          return <SchemaBlock key={status} schema={schema} label={label} />;
        })}
      </div>
    </section>
  );
}

export default async function ApiReferencePage() {
  await requirePage("readChecks");
  const doc = openApiDocument() as {
    info: { title: string; version: string; description: string };
    tags: { name: string }[];
    paths: Record<string, Record<string, Op>>;
    components: { responses: Json; schemas: Json };
  };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageHeader
        title={doc.info.title}
        description={
          <span>
            Version {doc.info.version} · OpenAPI 3.1 document:{" "}
            <Link className="font-mono text-blue-700 hover:underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </Link>
          </span>
        }
      />
      <div className={cardClass("p-4 text-sm text-zinc-700")}>
        <p>
          <Text text={doc.info.description} />
        </p>
        <p className="mt-2">
          Errors always have one shape:{" "}
          <code className="font-mono text-xs">{`{ "error": { "code", "message", "fields" } }`}</code>;{" "}
          <code className="font-mono text-xs">fields</code> holds the same messages the edit form shows, by field.
        </p>
        <nav aria-label="Operations" className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-2">
          {ops.map(({ path, method, op }) => (
            <a
              key={op.operationId}
              href={`#${op.operationId}`}
              className="flex min-w-0 items-baseline gap-2 hover:underline"
            >
              <span className="w-12 shrink-0 font-mono text-xs text-zinc-500 uppercase">{method}</span>
              <span className="truncate font-mono text-xs text-zinc-800">{path}</span>
            </a>
          ))}
        </nav>
      </div>
      {doc.tags.map((tag) => {
        const inTag = ops.filter((o) => o.op.tags.includes(tag.name));
        if (inTag.length === 0) return null;
        return (
          <div key={tag.name} className="space-y-3">
            <h2 className="text-lg font-semibold text-zinc-900">{tag.name}</h2>
            {inTag.map(({ path, method, op }) => (
              <Operation key={op.operationId} method={method} path={path} op={op} errors={doc.components.responses} />
            ))}
          </div>
        );
      })}
    </div>
  );
}
