"use client";
// "Create check from this query": /query leaves the SQL and its context in the tab's session storage and the
// new-check form picks it up once (a URL could not carry a query of up to 256 KB).
import { z } from "zod";

const KEY = "acc.query-handoff";

const handoffSchema = z.object({ sql: z.string(), catalog: z.string(), database: z.string() });
export type QueryHandoff = z.infer<typeof handoffSchema>;

export function saveQueryHandoff(h: QueryHandoff): void {
  sessionStorage.setItem(KEY, JSON.stringify(h));
}

/** The handed-off query, removed as it is read (a reload of the form does not apply it twice). */
export function takeQueryHandoff(): QueryHandoff | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return null;
  sessionStorage.removeItem(KEY);
  try {
    const r = handoffSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
