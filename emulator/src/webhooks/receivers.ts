// The local webhook receiver: named endpoints that record what is sent to them (API destination deliveries, SNS
// HTTP subscriptions, a Slack-like client) and answer a configurable status, so tests and the console can see
// exactly what a webhook would have received.
//
//   POST /_emulator/webhooks/<name>              records the request (any content type); answers 200 "ok" by default
//   GET  /_emulator/webhooks/<name>              the recorded requests, oldest first: [{receivedAt, method, headers, body}]
//   DELETE /_emulator/webhooks/<name>            forgets them (and the behavior)
//   PUT  /_emulator/webhooks/<name>/behavior     {"status":500, "delayMs":0, "times":N, "body":"..."}: how to answer
//   DELETE /_emulator/webhooks/<name>/behavior   back to 200
//   GET  /_emulator/webhooks                     every receiver with its request count
import { AwsError } from "../core/aws-error";
import { JsonSnapshot } from "../core/persistence";

export interface RecordedWebhookRequest {
  /** ISO time the request arrived. */
  receivedAt: string;
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
}

export interface WebhookBehavior {
  /** HTTP status answered (default 200). */
  status: number;
  /** Wait before answering, to make a sender time out (default 0). */
  delayMs: number;
  /** Answer this way for the next N requests only, then 200 again (default: until changed). */
  times?: number;
  /** Body answered (default "ok" for 2xx, an error text otherwise). */
  body?: string;
}

interface Receiver {
  requests: RecordedWebhookRequest[];
  behavior?: WebhookBehavior;
}

interface Snapshot {
  version: 1;
  receivers: Record<string, Receiver>;
}

export const RECEIVER_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
/** Per receiver; older requests are dropped first. */
const MAX_REQUESTS = 500;
/** Longer bodies are cut in the record. */
const MAX_RECORDED_BODY = 256 * 1024;
const MAX_DELAY_MS = 120_000;

export class WebhookReceivers {
  private readonly receivers = new Map<string, Receiver>();
  private readonly snapshot: JsonSnapshot<Snapshot>;

  constructor(stateDir: string) {
    this.snapshot = new JsonSnapshot<Snapshot>(stateDir);
    const saved = this.snapshot.load();
    if (saved?.version === 1) for (const [name, r] of Object.entries(saved.receivers)) this.receivers.set(name, r);
    this.snapshot.track(() => ({ version: 1, receivers: Object.fromEntries(this.receivers) }));
  }

  private receiver(name: string): Receiver {
    checkName(name);
    let r = this.receivers.get(name);
    if (!r) {
      r = { requests: [] };
      this.receivers.set(name, r);
    }
    return r;
  }

  /** Records a request and returns how to answer it. */
  record(
    name: string,
    method: string,
    headers: Record<string, string | string[] | undefined>,
    raw: string,
  ): { status: number; delayMs: number; body: string } {
    const r = this.receiver(name);
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    r.requests.push({
      receivedAt: new Date().toISOString(),
      method,
      headers: flat,
      body: parseBody(flat["content-type"], raw),
    });
    if (r.requests.length > MAX_REQUESTS) r.requests.splice(0, r.requests.length - MAX_REQUESTS);
    const b = r.behavior;
    let answer = { status: 200, delayMs: 0, body: "ok" };
    if (b) {
      answer = {
        status: b.status,
        delayMs: b.delayMs,
        body: b.body ?? (b.status < 300 ? "ok" : `receiver ${name} answers ${b.status}`),
      };
      if (b.times !== undefined) {
        b.times--;
        if (b.times <= 0) delete r.behavior;
      }
    }
    this.snapshot.changed();
    return answer;
  }

  /** The recorded requests of `name`, oldest first (empty for an unknown receiver). */
  requests(name: string): RecordedWebhookRequest[] {
    checkName(name);
    return (this.receivers.get(name)?.requests ?? []).map((r) => ({ ...r }));
  }

  /** Forgets one receiver's requests and behavior; returns how many requests were dropped. */
  clear(name: string): number {
    checkName(name);
    const n = this.receivers.get(name)?.requests.length ?? 0;
    if (this.receivers.delete(name)) this.snapshot.changed();
    return n;
  }

  /** Sets (or with undefined, removes) how `name` answers. */
  setBehavior(name: string, input: Record<string, unknown> | undefined): WebhookBehavior | undefined {
    const r = this.receiver(name);
    if (input === undefined) {
      delete r.behavior;
      this.snapshot.changed();
      return undefined;
    }
    const bad = (m: string) => new AwsError("ValidationException", m);
    const status = input.status ?? 200;
    if (typeof status !== "number" || !Number.isInteger(status) || status < 200 || status > 599)
      throw bad("status must be an integer from 200 to 599");
    const delayMs = input.delayMs ?? 0;
    if (typeof delayMs !== "number" || !(delayMs >= 0) || delayMs > MAX_DELAY_MS)
      throw bad(`delayMs must be a number from 0 to ${MAX_DELAY_MS}`);
    const times = input.times;
    if (times !== undefined && (typeof times !== "number" || !Number.isInteger(times) || times < 1))
      throw bad("times must be a positive integer");
    const body = input.body;
    if (body !== undefined && typeof body !== "string") throw bad("body must be a string");
    r.behavior = {
      status,
      delayMs,
      ...(times !== undefined ? { times } : {}),
      ...(body !== undefined ? { body } : {}),
    };
    this.snapshot.changed();
    return { ...r.behavior };
  }

  /** Every receiver with its request count and behavior. */
  summary(): Array<{ name: string; requests: number; behavior?: WebhookBehavior }> {
    return [...this.receivers.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, r]) => ({ name, requests: r.requests.length, ...(r.behavior ? { behavior: r.behavior } : {}) }));
  }

  resetAll(): void {
    this.receivers.clear();
    this.snapshot.clear();
  }

  async flush(): Promise<void> {
    await this.snapshot.flush();
  }
}

function checkName(name: string): void {
  if (!RECEIVER_NAME.test(name))
    throw new AwsError("ValidationException", "A receiver name is 1 to 128 letters, digits, '_', '.' or '-'.");
}

function parseBody(contentType: string | undefined, raw: string): unknown {
  const text = raw.length > MAX_RECORDED_BODY ? `${raw.slice(0, MAX_RECORDED_BODY)}…[truncated]` : raw;
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (media === "application/json" || media.endsWith("+json") || (media === "" && /^\s*[[{]/.test(text))) {
    try {
      return JSON.parse(raw);
    } catch {
      return text;
    }
  }
  return text;
}
