// EventBridge connections (the auth a delivery adds) and API destinations (an HTTP endpoint, a method and an
// invocation rate limit), with their operations and the HTTP call a rule target makes through them.
// Secrets (password, API key value, OAuth client secret, secret header values) are kept to sign deliveries and never
// answered by Describe/List, as AWS keeps them in Secrets Manager.
import { randomUUID } from "node:crypto";
import { AwsError } from "../core/aws-error";
import { JsonSnapshot } from "../core/persistence";
import { decodeToken, encodeToken, pageOf } from "../core/paging";
import type { CallContext, Operation } from "../core/types";
import { Violations } from "../core/validation";

const NAME = /[\.\-_A-Za-z0-9]+/;
const AUTH_TYPES = ["BASIC", "OAUTH_CLIENT_CREDENTIALS", "API_KEY"] as const;
const HTTP_METHODS = ["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"];
export const API_DESTINATION_ARN =
  /^arn:aws[\w-]*:events:[a-z0-9-]+:\d{12}:api-destination\/[\.\-_A-Za-z0-9]+\/[\w-]+$/;

type Obj = Record<string, unknown>;
interface KeyValue {
  Key: string;
  Value?: string;
  IsValueSecret?: boolean;
}

export interface StoredConnection {
  Name: string;
  ConnectionArn: string;
  SecretArn: string;
  Description?: string;
  AuthorizationType: (typeof AUTH_TYPES)[number];
  /** As given, secrets included (never answered). */
  AuthParameters: Obj;
  ConnectionState: "AUTHORIZED" | "DEAUTHORIZED";
  CreationTime: number;
  LastModifiedTime: number;
  LastAuthorizedTime: number;
}

export interface StoredApiDestination {
  Name: string;
  ApiDestinationArn: string;
  Description?: string;
  ConnectionArn: string;
  InvocationEndpoint: string;
  HttpMethod: string;
  InvocationRateLimitPerSecond: number;
  ApiDestinationState: "ACTIVE" | "INACTIVE";
  CreationTime: number;
  LastModifiedTime: number;
}

interface Snapshot {
  version: 1;
  connections: StoredConnection[];
  apiDestinations: StoredApiDestination[];
}

const now = () => Date.now() / 1000;

export class ApiDestinationStore {
  readonly connections = new Map<string, StoredConnection>();
  readonly destinations = new Map<string, StoredApiDestination>();
  private readonly snapshot: JsonSnapshot<Snapshot>;

  constructor(stateDir: string) {
    this.snapshot = new JsonSnapshot<Snapshot>(stateDir, { file: "api-destinations.json" });
    const saved = this.snapshot.load();
    if (saved?.version === 1) {
      for (const c of saved.connections) this.connections.set(c.Name, c);
      for (const d of saved.apiDestinations) this.destinations.set(d.Name, d);
    }
    this.snapshot.track(() => ({
      version: 1,
      connections: [...this.connections.values()],
      apiDestinations: [...this.destinations.values()],
    }));
  }

  connectionByArn(arn: string): StoredConnection | undefined {
    return [...this.connections.values()].find((c) => c.ConnectionArn === arn);
  }

  destinationByArn(arn: string): StoredApiDestination | undefined {
    return [...this.destinations.values()].find((d) => d.ApiDestinationArn === arn);
  }

  changed(): void {
    this.snapshot.changed();
  }

  async flush(): Promise<void> {
    await this.snapshot.flush();
  }

  clear(): void {
    this.connections.clear();
    this.destinations.clear();
    this.snapshot.clear();
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks AuthParameters against the authorization type (all of them on create, the given part on update). */
function checkAuth(v: Violations, type: string | undefined, auth: unknown, creating: boolean): void {
  if (auth === undefined) {
    if (creating) v.add("Value null at 'authParameters' failed to satisfy constraint: Member must not be null");
    return;
  }
  if (!isObj(auth)) throw new AwsError("SerializationException", "Unexpected value type for 'AuthParameters'");
  const need = (o: unknown, field: string, members: string[]) => {
    if (!isObj(o)) {
      if (creating)
        throw new AwsError("ValidationException", `${field} must be specified for the authorization type ${type}.`);
      return;
    }
    for (const m of members)
      v.string(
        o[m],
        `authParameters.${field.charAt(0).toLowerCase()}${field.slice(1)}.${m.charAt(0).toLowerCase()}${m.slice(1)}`,
        {
          required: creating,
          min: 1,
          max: 512,
        },
      );
  };
  if (type === "BASIC") need(auth.BasicAuthParameters, "BasicAuthParameters", ["Username", "Password"]);
  if (type === "API_KEY") need(auth.ApiKeyAuthParameters, "ApiKeyAuthParameters", ["ApiKeyName", "ApiKeyValue"]);
  if (type === "OAUTH_CLIENT_CREDENTIALS") {
    const o = auth.OAuthParameters;
    need(o, "OAuthParameters", ["AuthorizationEndpoint", "HttpMethod"]);
    if (isObj(o)) need(o.ClientParameters, "ClientParameters", ["ClientID", "ClientSecret"]);
  }
  const inv = auth.InvocationHttpParameters;
  if (inv !== undefined && !isObj(inv))
    throw new AwsError("SerializationException", "Unexpected value type for 'InvocationHttpParameters'");
}

/** AuthParameters without the secret members, as Describe answers them. */
function publicAuth(auth: Obj): Obj {
  const out: Obj = {};
  if (isObj(auth.BasicAuthParameters)) out.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (isObj(auth.ApiKeyAuthParameters)) out.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (isObj(auth.OAuthParameters)) {
    const o = auth.OAuthParameters;
    out.OAuthParameters = {
      ...(isObj(o.ClientParameters) ? { ClientParameters: { ClientID: o.ClientParameters.ClientID } } : {}),
      AuthorizationEndpoint: o.AuthorizationEndpoint,
      HttpMethod: o.HttpMethod,
      ...(o.OAuthHttpParameters !== undefined
        ? { OAuthHttpParameters: hideSecrets(o.OAuthHttpParameters as Obj) }
        : {}),
    };
  }
  if (isObj(auth.InvocationHttpParameters)) out.InvocationHttpParameters = hideSecrets(auth.InvocationHttpParameters);
  return out;
}

function hideSecrets(params: Obj): Obj {
  const out: Obj = {};
  for (const kind of ["HeaderParameters", "QueryStringParameters", "BodyParameters"]) {
    const list = params[kind];
    if (Array.isArray(list))
      out[kind] = (list as KeyValue[]).map((p) =>
        p.IsValueSecret ? { Key: p.Key, IsValueSecret: true } : { Key: p.Key, Value: p.Value, IsValueSecret: false },
      );
  }
  return out;
}

/** Merges an UpdateConnection AuthParameters into the stored one (given members replace stored ones). */
function mergeAuth(stored: Obj, update: Obj): Obj {
  const out: Obj = { ...stored };
  for (const [k, val] of Object.entries(update)) {
    out[k] = isObj(val) && isObj(stored[k]) ? mergeAuth(stored[k] as Obj, val) : val;
  }
  return out;
}

/** The `Name` every connection and API destination operation takes (1-64 characters of NAME). */
function resourceName(v: Violations, input: Obj): string | undefined {
  return v.string(input.Name, "name", { required: true, min: 1, max: 64, pattern: NAME });
}

function connectionArnNotFound(arn: string): AwsError {
  return new AwsError("ResourceNotFoundException", `Connection '${arn}' does not exist.`);
}

function connectionNotFound(name: string): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Failed to describe the connection(s). Connection '${name}' does not exist.`,
  );
}

function destinationNotFound(name: string): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`,
  );
}

function connectionSummary(c: StoredConnection): Obj {
  return {
    ConnectionArn: c.ConnectionArn,
    Name: c.Name,
    ConnectionState: c.ConnectionState,
    AuthorizationType: c.AuthorizationType,
    CreationTime: c.CreationTime,
    LastModifiedTime: c.LastModifiedTime,
    LastAuthorizedTime: c.LastAuthorizedTime,
  };
}

function destinationSummary(d: StoredApiDestination): Obj {
  return {
    ApiDestinationArn: d.ApiDestinationArn,
    Name: d.Name,
    ApiDestinationState: d.ApiDestinationState,
    ConnectionArn: d.ConnectionArn,
    InvocationEndpoint: d.InvocationEndpoint,
    HttpMethod: d.HttpMethod,
    InvocationRateLimitPerSecond: d.InvocationRateLimitPerSecond,
    CreationTime: d.CreationTime,
    LastModifiedTime: d.LastModifiedTime,
  };
}

function enumValue(
  v: Violations,
  value: unknown,
  field: string,
  allowed: readonly string[],
  required: boolean,
): string | undefined {
  const s = v.string(value, field, { required });
  if (s !== undefined && !allowed.includes(s))
    v.add(
      `Value '${s}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`,
    );
  return s;
}

function checkEndpoint(v: Violations, value: unknown, required: boolean): string | undefined {
  const s = v.string(value, "invocationEndpoint", { required, min: 1, max: 2047 });
  if (s !== undefined) {
    let ok = false;
    try {
      const u = new URL(s.replace(/\*/g, "x"));
      ok = u.protocol === "https:" || u.protocol === "http:";
    } catch {
      ok = false;
    }
    if (!ok) throw new AwsError("ValidationException", `Invalid InvocationEndpoint: ${s}`);
  }
  return s;
}

export function apiDestinationOperations(store: ApiDestinationStore): Record<string, Operation> {
  const listPage = <T extends { Name: string }>(items: T[], input: Obj, kind: string, v: Violations) => {
    const limit = v.integer(input.Limit, "limit", { min: 1, max: 100 }) ?? 100;
    const token = v.string(input.NextToken, "nextToken", { min: 1, max: 2048 });
    v.throwIfAny();
    const start =
      token !== undefined ? decodeToken<number>(token, kind, "ValidationException", "Invalid NextToken.") : 0;
    const { page, next } = pageOf(items, start, limit);
    return { page, nextToken: next !== undefined ? encodeToken(kind, next) : undefined };
  };

  return {
    CreateConnection(input, ctx: CallContext) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.string(input.Description, "description", { max: 512 });
      const type = enumValue(v, input.AuthorizationType, "authorizationType", AUTH_TYPES, true);
      checkAuth(v, type, input.AuthParameters, true);
      v.throwIfAny();
      if (store.connections.has(name!))
        throw new AwsError("ResourceAlreadyExistsException", `Connection ${name} already exists.`);
      const id = randomUUID();
      const t = now();
      const c: StoredConnection = {
        Name: name!,
        ConnectionArn: `arn:aws:events:${ctx.region}:${ctx.accountId}:connection/${name}/${id}`,
        SecretArn: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:events!connection/${name}/${id}`,
        ...(input.Description !== undefined ? { Description: input.Description as string } : {}),
        AuthorizationType: type as StoredConnection["AuthorizationType"],
        AuthParameters: input.AuthParameters as Obj,
        // Credentials are not tried here: a wrong key shows as a failed delivery (AWS behaves alike for API_KEY/BASIC).
        ConnectionState: "AUTHORIZED",
        CreationTime: t,
        LastModifiedTime: t,
        LastAuthorizedTime: t,
      };
      store.connections.set(c.Name, c);
      store.changed();
      return {
        ConnectionArn: c.ConnectionArn,
        ConnectionState: c.ConnectionState,
        CreationTime: c.CreationTime,
        LastModifiedTime: c.LastModifiedTime,
      };
    },

    DescribeConnection(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.throwIfAny();
      const c = store.connections.get(name!);
      if (!c) throw connectionNotFound(name!);
      return {
        ...connectionSummary(c),
        SecretArn: c.SecretArn,
        ...(c.Description !== undefined ? { Description: c.Description } : {}),
        AuthParameters: publicAuth(c.AuthParameters),
      };
    },

    UpdateConnection(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.string(input.Description, "description", { max: 512 });
      const type = enumValue(v, input.AuthorizationType, "authorizationType", AUTH_TYPES, false);
      v.throwIfAny();
      const c = store.connections.get(name!);
      if (!c) throw connectionNotFound(name!);
      const newType = (type ?? c.AuthorizationType) as StoredConnection["AuthorizationType"];
      checkAuth(v, newType, input.AuthParameters, type !== undefined && type !== c.AuthorizationType);
      v.throwIfAny();
      if (input.Description !== undefined) c.Description = input.Description as string;
      if (input.AuthParameters !== undefined)
        c.AuthParameters =
          newType === c.AuthorizationType
            ? mergeAuth(c.AuthParameters, input.AuthParameters as Obj)
            : (input.AuthParameters as Obj);
      c.AuthorizationType = newType;
      c.LastModifiedTime = c.LastAuthorizedTime = now();
      store.changed();
      return {
        ConnectionArn: c.ConnectionArn,
        ConnectionState: c.ConnectionState,
        CreationTime: c.CreationTime,
        LastModifiedTime: c.LastModifiedTime,
        LastAuthorizedTime: c.LastAuthorizedTime,
      };
    },

    DeleteConnection(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.throwIfAny();
      const c = store.connections.get(name!);
      if (!c) throw connectionNotFound(name!);
      store.connections.delete(c.Name);
      store.changed();
      return {
        ConnectionArn: c.ConnectionArn,
        ConnectionState: "DELETING",
        CreationTime: c.CreationTime,
        LastModifiedTime: c.LastModifiedTime,
        LastAuthorizedTime: c.LastAuthorizedTime,
      };
    },

    ListConnections(input) {
      const v = new Violations();
      const prefix = v.string(input.NamePrefix, "namePrefix", { min: 1, max: 64, pattern: NAME });
      const state = v.string(input.ConnectionState, "connectionState");
      const items = [...store.connections.values()]
        .filter(
          (c) =>
            (prefix === undefined || c.Name.startsWith(prefix)) && (state === undefined || c.ConnectionState === state),
        )
        .sort((a, b) => (a.Name < b.Name ? -1 : 1));
      const { page, nextToken } = listPage(items, input, "connections", v);
      return { Connections: page.map(connectionSummary), ...(nextToken ? { NextToken: nextToken } : {}) };
    },

    CreateApiDestination(input, ctx: CallContext) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.string(input.Description, "description", { max: 512 });
      const connectionArn = v.string(input.ConnectionArn, "connectionArn", { required: true, min: 1, max: 1600 });
      const endpoint = checkEndpoint(v, input.InvocationEndpoint, true);
      const method = enumValue(v, input.HttpMethod, "httpMethod", HTTP_METHODS, true);
      const rate = v.integer(input.InvocationRateLimitPerSecond, "invocationRateLimitPerSecond", { min: 1 });
      v.throwIfAny();
      if (store.destinations.has(name!))
        throw new AwsError("ResourceAlreadyExistsException", `An api-destination '${name}' already exists.`);
      if (!store.connectionByArn(connectionArn!)) throw connectionArnNotFound(connectionArn!);
      const t = now();
      const d: StoredApiDestination = {
        Name: name!,
        ApiDestinationArn: `arn:aws:events:${ctx.region}:${ctx.accountId}:api-destination/${name}/${randomUUID()}`,
        ...(input.Description !== undefined ? { Description: input.Description as string } : {}),
        ConnectionArn: connectionArn!,
        InvocationEndpoint: endpoint!,
        HttpMethod: method!,
        InvocationRateLimitPerSecond: rate ?? 300,
        ApiDestinationState: "ACTIVE",
        CreationTime: t,
        LastModifiedTime: t,
      };
      store.destinations.set(d.Name, d);
      store.changed();
      return {
        ApiDestinationArn: d.ApiDestinationArn,
        ApiDestinationState: d.ApiDestinationState,
        CreationTime: d.CreationTime,
        LastModifiedTime: d.LastModifiedTime,
      };
    },

    DescribeApiDestination(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.throwIfAny();
      const d = store.destinations.get(name!);
      if (!d) throw destinationNotFound(name!);
      return { ...destinationSummary(d), ...(d.Description !== undefined ? { Description: d.Description } : {}) };
    },

    UpdateApiDestination(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.string(input.Description, "description", { max: 512 });
      const connectionArn = v.string(input.ConnectionArn, "connectionArn", { min: 1, max: 1600 });
      const endpoint = checkEndpoint(v, input.InvocationEndpoint, false);
      const method = enumValue(v, input.HttpMethod, "httpMethod", HTTP_METHODS, false);
      const rate = v.integer(input.InvocationRateLimitPerSecond, "invocationRateLimitPerSecond", { min: 1 });
      v.throwIfAny();
      const d = store.destinations.get(name!);
      if (!d) throw destinationNotFound(name!);
      if (connectionArn !== undefined && !store.connectionByArn(connectionArn))
        throw connectionArnNotFound(connectionArn);
      if (input.Description !== undefined) d.Description = input.Description as string;
      if (connectionArn !== undefined) d.ConnectionArn = connectionArn;
      if (endpoint !== undefined) d.InvocationEndpoint = endpoint;
      if (method !== undefined) d.HttpMethod = method;
      if (rate !== undefined) d.InvocationRateLimitPerSecond = rate;
      d.LastModifiedTime = now();
      store.changed();
      return {
        ApiDestinationArn: d.ApiDestinationArn,
        ApiDestinationState: d.ApiDestinationState,
        CreationTime: d.CreationTime,
        LastModifiedTime: d.LastModifiedTime,
      };
    },

    DeleteApiDestination(input) {
      const v = new Violations();
      const name = resourceName(v, input);
      v.throwIfAny();
      if (!store.destinations.delete(name!)) throw destinationNotFound(name!);
      store.changed();
      return {};
    },

    ListApiDestinations(input) {
      const v = new Violations();
      const prefix = v.string(input.NamePrefix, "namePrefix", { min: 1, max: 64, pattern: NAME });
      const connectionArn = v.string(input.ConnectionArn, "connectionArn", { min: 1, max: 1600 });
      const items = [...store.destinations.values()]
        .filter(
          (d) =>
            (prefix === undefined || d.Name.startsWith(prefix)) &&
            (connectionArn === undefined || d.ConnectionArn === connectionArn),
        )
        .sort((a, b) => (a.Name < b.Name ? -1 : 1));
      const { page, nextToken } = listPage(items, input, "api-destinations", v);
      return { ApiDestinations: page.map(destinationSummary), ...(nextToken ? { NextToken: nextToken } : {}) };
    },
  };
}

// ---------------------------------------------------------------------------------------------- delivery

/** The outcome of one HTTP attempt. */
export type AttemptResult =
  { ok: true; status: number } | { ok: false; retryable: boolean; code: string; message: string; status?: number };

// AWS: "EventBridge retries requests that fail with 401, 407, 409, 429, and 5xx"; other 4xx are final.
const RETRYABLE_STATUS = new Set([401, 407, 409, 429]);

/** Paces calls to each API destination to its InvocationRateLimitPerSecond. */
export class RateLimiter {
  private readonly nextSlot = new Map<string, number>();

  /** Resolves when the destination may be called again. */
  async wait(arn: string, perSecond: number): Promise<void> {
    const t = Date.now();
    const slot = Math.max(t, this.nextSlot.get(arn) ?? 0);
    this.nextSlot.set(arn, slot + 1000 / perSecond);
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  }
}

function pairs(list: unknown): KeyValue[] {
  return Array.isArray(list) ? (list as KeyValue[]).filter((p) => isObj(p) && typeof p.Key === "string") : [];
}

/** Builds and sends one HTTP request of an API destination target; never throws. */
export async function callApiDestination(
  store: ApiDestinationStore,
  destinationArn: string,
  target: Obj,
  body: string,
  options: { timeoutMs: number; limiter: RateLimiter; fetchToken?: (c: StoredConnection) => Promise<string> },
): Promise<AttemptResult> {
  const d = store.destinationByArn(destinationArn);
  if (!d)
    return {
      ok: false,
      retryable: false,
      code: "ResourceNotFoundException",
      message: `API destination ${destinationArn} does not exist.`,
    };
  const c = store.connectionByArn(d.ConnectionArn);
  if (!c)
    return {
      ok: false,
      retryable: false,
      code: "ResourceNotFoundException",
      message: `Connection ${d.ConnectionArn} does not exist.`,
    };

  const http = isObj(target.HttpParameters) ? target.HttpParameters : {};
  const pathValues = Array.isArray(http.PathParameterValues) ? (http.PathParameterValues as string[]) : [];
  let i = 0;
  const url = new URL(d.InvocationEndpoint.replace(/\*/g, () => encodeURIComponent(pathValues[i++] ?? "")));
  const inv = isObj(c.AuthParameters.InvocationHttpParameters) ? c.AuthParameters.InvocationHttpParameters : {};
  for (const p of pairs(inv.QueryStringParameters)) url.searchParams.set(p.Key, p.Value ?? "");
  if (isObj(http.QueryStringParameters))
    for (const [k, val] of Object.entries(http.QueryStringParameters)) url.searchParams.set(k, String(val));

  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Amazon/EventBridge/ApiDestinations",
  };
  if (isObj(http.HeaderParameters))
    for (const [k, val] of Object.entries(http.HeaderParameters)) headers[k.toLowerCase()] = String(val);
  // The connection's own parameters win over the target's, as on AWS.
  for (const p of pairs(inv.HeaderParameters)) headers[p.Key.toLowerCase()] = p.Value ?? "";
  const auth = c.AuthParameters;
  try {
    if (c.AuthorizationType === "API_KEY" && isObj(auth.ApiKeyAuthParameters)) {
      headers[String(auth.ApiKeyAuthParameters.ApiKeyName).toLowerCase()] = String(
        auth.ApiKeyAuthParameters.ApiKeyValue,
      );
    } else if (c.AuthorizationType === "BASIC" && isObj(auth.BasicAuthParameters)) {
      const { Username, Password } = auth.BasicAuthParameters;
      headers.authorization = `Basic ${Buffer.from(`${Username}:${Password}`).toString("base64")}`;
    } else if (c.AuthorizationType === "OAUTH_CLIENT_CREDENTIALS") {
      headers.authorization = `Bearer ${await (options.fetchToken ?? fetchOAuthToken)(c)}`;
    }
  } catch (err) {
    return { ok: false, retryable: true, code: "AuthorizationFailed", message: (err as Error).message };
  }

  await options.limiter.wait(d.ApiDestinationArn, d.InvocationRateLimitPerSecond);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const res = await fetch(url, {
      method: d.HttpMethod,
      headers,
      body: d.HttpMethod === "GET" || d.HttpMethod === "HEAD" ? undefined : body,
      signal: controller.signal,
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return {
      ok: false,
      retryable: res.status >= 500 || RETRYABLE_STATUS.has(res.status),
      code: `HttpStatus${res.status}`,
      message: `The endpoint answered HTTP ${res.status} ${res.statusText}`.trim(),
      status: res.status,
    };
  } catch (err) {
    const timedOut = controller.signal.aborted;
    return {
      ok: false,
      retryable: true,
      code: timedOut ? "Timeout" : "ConnectionError",
      message: timedOut
        ? `The endpoint did not answer within ${options.timeoutMs} ms`
        : `The endpoint could not be reached: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** OAuth client credentials: asks the authorization endpoint for an access token. */
async function fetchOAuthToken(c: StoredConnection): Promise<string> {
  const o = c.AuthParameters.OAuthParameters as Obj;
  const client = o.ClientParameters as Obj;
  const http = isObj(o.OAuthHttpParameters) ? o.OAuthHttpParameters : {};
  const url = new URL(String(o.AuthorizationEndpoint));
  for (const p of pairs(http.QueryStringParameters)) url.searchParams.set(p.Key, p.Value ?? "");
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  for (const p of pairs(http.BodyParameters)) form.set(p.Key, p.Value ?? "");
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    authorization: `Basic ${Buffer.from(`${client.ClientID}:${client.ClientSecret}`).toString("base64")}`,
  };
  for (const p of pairs(http.HeaderParameters)) headers[p.Key.toLowerCase()] = p.Value ?? "";
  const res = await fetch(url, {
    method: String(o.HttpMethod ?? "POST"),
    headers,
    body: o.HttpMethod === "GET" ? undefined : form,
  });
  const json = (await res.json().catch(() => ({}))) as Obj;
  if (!res.ok || typeof json.access_token !== "string")
    throw new Error(`The OAuth endpoint answered HTTP ${res.status} without an access_token`);
  return json.access_token;
}
