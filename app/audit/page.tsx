// The audit trail: who did what, when, from where; filters in the URL, keyset paging, CSV of the same selection.
import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { requirePage } from "@/lib/auth/guards";
import { AUDIT_PAGE_SIZE, auditSearch, cursorOf, parseAuditQuery } from "@/lib/audit/filters";
import { listAuditActions, listAuditEvents } from "@/lib/db/audit-events";

export const metadata: Metadata = { title: "Audit trail" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePage("readAudit");
  const { query, filter } = parseAuditQuery(await searchParams);
  const [events, actions] = await Promise.all([listAuditEvents(filter, AUDIT_PAGE_SIZE + 1), listAuditActions()]);
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  const more = events.length > AUDIT_PAGE_SIZE;
  const filtersOnly = { ...query, before: undefined };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Audit trail</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Every sign-in, change, run and refused attempt. Written with the change itself; the database refuses to
            alter or remove an entry.
          </p>
        </div>
        <a href={`/audit/events.csv?${auditSearch(filtersOnly)}`} className={buttonClass("secondary")}>
          Download CSV
        </a>
      </div>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-md border border-zinc-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Actor</span>
          <input
            name="actor"
            defaultValue={query.actor}
            placeholder="name or id"
            className={inputClass(false, "w-44")}
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Action</span>
          <select name="action" defaultValue={query.action ?? ""} className={inputClass(false, "w-48")}>
            <option value="">Any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">Check id</span>
          <input name="check" defaultValue={query.check} className={inputClass(false, "w-72 font-mono text-xs")} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">From (UTC)</span>
          <input type="datetime-local" name="from" defaultValue={query.from} className={inputClass(false)} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-600">To (UTC)</span>
          <input type="datetime-local" name="to" defaultValue={query.to} className={inputClass(false)} />
        </label>
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link href="/audit" className={buttonClass("ghost")}>
          Clear
        </Link>
      </form>
      <AuditTable events={page} />
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {query.before ? (
          <Link href={`/audit?${auditSearch(filtersOnly)}`} className="text-blue-700 hover:underline">
            Newest
          </Link>
        ) : (
          <span />
        )}
        {more ? (
          <Link
            href={`/audit?${auditSearch(query, { before: cursorOf(page.at(-1)!) })}`}
            className="text-blue-700 hover:underline"
          >
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
