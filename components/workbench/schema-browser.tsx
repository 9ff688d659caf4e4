"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { querySchemaAction } from "@/lib/actions/query";
import { failureMessage } from "@/lib/actions/result";
import type { SchemaCatalog, SchemaDatabase, SchemaTable } from "@/lib/workbench/schema-types";
import { sqlIdentifier } from "@/lib/workbench/schema-types";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

// A database's tables render as a window over the list (rows of fixed height), so 5,000 tables cost what 30 do.
const ROW_PX = 24;
const LIST_MAX_PX = 384;
const OVERSCAN_PX = 240;

export interface LoadedTable {
  catalog: string;
  database: string;
  table: SchemaTable;
}

/**
 * Catalogs → databases → tables (partition keys marked) → columns with types, loaded level by level from Athena
 * and kept for the page's life (Refresh reloads). The default catalog and database open at start so completion
 * has their tables. A click inserts a name into the editor.
 */
export function SchemaBrowser({
  defaultCatalog,
  defaultDatabase,
  onInsert,
  onTablesLoaded,
}: {
  defaultCatalog: string;
  defaultDatabase: string;
  onInsert: (text: string) => void;
  /** Every table loaded so far (for completion). */
  onTablesLoaded: (tables: LoadedTable[]) => void;
}) {
  const [catalogs, setCatalogs] = useState<SchemaCatalog[] | null>(null);
  const [databases, setDatabases] = useState<Record<string, SchemaDatabase[]>>({});
  const [tables, setTables] = useState<Record<string, SchemaTable[]>>({});
  const [open, setOpen] = useState<Set<string>>(new Set([defaultCatalog, `${defaultCatalog}.${defaultDatabase}`]));
  // Keys being listed: "" (catalogs), "<catalog>" (its databases), "<catalog>.<database>" (its tables).
  const initialKeys = useMemo(
    () => ["", defaultCatalog, `${defaultCatalog}.${defaultDatabase}`],
    [defaultCatalog, defaultDatabase],
  );
  const [loading, setLoading] = useState<Set<string>>(() => new Set(initialKeys));
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  // Tables whose columns are shown, as "<catalog>.<database>.<table>".
  const [openTables, setOpenTables] = useState<Set<string>>(new Set());
  const toggleTable = (k: string, show: boolean) =>
    setOpenTables((s) => {
      const next = new Set(s);
      if (show) next.add(k);
      else next.delete(k);
      return next;
    });
  const [generation, setGeneration] = useState(0);
  // Databases whose tables are still arriving (slices after the first).
  const [more, setMore] = useState<Set<string>>(new Set());

  // Stores one level's answer under `key` (which the caller marked as loading before asking). A database's tables
  // arrive in slices: the first shows at once, the next is asked for until the list is complete.
  const generationRef = useRef(generation);
  useEffect(() => {
    generationRef.current = generation;
  }, [generation]);
  const apply = useCallback(function applyAnswer(
    key: string,
    res: Awaited<ReturnType<typeof querySchemaAction>>,
    gen: number,
  ) {
    if (gen !== generationRef.current) return;
    if (!res.ok) {
      setLoading((s) => without(s, key));
      setError(failureMessage(res, "Athena could not list the schema."));
      return;
    }
    const data = res.data;
    if (data.kind === "catalogs") setCatalogs(data.catalogs);
    else if (data.kind === "databases") setDatabases((d) => ({ ...d, [key]: data.databases }));
    else {
      setTables((t) => ({ ...t, [key]: data.more ? [...(t[key] ?? []), ...data.tables] : data.tables }));
      if (data.next) {
        setMore((m) => new Set(m).add(key));
        const [catalog, database] = splitKey(key);
        void querySchemaAction({ catalog, database, token: data.next }).then((r) => applyAnswer(key, r, gen));
      } else setMore((m) => without(m, key));
    }
    setLoading((s) => without(s, key));
  }, []);
  const load = useCallback(
    (key: string, input: { catalog?: string; database?: string }) => {
      const gen = generationRef.current;
      return querySchemaAction(input).then((res) => apply(key, res, gen));
    },
    [apply],
  );

  // The first load and every Refresh: catalogs, the default catalog's databases and the default database's tables.
  useEffect(() => {
    const [catalogsKey, databasesKey, tablesKey] = initialKeys as [string, string, string];
    void querySchemaAction({}).then((res) => apply(catalogsKey, res, generation));
    void querySchemaAction({ catalog: defaultCatalog }).then((res) => apply(databasesKey, res, generation));
    void querySchemaAction({ catalog: defaultCatalog, database: defaultDatabase }).then((res) =>
      apply(tablesKey, res, generation),
    );
  }, [generation, apply, initialKeys, defaultCatalog, defaultDatabase]);

  useEffect(() => {
    const all: LoadedTable[] = [];
    for (const [key, list] of Object.entries(tables)) {
      const [catalog, database] = splitKey(key);
      for (const table of list) all.push({ catalog, database, table });
    }
    onTablesLoaded(all);
  }, [tables, onTablesLoaded]);

  const toggle = (key: string, input: { catalog: string; database?: string }) => {
    const opening = !open.has(key);
    setOpen((s) => {
      const next = new Set(s);
      if (opening) next.add(key);
      else next.delete(key);
      return next;
    });
    const loaded = input.database ? tables[key] : databases[key];
    if (opening && !loaded && !loading.has(key)) {
      setLoading((s) => new Set(s).add(key));
      void load(key, input);
    }
  };

  const refresh = () => {
    setError(null);
    setLoading(new Set(initialKeys));
    setCatalogs(null);
    setDatabases({});
    setTables({});
    setMore(new Set());
    setGeneration((g) => g + 1);
  };

  const needle = search.trim().toLowerCase();
  const matches = useMemo(() => tableMatcher(needle), [needle]);

  const tableName = (catalog: string, database: string, table: string) =>
    (catalog === defaultCatalog ? "" : `${sqlIdentifier(catalog)}.`) +
    `${sqlIdentifier(database)}.${sqlIdentifier(table)}`;

  return (
    <section aria-label="Schema" className="flex min-h-0 flex-col gap-2" data-testid="schema-browser">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Schema</h2>
        <Button variant="ghost" className="h-7 px-2 text-xs" onClick={refresh} disabled={loading.size > 0}>
          {loading.size > 0 ? "Loading…" : "Refresh"}
        </Button>
      </div>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search tables and columns"
        aria-label="Search tables and columns"
        className={inputClass(false, "h-8 py-0 text-sm")}
      />
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="max-h-[32rem] min-h-24 overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm">
        {catalogs === null ? (
          <p className="px-3 py-2 text-xs text-zinc-500">Loading catalogs…</p>
        ) : catalogs.length === 0 ? (
          <p className="px-3 py-2 text-xs text-zinc-500">Athena lists no data catalogs.</p>
        ) : (
          <ul role="tree" aria-label="Catalogs">
            {catalogs.map((c) => (
              <TreeItem
                key={c.name}
                level={0}
                label={c.name}
                note={c.type ?? undefined}
                expanded={open.has(c.name)}
                onToggle={() => toggle(c.name, { catalog: c.name })}
              >
                <Children loading={loading.has(c.name)} empty="No databases." items={databases[c.name]}>
                  {(dbs) =>
                    dbs.map((d) => {
                      const key = `${c.name}.${d.name}`;
                      const list = needle ? (tables[key] ?? []).filter(matches) : (tables[key] ?? []);
                      return (
                        <TreeItem
                          key={key}
                          level={1}
                          label={d.name}
                          title={d.description ?? undefined}
                          expanded={open.has(key)}
                          onToggle={() => toggle(key, { catalog: c.name, database: d.name })}
                        >
                          <Children
                            loading={loading.has(key)}
                            empty={needle ? "No table or column matches." : "No tables."}
                            items={tables[key] ? list : undefined}
                          >
                            {(ts) => (
                              <>
                                {more.has(key) ? (
                                  <li className="py-0.5 pl-10 text-[11px] text-zinc-500" aria-live="polite">
                                    {(tables[key]?.length ?? 0).toLocaleString("en-US")} tables so far, loading more…
                                  </li>
                                ) : null}
                                <VirtualTables
                                  tables={ts}
                                  needle={needle}
                                  isOpen={(t) => openTables.has(`${key}.${t}`)}
                                  onToggle={(t, show) => toggleTable(`${key}.${t}`, show)}
                                  qualified={(t) => tableName(c.name, d.name, t)}
                                  onInsert={onInsert}
                                />
                              </>
                            )}
                          </Children>
                        </TreeItem>
                      );
                    })
                  }
                </Children>
              </TreeItem>
            ))}
          </ul>
        )}
      </div>
      <p className="text-xs text-zinc-500">Click a table or column to insert its name.</p>
    </section>
  );
}

function without(s: Set<string>, key: string): Set<string> {
  if (!s.has(key)) return s;
  const next = new Set(s);
  next.delete(key);
  return next;
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf(".");
  return [key.slice(0, dot), key.slice(dot + 1)];
}

/** A table matches when its name or one of its columns contains the search text. */
function tableMatcher(needle: string) {
  return (t: SchemaTable) =>
    !needle || t.name.toLowerCase().includes(needle) || t.columns.some((c) => c.name.toLowerCase().includes(needle));
}

function Children<T>({
  loading,
  items,
  empty,
  children,
}: {
  loading: boolean;
  items: T[] | undefined;
  empty: string;
  children: (items: T[]) => React.ReactNode;
}) {
  if (loading || items === undefined) return <li className="py-1 pl-8 text-xs text-zinc-500">Loading…</li>;
  if (items.length === 0) return <li className="py-1 pl-8 text-xs text-zinc-500">{empty}</li>;
  return <>{children(items)}</>;
}

function TreeItem({
  level,
  label,
  note,
  title,
  expanded,
  onToggle,
  children,
}: {
  level: number;
  label: string;
  note?: string;
  title?: string;
  expanded: boolean;
  onToggle: () => void;
  children: React.ReactNode;
}) {
  return (
    <li role="treeitem" aria-expanded={expanded} aria-selected={false}>
      <button
        type="button"
        onClick={onToggle}
        title={title}
        className="flex w-full items-center gap-1.5 px-2 py-1 text-left hover:bg-zinc-50"
        style={{ paddingLeft: `${0.5 + level * 1}rem` }}
      >
        <span aria-hidden className="w-3 text-xs text-zinc-400">
          {expanded ? "▾" : "▸"}
        </span>
        <span className="truncate font-mono text-xs text-zinc-800">{label}</span>
        {note ? <span className="ml-auto text-[10px] text-zinc-400">{note}</span> : null}
      </button>
      {expanded ? <ul role="group">{children}</ul> : null}
    </li>
  );
}

/** Whether a search that matched one of the table's columns (so they show without a click). */
function columnMatch(table: SchemaTable, needle: string): boolean {
  return needle !== "" && table.columns.some((c) => c.name.toLowerCase().includes(needle));
}

/**
 * A database's tables as a window over the list: only the rows in view (and a margin) are in the DOM, placed by
 * their offsets (every table row and column row is ROW_PX high), inside a box of at most LIST_MAX_PX.
 */
function VirtualTables({
  tables,
  needle,
  isOpen,
  onToggle,
  qualified,
  onInsert,
}: {
  tables: SchemaTable[];
  needle: string;
  isOpen: (table: string) => boolean;
  onToggle: (table: string, show: boolean) => void;
  qualified: (table: string) => string;
  onInsert: (text: string) => void;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const offsets = useMemo(() => {
    const out = new Array<number>(tables.length + 1);
    out[0] = 0;
    tables.forEach((t, i) => {
      const show = isOpen(t.name) || columnMatch(t, needle);
      out[i + 1] = out[i]! + ROW_PX * (1 + (show ? t.columns.length : 0));
    });
    return out;
  }, [tables, needle, isOpen]);
  const total = offsets[tables.length]!;
  const top = Math.max(0, scrollTop - OVERSCAN_PX);
  const bottom = scrollTop + LIST_MAX_PX + OVERSCAN_PX;
  const first = Math.max(0, upperBound(offsets, top) - 1);
  let last = first;
  while (last < tables.length && offsets[last]! < bottom) last++;
  return (
    <li role="none">
      <div
        className="overflow-y-auto"
        style={{ maxHeight: LIST_MAX_PX }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="schema-table-list"
      >
        <ul role="group" className="relative" style={{ height: total }}>
          {tables.slice(first, last).map((t, i) => (
            <TableItem
              key={t.name}
              table={t}
              top={offsets[first + i]!}
              show={isOpen(t.name) || columnMatch(t, needle)}
              onToggle={(show) => onToggle(t.name, show)}
              qualified={qualified(t.name)}
              needle={needle}
              onInsert={onInsert}
            />
          ))}
        </ul>
      </div>
    </li>
  );
}

/** The first index whose offset is greater than `x` (offsets ascend). */
function upperBound(offsets: number[], x: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function TableItem({
  table,
  top,
  show,
  onToggle,
  qualified,
  needle,
  onInsert,
}: {
  table: SchemaTable;
  top: number;
  show: boolean;
  onToggle: (show: boolean) => void;
  qualified: string;
  needle: string;
  onInsert: (text: string) => void;
}) {
  const partitions = table.columns.filter((c) => c.partitionKey).length;
  return (
    <li
      role="treeitem"
      aria-expanded={show}
      aria-selected={false}
      data-table={table.name}
      className="absolute inset-x-0"
      style={{ top }}
    >
      <div className="flex items-center gap-1 pr-2 hover:bg-zinc-50" style={{ paddingLeft: "2.5rem", height: ROW_PX }}>
        <button
          type="button"
          aria-label={`${show ? "Hide" : "Show"} the columns of ${table.name}`}
          onClick={() => onToggle(!show)}
          className="w-4 text-xs text-zinc-400"
        >
          <span aria-hidden>{show ? "▾" : "▸"}</span>
        </button>
        <button
          type="button"
          onClick={() => onInsert(qualified)}
          title={`Insert ${qualified}`}
          className="min-w-0 flex-1 truncate text-left font-mono text-xs text-zinc-900"
        >
          {table.name}
        </button>
        {partitions > 0 ? (
          <span className="text-[10px] text-amber-700" title="Partitioned: filter on its partition keys">
            partitioned
          </span>
        ) : null}
      </div>
      {show ? (
        <ul role="group">
          {table.columns.map((c) => (
            <li key={c.name} role="none">
              <button
                type="button"
                onClick={() => onInsert(sqlIdentifier(c.name))}
                title={c.comment ? `${c.comment} — insert ${c.name}` : `Insert ${c.name}`}
                data-column={c.name}
                className={`flex w-full items-center gap-2 pr-2 text-left hover:bg-zinc-50 ${
                  needle && c.name.toLowerCase().includes(needle) ? "bg-yellow-50" : ""
                }`}
                style={{ paddingLeft: "4rem", height: ROW_PX }}
              >
                <span className="truncate font-mono text-xs text-zinc-800">{c.name}</span>
                {c.partitionKey ? (
                  <span className="rounded bg-amber-100 px-1 text-[10px] text-amber-800" title="Partition key">
                    partition key
                  </span>
                ) : null}
                <span className="ml-auto shrink-0 font-mono text-[10px] text-zinc-400">{c.type}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
