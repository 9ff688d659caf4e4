"use client";

import { Link } from "@/components/ui/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import {
  CHECKS_PAGE_SIZES,
  countLabel,
  listHref,
  sortHref,
  type ListPage,
  type ListQuery,
  type SortKey,
} from "@/lib/checks/list-view";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatUtcMinute } from "@/components/ui/format";
import { Pager } from "@/components/ui/pager";
import { Table, TableBody, TableHead, TableRow } from "@/components/ui/table";
import { EnabledBadge } from "./enabled-badge";
import { SourceBadge } from "./source-badge";
import { CheckSyncBadge } from "@/components/reconcile/sync-status-badge";

const COLUMNS: { key: SortKey; label: string; className: string }[] = [
  { key: "name", label: "Name", className: "w-[24%]" },
  { key: "trigger", label: "Trigger", className: "" },
  { key: "expectation", label: "Expectation", className: "w-[9rem]" },
  { key: "enabled", label: "Enabled", className: "w-[6rem]" },
  { key: "status", label: "Sync", className: "w-[7.5rem]" },
  { key: "lastRun", label: "Last run", className: "w-[10.75rem]" },
];

const VERDICT_TONE = { PASS: "green", FAIL: "red", ERROR: "amber", RUNNING: "blue" } as const;

function SearchBox({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const urlQuery = params.get("q") ?? "";
  const [value, setValue] = useState(initial);
  // When the URL's search changes for another reason than this box ("Clear the search", the Checks link, Back),
  // the box shows the new search instead of writing its old text back into the URL.
  const [written, setWritten] = useState(initial);
  const [seen, setSeen] = useState(urlQuery);
  if (urlQuery !== seen) {
    setSeen(urlQuery);
    if (urlQuery !== written) {
      setWritten(urlQuery);
      setValue(urlQuery);
    }
  }

  // The URL holds the search: debounce typing, replace (not push) so Back leaves the page.
  useEffect(() => {
    if (value.trim() === urlQuery) return;
    const t = setTimeout(() => {
      const next = new URLSearchParams(params.toString());
      if (value.trim()) next.set("q", value.trim());
      else next.delete("q");
      // A new search starts on its first page.
      next.delete("page");
      setWritten(value.trim());
      router.replace(`${pathname}${next.size ? `?${next.toString()}` : ""}`);
    }, 250);
    return () => clearTimeout(t);
  }, [value, urlQuery, params, pathname, router]);

  return (
    <input
      type="search"
      aria-label="Search checks"
      placeholder="Search name, slug, trigger…"
      className={inputClass(false, "w-72 min-w-0")}
      value={value}
      onChange={(e) => setValue(e.target.value)}
    />
  );
}

/** Rows per page; a new size starts from the first page. */
function PageSize({ query }: { query: ListQuery }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2">
      Per page
      <select
        value={query.size}
        onChange={(e) => router.push(listHref({ ...query, size: Number(e.target.value), page: 1 }))}
        className={inputClass(false, "w-20 py-1")}
      >
        {CHECKS_PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The checks list: search, sort and page live in the URL so a view can be shared or reloaded. */
export function ChecksTable({ list, query, total }: { list: ListPage; query: ListQuery; total: number }) {
  const { rows } = list;
  if (total === 0) {
    return (
      <EmptyState className="py-16">
        <h2 className="text-base font-semibold">No checks yet</h2>
        <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600">
          A check runs an Athena query when an event arrives or on a schedule, and tells you when the result is not what
          you expect.
        </p>
        <ButtonLink href="/checks/new" variant="primary" className="mt-6">
          Create your first check
        </ButtonLink>
      </EmptyState>
    );
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-4">
        <SearchBox initial={query.q} />
        <p className="shrink-0 text-sm whitespace-nowrap text-zinc-500 tabular-nums">{countLabel(list, total)}</p>
      </div>
      {/* Below its minimum width the table scrolls sideways in its frame instead of squeezing the trigger away. */}
      <Table className="w-full min-w-[64rem] table-fixed text-left">
        <TableHead
          cell="px-4 py-2.5"
          columns={COLUMNS.map((c) => {
            const active = query.sort === c.key;
            return {
              className: c.className,
              sort: active ? (query.dir === "asc" ? "ascending" : "descending") : "none",
              label: (
                <Link
                  href={sortHref(query, c.key)}
                  className={`inline-flex items-center gap-1 hover:text-zinc-900 ${active ? "text-zinc-900" : ""}`}
                >
                  {c.label}
                  <span aria-hidden className="text-[10px]">
                    {active ? (query.dir === "asc" ? "▲" : "▼") : ""}
                  </span>
                </Link>
              ),
            };
          })}
        />
        <TableBody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="px-4 py-10 text-center text-zinc-600">
                No checks match “{query.q}”.{" "}
                <Link href="/checks" className="font-medium text-blue-700 hover:underline">
                  Clear the search
                </Link>
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <TableRow key={r.id} hover className="align-top" data-testid="check-row">
                <td className="px-4 py-3">
                  <Link
                    href={`/checks/${r.id}`}
                    className="block font-medium wrap-anywhere text-zinc-900 hover:underline"
                  >
                    {r.name}
                  </Link>
                  <span className="block font-mono text-xs break-all text-zinc-500">{r.slug}</span>
                  {r.sourcePath ? (
                    <span className="mt-1 block">
                      <SourceBadge sourcePath={r.sourcePath} />
                    </span>
                  ) : null}
                </td>
                {/* Long ARNs and pattern values have no spaces: let them wrap inside the column. */}
                <td className="px-4 py-3 text-zinc-700 wrap-anywhere">{r.trigger}</td>
                <td className="px-4 py-3 text-zinc-700 tabular-nums wrap-anywhere">{r.expectation}</td>
                <td className="px-4 py-3">
                  <EnabledBadge enabled={r.enabled} />
                </td>
                <td className="px-4 py-3">
                  <CheckSyncBadge check={r} />
                </td>
                <td className="px-4 py-3 tabular-nums">
                  {r.lastRun ? (
                    <span className="flex flex-col items-start gap-1">
                      <Badge tone={VERDICT_TONE[r.lastRun.verdict]}>{r.lastRun.verdict}</Badge>
                      {r.lastRun.href ? (
                        <Link href={r.lastRun.href} className="whitespace-nowrap text-xs text-zinc-600 hover:underline">
                          {formatUtcMinute(r.lastRun.at)}
                        </Link>
                      ) : (
                        <span className="whitespace-nowrap text-xs text-zinc-600">{formatUtcMinute(r.lastRun.at)}</span>
                      )}
                    </span>
                  ) : (
                    <span className="text-zinc-400">never run</span>
                  )}
                </td>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      {/* Shown once there is more than the smallest page, so a larger size chosen can be undone. */}
      {list.matching > CHECKS_PAGE_SIZES[0] ? (
        <Pager
          summary={
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span>
                Page {list.page.toLocaleString("en-US")} of {list.pageCount.toLocaleString("en-US")}
              </span>
              <PageSize query={query} />
            </span>
          }
          previous={{ href: list.page > 1 ? listHref({ ...query, page: list.page - 1 }) : null, label: "← Previous" }}
          next={{
            href: list.page < list.pageCount ? listHref({ ...query, page: list.page + 1 }) : null,
            label: "Next →",
          }}
        />
      ) : null}
    </div>
  );
}
