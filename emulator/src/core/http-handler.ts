// The HTTP front door: AWS JSON calls (`POST /` + X-Amz-Target) and the emulator's own /_emulator endpoints.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { assertControlRequestAllowed, assertNotCrossOrigin } from "./admin-guard";
import { AwsError } from "./aws-error";
import { newContext, runOperation, type ServiceRegistry } from "./dispatch";
import type { FaultRegistry } from "./faults";
import { contentType, INTERNAL_ERROR_CODE } from "./protocol";
import type { EmulatorConfig, ServiceName } from "./types";
import type { WebhookReceivers } from "../webhooks/receivers";

/** Larger than any request these APIs accept (state machine definitions are ≤ 1 MiB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HandlerDeps {
  config: EmulatorConfig;
  registry: ServiceRegistry;
  faults: FaultRegistry;
  webhooks: WebhookReceivers;
  startedAt: number;
}

/** Builds the request listener for node:http. Never throws; every answer carries x-amzn-requestid. */
export function createRequestHandler(deps: HandlerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomUUID();
    handle(deps, req, res, requestId).catch((err) => {
      console.error("[emulator] request failed:", err);
      if (!res.headersSent)
        sendError(res, requestId, new AwsError("InternalFailure", String(err), 500), "application/json");
      else res.end();
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  if (url.pathname.startsWith("/_emulator/")) return handleAdmin(deps, req, res, requestId, url);

  const target = header(req, "x-amz-target");
  if (req.method !== "POST" || !target) {
    // Not an AWS JSON call (e.g. a browser): say what this is.
    return sendJson(res, requestId, 404, "application/json", {
      __type: "UnknownOperationException",
      message: "This is the local AWS emulator: send POST / with an X-Amz-Target header, or use /_emulator/health.",
    });
  }
  const dot = target.lastIndexOf(".");
  const prefix = dot > 0 ? target.slice(0, dot) : target;
  const operation = dot > 0 ? target.slice(dot + 1) : "";
  const service = deps.registry.byTargetPrefix(prefix);
  const ctype = service ? contentType(service.jsonVersion) : "application/x-amz-json-1.1";
  try {
    if (!service) throw new AwsError("UnknownOperationException", `Unknown service target ${prefix}.`);
    if (!Object.prototype.hasOwnProperty.call(service.operations, operation)) {
      throw new AwsError("UnknownOperationException", `Operation ${operation} is not supported by this emulator.`);
    }
    const raw = await readBody(req);
    const input = parseJsonObject(raw);
    await deps.faults.apply(service.name, operation);
    const output = await runOperation(service, operation, input, newContext(deps.config, requestId));
    sendJson(res, requestId, 200, ctype, output);
  } catch (err) {
    sendError(res, requestId, asAwsError(err, service?.name), ctype);
  }
}

async function handleAdmin(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  url: URL,
): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "");
  const json = "application/json";
  const hook = /^\/_emulator\/webhooks\/([^/]+)$/.exec(path);
  if (hook && method !== "GET" && method !== "HEAD" && method !== "DELETE") {
    return receiveWebhook(deps, req, res, requestId, decodeURIComponent(hook[1]!));
  }
  try {
    const raw = method === "GET" || method === "HEAD" ? "" : await readBody(req);
    assertControlRequestAllowed(method, req.headers, Buffer.byteLength(raw));
    if (path === "/_emulator/health" && method === "GET") {
      return sendJson(res, requestId, 200, json, health(deps));
    }
    if (path === "/_emulator/reset" && method === "POST") {
      for (const service of deps.registry.all()) await service.reset?.();
      deps.faults.clear();
      deps.webhooks.resetAll();
      return sendJson(res, requestId, 200, json, { reset: deps.registry.all().map((s) => s.name) });
    }
    if (path === "/_emulator/faults") {
      if (method === "GET") return sendJson(res, requestId, 200, json, { faults: deps.faults.list() });
      if (method === "POST")
        return sendJson(res, requestId, 200, json, { fault: deps.faults.add(parseJsonObject(raw)) });
      if (method === "DELETE") {
        const id = url.searchParams.get("id") ?? undefined;
        return sendJson(res, requestId, 200, json, { removed: deps.faults.clear(id) });
      }
    }
    if (path === "/_emulator/webhooks" && method === "GET") {
      return sendJson(res, requestId, 200, json, { receivers: deps.webhooks.summary() });
    }
    if (hook) {
      const name = decodeURIComponent(hook[1]!);
      if (method === "GET") return sendJson(res, requestId, 200, json, deps.webhooks.requests(name));
      return sendJson(res, requestId, 200, json, { cleared: deps.webhooks.clear(name) });
    }
    const behavior = /^\/_emulator\/webhooks\/([^/]+)\/behavior$/.exec(path);
    if (behavior && (method === "PUT" || method === "POST" || method === "DELETE")) {
      const name = decodeURIComponent(behavior[1]!);
      const set = deps.webhooks.setBehavior(name, method === "DELETE" ? undefined : parseJsonObject(raw));
      return sendJson(res, requestId, 200, json, { name, behavior: set ?? { status: 200, delayMs: 0 } });
    }
    const m = /^\/_emulator\/(events|states|athena|dynamodb)\/([A-Za-z0-9_-]+)$/.exec(path);
    const handler = m ? deps.registry.get(m[1] as ServiceName)?.admin?.[m[2]!] : undefined;
    if (handler) {
      const input = method === "GET" ? Object.fromEntries(url.searchParams) : parseJsonObject(raw);
      return sendJson(res, requestId, 200, json, (await handler(input, method)) ?? {});
    }
    sendJson(res, requestId, 404, json, { __type: "NotFound", message: `No emulator endpoint ${method} ${path}` });
  } catch (err) {
    sendError(res, requestId, asAwsError(err, undefined), json);
  }
}

// A webhook delivery comes from a server (the emulator's own API destinations, SNS, a Slack-like client): any
// content type is recorded. Only a browser page on another origin is refused, as for every control endpoint.
async function receiveWebhook(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  name: string,
): Promise<void> {
  try {
    assertNotCrossOrigin(req.headers);
    const raw = await readBody(req);
    const answer = deps.webhooks.record(name, req.method ?? "POST", req.headers, raw);
    if (answer.delayMs > 0) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": Buffer.byteLength(answer.body),
      "x-amzn-requestid": requestId,
    });
    res.end(answer.body);
  } catch (err) {
    sendError(res, requestId, asAwsError(err, undefined), "application/json");
  }
}

function health(deps: HandlerDeps) {
  const services: Record<string, unknown> = {};
  for (const s of deps.registry.all()) services[s.name] = { status: "ok", ...(s.health?.() ?? {}) };
  return {
    status: "ok",
    region: deps.config.region,
    accountId: deps.config.accountId,
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    services,
    faults: deps.faults.list().length,
  };
}

function asAwsError(err: unknown, service: ServiceName | undefined): AwsError {
  if (err instanceof AwsError) return err;
  console.error("[emulator] unexpected error:", err);
  return new AwsError(
    service ? INTERNAL_ERROR_CODE[service] : "InternalFailure",
    String((err as Error)?.message ?? err),
    500,
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError("SerializationException", `Request body larger than ${MAX_BODY_BYTES} bytes`, 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Parses a request body; an empty body is `{}` and anything but a JSON object is a SerializationException. */
export function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new AwsError("SerializationException", `Malformed JSON request body: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AwsError("SerializationException", "Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

function sendJson(res: ServerResponse, requestId: string, status: number, ctype: string, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": ctype,
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
  });
  res.end(text);
}

function sendError(res: ServerResponse, requestId: string, err: AwsError, ctype: string): void {
  const body = { ...err.extra, __type: err.code, message: err.message, Message: err.message };
  const text = JSON.stringify(body);
  res.writeHead(err.status, {
    "content-type": ctype,
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
    "x-amzn-errortype": err.code,
  });
  res.end(text);
}
