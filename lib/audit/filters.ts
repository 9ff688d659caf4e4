// The /audit page's filters and cursor in the URL. Pure: parsed here, used by the page, the CSV route and tests.
import type { AuditFilter } from "@/lib/db/audit-events";

export const AUDIT_PAGE_SIZE = 50;

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A date or date-time from a form field, read as UTC; undefined when empty or invalid. */
function time(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(/Z$|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}${value.length <= 10 ? "T00:00" : ""}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  check?: string;
  from?: string;
  to?: string;
  before?: string;
}

export function parseAuditQuery(params: Params): { query: AuditQuery; filter: AuditFilter } {
  const query: AuditQuery = {
    actor: one(params.actor)?.slice(0, 200),
    action: one(params.action)?.slice(0, 100),
    check: one(params.check),
    from: one(params.from),
    to: one(params.to),
    before: one(params.before),
  };
  const filter: AuditFilter = {
    actor: query.actor,
    action: query.action,
    checkId: query.check && UUID.test(query.check) ? query.check : undefined,
    from: time(query.from),
    to: time(query.to),
    before: parseCursor(query.before),
  };
  return { query, filter };
}

/** Cursor `<epoch ms>.<id>` of the last event shown: the next page starts strictly after it. */
export function cursorOf(event: { at: Date; id: string }): string {
  return `${event.at.getTime()}.${event.id}`;
}

export function parseCursor(value: string | undefined): { at: Date; id: string } | undefined {
  const m = value ? /^(\d{1,15})\.(\d{1,19})$/.exec(value) : null;
  return m ? { at: new Date(Number(m[1])), id: m[2]! } : undefined;
}

export function auditSearch(query: AuditQuery, overrides: Partial<AuditQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
  return params.toString();
}
