// Checks the emulator's raw JSON answers against the service shapes the installed AWS SDK v3 clients ship (their
// Smithy schemas: `@aws-sdk/client-*/dist-*/schemas/schemas_0.js`, exported by each package), derived at test time:
// every member known, no nulls, required members present, member types (string, number, boolean, list, map,
// structure, timestamps in epoch seconds), enum values; errors with a status, `x-amzn-errortype`, `__type` and a
// message, and a code the service models and the operation can answer.
// `CheckingHttpHandler` does this for every call a real SDK client makes, so conformance tests see what the SDK
// would silently tolerate (an unknown member, a timestamp in milliseconds, a null).
//
// What the SDK schemas do not carry, and so is not checked: length and range limits (`min`/`max`, patterns), the
// integer/floating-point distinction (all numbers are one "numeric" type), enums on schema members (recovered from
// the package's type declarations instead, see `enumsOf`), and which errors an operation answers (recovered from the
// `@throws` lines of the package's command declarations, see `operationErrors`).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import * as athenaSdk from "@aws-sdk/client-athena";
import * as cloudwatchSdk from "@aws-sdk/client-cloudwatch";
import * as dynamodbSdk from "@aws-sdk/client-dynamodb";
import * as eventsSdk from "@aws-sdk/client-eventbridge";
import * as sfnSdk from "@aws-sdk/client-sfn";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import ts from "typescript";

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0];
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"];

/**
 * One decoded schema. The SDK encodes them as (see @smithy/core/schema, NormalizedSchema):
 * - numbers: 0 string, 1 numeric, 2 boolean, 4..7 timestamp (default/date-time/http-date/epoch-seconds), 15 document,
 *   17/19 big integer/decimal, 21/42 blob; `64 | n` a list of n, `128 | n` a map of n;
 * - `"unit"`: no members; a function: a lazy reference; `[ref, traits]`: a member wrapping `ref`;
 * - `[0, ns, name, traits, ref]` a simple type with traits, `[1, ns, name, traits, member]` a list,
 *   `[2, ns, name, traits, key, value]` a map, `[3 | -3 | 4, ns, name, traits, memberNames, memberRefs, requiredCount?]`
 *   a structure / error / union whose first `requiredCount` members are required, `[9, ns, name, traits, input, output]`
 *   an operation.
 */
type Decoded =
  | { kind: "string" | "number" | "boolean" | "blob" | "document" | "unit" }
  | { kind: "timestamp"; format: number }
  | { kind: "list"; member: unknown }
  | { kind: "map"; value: unknown }
  | { kind: "structure"; name: string; names: string[]; refs: unknown[]; required: number; union: boolean };

function decode(ref: unknown): Decoded {
  let r = ref;
  for (;;) {
    if (typeof r === "function") r = (r as () => unknown)();
    else if (Array.isArray(r) && r.length === 2) r = r[0];
    else if (Array.isArray(r) && r[0] === 0) r = r[4];
    else break;
  }
  if (r === "unit") return { kind: "unit" };
  if (typeof r === "number") {
    if (r >= 128 && r <= 255) return { kind: "map", value: r & 0b0011_1111 };
    if (r >= 64 && r < 128) return { kind: "list", member: r & 0b0011_1111 };
    if (r === 0) return { kind: "string" };
    if (r === 1 || r === 17 || r === 19) return { kind: "number" };
    if (r === 2) return { kind: "boolean" };
    if (r >= 4 && r <= 7) return { kind: "timestamp", format: r };
    if (r === 21 || r === 42) return { kind: "blob" };
    return { kind: "document" };
  }
  if (Array.isArray(r)) {
    if (r[0] === 1) return { kind: "list", member: r[4] };
    if (r[0] === 2) return { kind: "map", value: r[5] };
    if (r[0] === 3 || r[0] === -3 || r[0] === 4) {
      return {
        kind: "structure",
        name: String(r[2]),
        names: r[4] as string[],
        refs: r[5] as unknown[],
        required: Number(r[6] ?? 0),
        union: r[0] === 4,
      };
    }
  }
  throw new Error(`model-check: cannot decode SDK schema ${JSON.stringify(r)?.slice(0, 80)}`);
}

/** Codes any operation may answer although the SDK does not list them (AWS's common errors). */
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

type SdkModule = Record<string, unknown>;

/** Where an installed client package keeps its type declarations (`dist-types`). */
function typesDir(pkg: string): string {
  const main = createRequire(__filename).resolve(pkg); // <pkg>/dist-cjs/index.js
  return path.join(path.dirname(path.dirname(main)), "dist-types");
}

/** An export that is an SDK enum: a plain object of string constants (e.g. `RuleState`). */
function enumValues(sdk: SdkModule, name: string): string[] | undefined {
  const v = sdk[name];
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const values = Object.values(v as Record<string, unknown>);
  return values.length > 0 && values.every((x) => typeof x === "string") ? (values as string[]) : undefined;
}

/**
 * Enum values per `<Structure>.<member>`, read from the package's model declarations (`interface X { State?: RuleState }`,
 * or a list `RuleState[]`): the schemas type such members as plain strings. Interfaces share their shape's name.
 */
function enumsOf(pkg: string, sdk: SdkModule): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const dir = path.join(typesDir(pkg), "models");
  const find = (t: ts.TypeNode): string[] | undefined => {
    if (ts.isUnionTypeNode(t)) return t.types.map(find).find((x) => x !== undefined);
    if (ts.isParenthesizedTypeNode(t)) return find(t.type);
    if (ts.isArrayTypeNode(t)) return find(t.elementType);
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName)) return enumValues(sdk, t.typeName.text);
    return undefined;
  };
  for (const file of fs.readdirSync(dir).filter((f) => /^models_\d+\.d\.ts$/.test(f))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest);
    for (const stmt of source.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      for (const m of stmt.members) {
        if (!ts.isPropertySignature(m) || !m.type || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
        const values = find(m.type);
        if (values) out.set(`${stmt.name.text}.${m.name.text}`, values);
      }
    }
  }
  return out;
}

/** The errors an operation's command declares (`@throws {@link X}` in `<Op>Command.d.ts`), without the base exception. */
function operationErrors(pkg: string, operation: string, errorNames: Set<string>): string[] {
  const file = path.join(typesDir(pkg), "commands", `${operation}Command.d.ts`);
  if (!fs.existsSync(file)) return [];
  const names = [...fs.readFileSync(file, "utf8").matchAll(/@throws \{@link (\w+)\}/g)].map((m) => m[1]!);
  return names.filter((n) => errorNames.has(n));
}

interface ProtocolLike {
  serviceTarget?: string;
  getJsonRpcVersion?: () => string;
}

export class ServiceModel {
  readonly targetPrefix: string;
  readonly jsonVersion: string;
  /** Operation name → its input/output schema references. */
  private readonly operations = new Map<string, { output: unknown }>();
  /** Modeled error name → whether it is a server fault (HTTP 5xx). */
  private readonly errorShapes = new Map<string, { fault: boolean }>();
  private readonly errorsByOperation = new Map<string, string[]>();
  private readonly enums: Map<string, string[]>;

  /** The model of the installed client package `pkg` (its module `sdk`; `Client` gives the protocol settings). */
  constructor(
    private readonly pkg: string,
    sdk: SdkModule,
    Client: new (config: { region: string }) => { config: { protocol?: unknown }; destroy(): void },
  ) {
    const client = new Client({ region: "us-east-1" });
    const protocol = client.config.protocol as ProtocolLike | undefined;
    client.destroy();
    if (!protocol?.serviceTarget || !protocol.getJsonRpcVersion)
      throw new Error(`model-check: ${pkg} does not use an AWS JSON protocol`);
    this.targetPrefix = protocol.serviceTarget;
    this.jsonVersion = protocol.getJsonRpcVersion();
    for (const value of Object.values(sdk)) {
      if (!Array.isArray(value)) continue;
      if (value[0] === 9) this.operations.set(String(value[2]), { output: value[5] });
      else if (value[0] === -3 && !String(value[1]).startsWith("smithy.ts.sdk.synthetic")) {
        const traits = value[3] as Record<string, unknown> | number;
        this.errorShapes.set(String(value[2]), { fault: typeof traits === "object" && traits.error === "server" });
      }
    }
    if (this.operations.size === 0) throw new Error(`model-check: ${pkg} exports no operation schemas`);
    this.enums = enumsOf(pkg, sdk);
  }

  /** Whether the SDK describes `operation`. */
  has(operation: string): boolean {
    return this.operations.has(operation);
  }

  /** The modeled errors `operation` declares. */
  errorsOf(operation: string): string[] {
    let errors = this.errorsByOperation.get(operation);
    if (!errors)
      this.errorsByOperation.set(
        operation,
        (errors = operationErrors(this.pkg, operation, new Set(this.errorShapes.keys()))),
      );
    return errors;
  }

  /** Problems of a 200 answer's body for `operation` (empty when it conforms). */
  checkOutput(operation: string, body: unknown): string[] {
    const op = this.operations.get(operation);
    if (!op) return [`${operation}: not in the SDK schemas`];
    const problems: string[] = [];
    if (decode(op.output).kind === "unit") {
      if (body !== null && typeof body === "object" && Object.keys(body).length > 0)
        problems.push(`${operation}: output should be {}`);
    } else this.checkValue(op.output, body, operation, problems);
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
    if (name && this.has(operation) && !this.errorsOf(operation).includes(name) && !COMMON_ERRORS.has(name)) {
      problems.push(`${where}: code ${name} is not one this operation answers`);
    }
    const shape = this.errorShapes.get(name);
    if (shape || COMMON_ERRORS.has(name)) {
      const fault = shape?.fault === true || /Internal|ServiceUnavailable/.test(name);
      if (fault ? status < 500 : status !== 400) problems.push(`${where}: ${name} answered with HTTP ${status}`);
    }
    return problems;
  }

  private checkValue(ref: unknown, value: unknown, at: string, problems: string[], allowed?: string[]): void {
    if (value === null) {
      problems.push(`${at}: null (AWS omits absent members)`);
      return;
    }
    const fail = (what: string): void => {
      problems.push(`${at}: ${what} (got ${JSON.stringify(value)?.slice(0, 80)})`);
    };
    const shape = decode(ref);
    switch (shape.kind) {
      case "structure": {
        if (typeof value !== "object" || Array.isArray(value)) return fail("expected an object");
        const obj = value as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) {
          const i = shape.names.indexOf(k);
          if (i < 0) {
            problems.push(`${at}.${k}: member not in the schema`);
            continue;
          }
          this.checkValue(shape.refs[i], v, `${at}.${k}`, problems, this.enums.get(`${shape.name}.${k}`));
        }
        for (const r of shape.names.slice(0, shape.required))
          if (!(r in obj)) problems.push(`${at}.${r}: required member missing`);
        if (shape.union && Object.keys(obj).length !== 1) fail("a union sets exactly one member");
        return;
      }
      case "list":
        if (!Array.isArray(value)) return fail("expected a list");
        value.forEach((v, i) => this.checkValue(shape.member, v, `${at}[${i}]`, problems, allowed));
        return;
      case "map":
        if (typeof value !== "object" || Array.isArray(value)) return fail("expected a map");
        for (const [k, v] of Object.entries(value as Record<string, unknown>))
          this.checkValue(shape.value, v, `${at}{${k}}`, problems);
        return;
      case "string":
        if (typeof value !== "string") return fail("expected a string");
        if (allowed && !allowed.includes(value)) fail(`not one of ${allowed.join("|")}`);
        return;
      case "number":
        if (typeof value !== "number") fail("expected a number");
        return;
      case "boolean":
        if (typeof value !== "boolean") fail("expected a boolean");
        return;
      case "timestamp":
        // Only the default and epoch-seconds formats occur in these services; both are epoch seconds in AWS JSON.
        if (shape.format === 5 || shape.format === 6) {
          if (typeof value !== "string") fail("expected a date string");
          return;
        }
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

let cached: Map<string, ServiceModel> | undefined;

/** The three services' models derived from the installed SDK clients, by X-Amz-Target prefix. */
export function loadModels(): Map<string, ServiceModel> {
  if (!cached) {
    cached = new Map();
    for (const m of [
      new ServiceModel("@aws-sdk/client-eventbridge", eventsSdk, eventsSdk.EventBridgeClient),
      new ServiceModel("@aws-sdk/client-sfn", sfnSdk, sfnSdk.SFNClient),
      new ServiceModel("@aws-sdk/client-athena", athenaSdk, athenaSdk.AthenaClient),
      new ServiceModel("@aws-sdk/client-dynamodb", dynamodbSdk, dynamodbSdk.DynamoDBClient),
      new ServiceModel("@aws-sdk/client-cloudwatch", cloudwatchSdk, cloudwatchSdk.CloudWatchClient),
    ]) {
      cached.set(m.targetPrefix, m);
    }
  }
  return cached;
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
    if (headers["content-type"] !== `application/x-amz-json-${model.jsonVersion}`)
      this.problems.push(`${tag}: content-type ${headers["content-type"]}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return void this.problems.push(`${tag}: body is not JSON: ${text.slice(0, 80)}`);
    }
    this.onAnswer?.(
      target,
      response.statusCode === 200 ? "OK" : (headers["x-amzn-errortype"] ?? String(response.statusCode)),
    );
    const found =
      response.statusCode === 200
        ? model.checkOutput(operation, body)
        : model.checkError(operation, response.statusCode, headers, body);
    for (const p of found) this.problems.push(`${model.targetPrefix}.${p}`);
  }
}
