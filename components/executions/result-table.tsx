"use client";

import { useState, useTransition } from "react";
import type { ResultPage } from "@/lib/executions/result-page";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { NumericCell, Table, TableBody, TableRow } from "@/components/ui/table";
import { ResultCell } from "./result-cell";

interface Props {
  /** GET `<resultsUrl>?size=&token=` answers one page as JSON (a ResultPage, or `{ error }`). */
  resultsUrl: string;
  initial: ResultPage;
  pageSize: number;
  pageSizes: readonly number[];
}

/**
 * The query's result set, read page by page from Athena (GetQueryResults + NextToken). Athena pages only go
 * forward, so the tokens of the pages seen are kept to go back.
 */
export function ResultTable({ resultsUrl, initial, pageSize, pageSizes }: Props) {
  const [page, setPage] = useState(initial);
  const [size, setSize] = useState(pageSize);
  // tokens[i]: the NextToken that fetched page i (null for the first); offsets[i]: rows before page i.
  const [tokens, setTokens] = useState<(string | null)[]>([null]);
  const [offsets, setOffsets] = useState<number[]>([0]);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const load = (token: string | null, pageSizeToUse: number, onLoaded: (p: ResultPage) => void) => {
    setError(null);
    startTransition(async () => {
      const qs = new URLSearchParams({ size: String(pageSizeToUse) });
      if (token) qs.set("token", token);
      const res = await fetch(`${resultsUrl}?${qs}`);
      const body = (await res.json().catch(() => null)) as (ResultPage & { error?: string }) | null;
      if (!res.ok || !body || body.error) {
        setError(body?.error ?? `Could not load the page (HTTP ${res.status}).`);
        return;
      }
      setPage(body);
      onLoaded(body);
    });
  };

  const next = () => {
    if (!page.nextToken) return;
    const token = page.nextToken;
    const offset = offsets[index]! + page.rows.length;
    load(token, size, () => {
      setTokens((t) => [...t.slice(0, index + 1), token]);
      setOffsets((o) => [...o.slice(0, index + 1), offset]);
      setIndex(index + 1);
    });
  };
  const previous = () => {
    if (index === 0) return;
    load(tokens[index - 1]!, size, () => setIndex(index - 1));
  };
  const resize = (n: number) => {
    setSize(n);
    load(null, n, () => {
      setTokens([null]);
      setOffsets([0]);
      setIndex(0);
    });
  };

  const first = offsets[index]! + 1;
  const last = offsets[index]! + page.rows.length;
  return (
    <div className="space-y-2" data-testid="result-table">
      <Table busy={pending} className={`w-max min-w-[40%] max-w-none ${pending ? "opacity-60" : ""}`}>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs">
          <tr>
            <th scope="col" className="w-12 px-3 py-2 text-right font-medium text-zinc-400">
              #
            </th>
            {page.columns.map((c, i) => (
              <th
                key={i}
                scope="col"
                className={`px-3 py-2 font-medium text-zinc-700 ${c.align === "right" ? "text-right" : "text-left"}`}
              >
                <span className="block font-mono">{c.name}</span>
                <span className="block font-mono text-[10px] font-normal text-zinc-400">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <TableBody>
          {page.rows.length === 0 ? (
            <tr>
              <td colSpan={page.columns.length + 1} className="px-3 py-6 text-center text-sm text-zinc-500">
                The query returned no rows.
              </td>
            </tr>
          ) : (
            page.rows.map((row, r) => (
              <TableRow key={r} hover>
                <NumericCell className="px-3 py-1.5 font-mono text-xs text-zinc-400">
                  {(offsets[index]! + r + 1).toLocaleString("en-US")}
                </NumericCell>
                {page.columns.map((c, i) => (
                  <ResultCell key={i} column={c} value={row[i] ?? null} />
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600">
        <p aria-live="polite">
          {page.rows.length > 0 ? (
            <>
              Rows {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")}
              {page.nextToken ? "" : ` of ${last.toLocaleString("en-US")}`}
            </>
          ) : null}
          {error ? (
            <span role="alert" className="ml-2 text-red-700">
              {error}
            </span>
          ) : null}
        </p>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1.5 text-xs">
            Rows per page
            <select
              value={size}
              onChange={(e) => resize(Number(e.target.value))}
              className={inputClass(false, "h-8 w-20 py-0")}
              disabled={pending}
            >
              {pageSizes.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={previous} disabled={pending || index === 0}>
            ← Previous
          </Button>
          <Button onClick={next} disabled={pending || !page.nextToken}>
            Next →
          </Button>
        </div>
      </div>
    </div>
  );
}
