"use client";

import { z } from "zod";
import { checkDraftShape, type CheckDraft } from "@/lib/checks/schema";

// The check form keeps what the operator typed in the browser's storage until a save succeeds, so neither a reload,
// a refused request nor a crashed tab costs them their work. Only the browser that typed it ever sees it.

const PREFIX = "acc:check-draft:";

export function draftStorageKey(mode: "create" | "edit", checkId?: string): string {
  return `${PREFIX}${mode === "edit" && checkId ? checkId : "new"}`;
}

/** A stored draft is the form's own draft shape (lib/checks/schema.ts); an older or foreign value is ignored. */
const storedDraftSchema = z.object({
  savedAt: z.string(),
  /** The check's version the draft was edited from; a draft of an older version is not offered over a newer one. */
  version: z.number().nullable(),
  draft: checkDraftShape,
});
export type StoredDraft = z.infer<typeof storedDraftSchema>;

/** The stored draft for this form, or null when there is none or it cannot be read (storage off, old shape). */
export function readStoredDraft(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    const stored = storedDraftSchema.safeParse(parsed);
    return stored.success ? stored.data : null;
  } catch {
    return null;
  }
}

/** Stores the draft; false when the browser refused (quota, private mode), so the form can say it is not kept. */
export function writeStoredDraft(key: string, draft: CheckDraft, version: number | null): boolean {
  try {
    const value: StoredDraft = { savedAt: new Date().toISOString(), version, draft };
    window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function clearStoredDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}
