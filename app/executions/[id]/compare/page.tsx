import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { VerdictBadge } from "@/components/executions/badges";
import { formatUtcShort } from "@/components/executions/time";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/guards";
import type { Cell, RunDiff } from "@/lib/findings/compare";
import { compareRuns } from "@/lib/findings/run-compare";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Compare ${decodeURIComponent((await params).id)}` };
}

function Value({ v }: { v: Cell }) {
  if (v === null) return <span className="text-zinc-400">NULL</span>;
  if (v === "") return <span className="text-zinc-400">(empty)</span>;
  return <>{v}</>;
}

function Rows({
  title,
  rows,
  columns,
  tone,
  total,
  testId,
}: {
  title: string;
  rows: Cell[][];
  columns: string[];
  tone: string;
  total: number;
  testId: string;
}) {
  return (
    <Card title={`${title} (${total.toLocaleString("en-US")})`} data-testid={testId}>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">None.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-xs">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c}
                    className="whitespace-nowrap border-b border-zinc-200 px-2 py-1 text-left font-medium text-zinc-600"
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className={tone}>
                  {r.map((v, j) => (
                    <td key={j} className="max-w-80 border-b border-zinc-100 px-2 py-1 font-mono wrap-anywhere">
                      <Value v={v} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {total > rows.length ? (
            <p className="mt-2 text-xs text-zinc-500">First {rows.length.toLocaleString("en-US")} shown.</p>
          ) : null}
        </div>
      )}
    </Card>
  );
}

function Changed({ diff }: { diff: RunDiff }) {
  if (diff.pairedBy !== "keys") return null;
  return (
    <Card title={`Changed (${diff.changedCount.toLocaleString("en-US")})`} data-testid="compare-changed">
      {diff.changed.length === 0 ? (
        <p className="text-sm text-zinc-500">No row with the same keys changed.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-xs">
            <thead>
              <tr>
                {diff.columns.map((c) => (
                  <th
                    key={c}
                    className="whitespace-nowrap border-b border-zinc-200 px-2 py-1 text-left font-medium text-zinc-600"
                  >
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.changed.map((ch, i) => (
                <tr key={i} className="align-top">
                  {diff.columns.map((c, j) => {
                    const changed = ch.cells.includes(c);
                    return (
                      <td
                        key={c}
                        className={`max-w-80 border-b border-zinc-100 px-2 py-1 font-mono wrap-anywhere ${changed ? "bg-amber-50" : ""}`}
                      >
                        {changed ? (
                          <>
                            <span className="block text-red-700 line-through">
                              <Value v={ch.before[j] ?? null} />
                            </span>
                            <span className="block text-emerald-800">
                              <Value v={ch.after[j] ?? null} />
                            </span>
                          </>
                        ) : (
                          <Value v={ch.after[j] ?? null} />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {diff.changed.some((c) => c.rowsBefore !== c.rowsAfter) ? (
            <p className="mt-2 text-xs text-zinc-500">Some keys have a different number of rows in the two runs.</p>
          ) : null}
        </div>
      )}
    </Card>
  );
}

export default async function ComparePage({ params, searchParams }: Props) {
  await requirePage("readResults");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const name = decodeURIComponent(id);
  const withParam = Array.isArray(sp.with) ? sp.with[0] : sp.with;
  const cmp = await compareRuns(name, withParam ?? null);
  if (!cmp) notFound();
  const href = (w: string) => `/executions/${encodeURIComponent(name)}/compare?with=${encodeURIComponent(w)}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Compare runs"
        back={{ href: `/executions/${encodeURIComponent(name)}`, label: name }}
        description={
          cmp.ok ? (
            <>
              <span className="font-mono">{cmp.run.name}</span> ({formatUtcShort(cmp.run.startDate)} UTC) against{" "}
              <span className="font-mono">{cmp.other.name}</span> ({formatUtcShort(cmp.other.startDate)} UTC)
            </>
          ) : (
            <span className="font-mono">{name}</span>
          )
        }
      />
      {cmp.choices.length ? (
        <form
          className="flex flex-wrap items-center gap-2 text-sm"
          action={`/executions/${encodeURIComponent(name)}/compare`}
        >
          <label htmlFor="compare-with" className="text-zinc-600">
            Compare with
          </label>
          <select
            id="compare-with"
            name="with"
            defaultValue={cmp.ok ? cmp.other.name : undefined}
            className="max-w-md rounded border border-zinc-300 px-2 py-1 font-mono text-xs"
          >
            {cmp.choices.map((c) => (
              <option key={c.name} value={c.name}>
                {formatUtcShort(c.startDate)} · {c.verdict ?? "—"} · {c.rowCount.toLocaleString("en-US")} rows ·{" "}
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm hover:bg-zinc-50">
            Compare
          </button>
          {cmp.choices[0] ? (
            <Link href={href(cmp.choices[0].name)} className="text-blue-700 hover:underline">
              previous run
            </Link>
          ) : null}
        </form>
      ) : null}
      {!cmp.ok ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {cmp.reason}
        </p>
      ) : (
        <>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-zinc-700" data-testid="compare-summary">
            <div>
              <dt className="inline text-zinc-500">Paired by: </dt>
              <dd className="inline">
                {cmp.diff.pairedBy === "keys" ? (
                  <>
                    finding keys <span className="font-mono">{cmp.diff.keys.join(", ")}</span>
                  </>
                ) : (
                  "whole rows"
                )}
              </dd>
            </div>
            <div>
              <dt className="inline text-zinc-500">Verdicts: </dt>
              <dd className="inline-flex gap-1">
                <VerdictBadge verdict={cmp.other.verdict} /> → <VerdictBadge verdict={cmp.run.verdict} />
              </dd>
            </div>
            <div className="tabular-nums">
              {cmp.diff.addedCount.toLocaleString("en-US")} added, {cmp.diff.removedCount.toLocaleString("en-US")}{" "}
              removed
              {cmp.diff.pairedBy === "keys" ? `, ${cmp.diff.changedCount.toLocaleString("en-US")} changed` : ""},{" "}
              {cmp.diff.unchangedCount.toLocaleString("en-US")} unchanged
            </div>
            {cmp.diff.columnsAdded.length || cmp.diff.columnsRemoved.length ? (
              <div>
                Columns: {cmp.diff.columnsAdded.map((c) => `+${c}`).join(" ")}{" "}
                {cmp.diff.columnsRemoved.map((c) => `−${c}`).join(" ")}
              </div>
            ) : null}
            {cmp.truncated ? (
              <div className="text-amber-800">A snapshot was cut at its cap: rows past the cut are not compared.</div>
            ) : null}
          </dl>
          <Rows
            title="Added"
            rows={cmp.diff.added}
            columns={cmp.diff.columns}
            tone="bg-emerald-50/50"
            total={cmp.diff.addedCount}
            testId="compare-added"
          />
          <Rows
            title="Removed"
            rows={cmp.diff.removed}
            columns={cmp.diff.columns}
            tone="bg-red-50/50"
            total={cmp.diff.removedCount}
            testId="compare-removed"
          />
          <Changed diff={cmp.diff} />
        </>
      )}
    </div>
  );
}
