// Checks the emulator's raw JSON answers against the AWS service models (trimmed copies of botocore's service-2.json
// in ./models): every member known, required members present, types, enums, lengths and ranges, timestamps in epoch
// seconds; errors with a status, `x-amzn-errortype`, `__type` and a message, and a code the operation can answer.
// `CheckingHttpHandler` does this for every call a real SDK client makes, so conformance tests see what the SDK
// would silently tolerate (an unknown member, a timestamp in milliseconds, a null).
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0];
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"];

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  enum?: string[];
  exception?: boolean;
  /** A server-side error (HTTP 5xx). */
  fault?: boolean;
}

interface ModelFile {
  metadata: { targetPrefix: string; jsonVersion: string };
  operations: Record<string, { input?: string; output?: string; errors: string[] }>;
  shapes: Record<string, Shape>;
}

/** Codes any operation may answer although the models do not list them (AWS's common errors). */
const COMMON_ERRORS = new Set([
  "ValidationException",
  "ThrottlingException",
  "SerializationException",
  "UnknownOperationException",
  "InternalFailure",
  "ServiceUnavailable",
  "AccessDeniedException",
  "IncompleteSignature",
  "MissingAction",
]);

/** Timestamps these JSON protocols carry are epoch seconds: anything outside 2001..2100 is almost surely ms. */
const MIN_EPOCH_SECONDS = 978_307_200;
const MAX_EPOCH_SECONDS = 4_102_444_800;

export class ServiceModel {
  readonly targetPrefix: string;
  readonly jsonVersion: string;
  private readonly model: ModelFile;

  constructor(file: string) {
    this.model = JSON.parse(fs.readFileSync(file, "utf8")) as ModelFile;
    this.targetPrefix = this.model.metadata.targetPrefix;
    this.jsonVersion = this.model.metadata.jsonVersion;
  }

  /** Whether the model (as trimmed) describes `operation`. */
  has(operation: string): boolean {
    return operation in this.model.operations;
  }

  /** Problems of a 200 answer's body for `operation` (empty when it conforms). */
  checkOutput(operation: string, body: unknown): string[] {
    const op = this.model.operations[operation];
    if (!op) return [`${operation}: not in the model`];
    const problems: string[] = [];
    if (op.output) this.checkValue(op.output, body, operation, problems);
    else if (body !== null && typeof body === "object" && Object.keys(body).length > 0) problems.push(`${operation}: output should be {}`);
    return problems;
  }

  /** Problems of an error answer for `operation`. */
  checkError(operation: string, status: number, headers: Record<string, string | undefined>, body: unknown): string[] {
    const problems: string[] = [];
    const where = `${operation} error`;
    const b = (body ?? {}) as Record<string, unknown>;
    const code = headers["x-amzn-errortype"];
    if (!code) problems.push(`${where}: no x-amzn-errortype header`);
    if (typeof b.__type !== "string") problems.push(`${where}: no __type in body`);
    else if (code && b.__type !== code) problems.push(`${where}: __type ${b.__type} ≠ header ${code}`);
    if (typeof b.message !== "string" && typeof b.Message !== "string") problems.push(`${where}: no message`);
    const name = code ?? (b.__type as string | undefined) ?? "";
    const op = this.model.operations[operation];
    if (name && op && !op.errors.includes(name) && !COMMON_ERRORS.has(name)) problems.push(`${where}: code ${name} is not one this operation answers`);
    const shape = this.model.shapes[name];
    if (shape?.exception || COMMON_ERRORS.has(name)) {
      const fault = shape?.fault === true || /Internal|ServiceUnavailable/.test(name);
      if (fault ? status < 500 : status !== 400) problems.push(`${where}: ${name} answered with HTTP ${status}`);
    }
    return problems;
  }

  private checkValue(shapeName: string, value: unknown, at: string, problems: string[]): void {
    const shape = this.model.shapes[shapeName];
    if (!shape) {
      problems.push(`${at}: model shape ${shapeName} missing`);
      return;
    }
    if (value === null) {
      problems.push(`${at}: null (AWS omits absent members)`);
      return;
    }
    const fail = (what: string): void => {
      problems.push(`${at}: ${what} (got ${JSON.stringify(value)?.slice(0, 80)})`);
    };
    switch (shape.type) {
      case "structure": {
        if (typeof value !== "object" || Array.isArray(value)) return fail("expected an object");
        const obj = value as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) {
          const member = shape.members?.[k];
          if (!member) {
            problems.push(`${at}.${k}: member not in the model`);
            continue;
          }
          this.checkValue(member.shape, v, `${at}.${k}`, problems);
        }
        for (const r of shape.required ?? []) if (!(r in obj)) problems.push(`${at}.${r}: required member missing`);
        return;
      }
      case "list": {
        if (!Array.isArray(value)) return fail("expected a list");
        // No check of `min`: models reuse input list shapes in outputs, and AWS answers empty lists (e.g. Targets: []).
        if (shape.max !== undefined && value.length > shape.max) fail(`list longer than ${shape.max}`);
        value.forEach((v, i) => this.checkValue(shape.member!.shape, v, `${at}[${i}]`, problems));
        return;
      }
      case "map": {
        if (typeof value !== "object" || Array.isArray(value)) return fail("expected a map");
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) this.checkValue(shape.value!.shape, v, `${at}{${k}}`, problems);
        return;
      }
      case "string": {
        if (typeof value !== "string") return fail("expected a string");
        if (shape.enum && !shape.enum.includes(value)) fail(`not one of ${shape.enum.join("|")}`);
        if (shape.min !== undefined && value.length < shape.min) fail(`shorter than ${shape.min}`);
        if (shape.max !== undefined && value.length > shape.max) fail(`longer than ${shape.max}`);
        return;
      }
      case "integer":
      case "long": {
        if (typeof value !== "number" || !Number.isInteger(value)) return fail("expected an integer");
        if (shape.min !== undefined && value < shape.min) fail(`below ${shape.min}`);
        if (shape.max !== undefined && value > shape.max) fail(`above ${shape.max}`);
        return;
      }
      case "double":
      case "float":
        if (typeof value !== "number") fail("expected a number");
        return;
      case "boolean":
        if (typeof value !== "boolean") fail("expected a boolean");
        return;
      case "timestamp":
        if (typeof value !== "number") return fail("expected epoch seconds (a number)");
        if (value < MIN_EPOCH_SECONDS || value > MAX_EPOCH_SECONDS) fail("not epoch seconds");
        return;
      case "blob":
        if (typeof value !== "string") fail("expected base64 text");
        return;
      default:
        return;
    }
  }
}

const MODELS_DIR = path.join(__dirname, "models");

/** The three models, by X-Amz-Target prefix. */
export function loadModels(): Map<string, ServiceModel> {
  const models = new Map<string, ServiceModel>();
  for (const file of ["events.json", "stepfunctions.json", "athena.json"]) {
    const m = new ServiceModel(path.join(MODELS_DIR, file));
    models.set(m.targetPrefix, m);
  }
  return models;
}

/** A node:http request handler for SDK clients that checks every answer against the models, collecting problems. */
export class CheckingHttpHandler extends NodeHttpHandler {
  constructor(
    private readonly models: Map<string, ServiceModel>,
    /** Problems found so far, `<Prefix>.<Operation>: ...`; tests drain it after each case. */
    readonly problems: string[],
    /** Called with every answer (`<Prefix>.<Operation>` and its error code, or "OK"), e.g. to see which errors are covered. */
    private readonly onAnswer?: (operation: string, outcome: string) => void,
  ) {
    super();
  }

  override async handle(...args: Parameters<NodeHttpHandler["handle"]>): Promise<{ response: HttpResponse }> {
    const [request] = args;
    const out = await super.handle(...args);
    const response = out.response;
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as Readable) chunks.push(Buffer.from(chunk));
    const raw = Buffer.concat(chunks);
    response.body = Readable.from([raw]);
    this.check(request, response, raw.toString("utf8"));
    return out;
  }

  private check(request: HttpRequest, response: HttpResponse, text: string): void {
    const target = String(Object.entries(request.headers).find(([k]) => k.toLowerCase() === "x-amz-target")?.[1] ?? "");
    const dot = target.lastIndexOf(".");
    const model = this.models.get(target.slice(0, dot));
    const operation = target.slice(dot + 1);
    const tag = target || "(no target)";
    if (!model) return void this.problems.push(`${tag}: unknown target prefix`);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = String(v);
    if (!headers["x-amzn-requestid"]) this.problems.push(`${tag}: no x-amzn-requestid`);
    if (headers["content-type"] !== `application/x-amz-json-${model.jsonVersion}`) this.problems.push(`${tag}: content-type ${headers["content-type"]}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return void this.problems.push(`${tag}: body is not JSON: ${text.slice(0, 80)}`);
    }
    this.onAnswer?.(target, response.statusCode === 200 ? "OK" : (headers["x-amzn-errortype"] ?? String(response.statusCode)));
    const found =
      response.statusCode === 200 ? model.checkOutput(operation, body) : model.checkError(operation, response.statusCode, headers, body);
    for (const p of found) this.problems.push(`${model.targetPrefix}.${p}`);
  }
}
