// Field-level before/after of a check for the audit trail. Pure.
import { canonicalJson } from "@/lib/canonical-json";

export type FieldDiff = Record<string, { before: unknown; after: unknown }>;

/** The fields that differ between `before` and `after` (null: the check did not exist on that side). */
export function fieldDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: readonly string[],
): FieldDiff {
  const out: FieldDiff = {};
  for (const field of fields) {
    const b = before ? before[field] : undefined;
    const a = after ? after[field] : undefined;
    if (canonicalJson(b ?? null) !== canonicalJson(a ?? null)) out[field] = { before: b ?? null, after: a ?? null };
  }
  return out;
}
