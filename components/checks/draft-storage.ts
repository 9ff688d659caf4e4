"use client";

import type { CheckDraft } from "@/lib/checks/schema";

// The check form keeps what the operator typed in the browser's storage until a save succeeds, so neither a reload,
// a refused request nor a crashed tab costs them their work. Only the browser that typed it ever sees it.

const PREFIX = "acc:check-draft:";

export interface StoredDraft {
  savedAt: string;
  /** The check's version the draft was edited from; a draft of an older version is not offered over a newer one. */
  version: number | null;
  draft: CheckDraft;
}

export function draftStorageKey(mode: "create" | "edit", checkId?: string): string {
  return `${PREFIX}${mode === "edit" && checkId ? checkId : "new"}`;
}

function looksLikeDraft(v: unknown): v is StoredDraft {
  if (!v || typeof v !== "object") return false;
  const s = v as Partial<StoredDraft>;
  const d = s.draft as Partial<CheckDraft> | undefined;
  return (
    typeof s.savedAt === "string" &&
    !!d &&
    typeof d.name === "string" &&
    typeof d.sql === "string" &&
    !!d.trigger &&
    typeof d.trigger === "object" &&
    !!d.expectation &&
    Array.isArray(d.parameters)
  );
}

/** The stored draft for this form, or null when there is none or it cannot be read (storage off, old shape). */
export function readStoredDraft(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return looksLikeDraft(parsed) ? parsed : null;
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
