// The plan of a checks-as-code apply: what applying the YAML files to a console would create, change (field by field)
// and delete. Deletes happen only with `prune`, and only to checks that came from code (their `sourcePath` is set):
// a check made in the browser is never deleted by a directory it never appeared in. A file's slug that names a check
// made in the browser with a different definition is a conflict, not an overwrite (unless `adopt`).
// Pure: the CLI (over the API) and the import page (over the server actions) plan and apply alike.
import { stringify } from "yaml";
import { canonicalJson } from "@/lib/canonical-json";
import type { CodeCheck } from "./document";
import { CHECK_SPEC_FIELDS, type CheckSpec } from "./types";

/** What a plan needs to know about a check in the console. */
export type ConsoleCheck = CheckSpec & { id: string; version: number; sourcePath: string | null };

export interface FieldDiff {
  field: string;
  before: string;
  after: string;
}

export type CodePlanItem =
  | { action: "create"; slug: string; sourcePath: string; spec: CheckSpec }
  | {
      action: "update";
      slug: string;
      sourcePath: string;
      spec: CheckSpec;
      id: string;
      version: number;
      changes: FieldDiff[];
      /** The check was made in the browser and this apply takes it over (`adopt`). */
      adopt: boolean;
    }
  | { action: "noop"; slug: string; sourcePath: string }
  | { action: "conflict"; slug: string; sourcePath: string; message: string }
  | { action: "delete"; slug: string; sourcePath: string; id: string; version: number; name: string }
  /** Managed from code, missing from the files, kept because `prune` was not asked for. */
  | { action: "orphan"; slug: string; sourcePath: string };

/** Something a file asks for that an apply does not do, said beside its check rather than dropped in silence. */
export interface PlanNotice {
  slug: string;
  sourcePath: string;
  message: string;
}

export interface CodePlan {
  items: CodePlanItem[];
  notices: PlanNotice[];
  /** Items that change the console (create, update, delete). */
  changes: number;
  conflicts: number;
}

const show = (v: unknown): string => (typeof v === "string" ? v : stringify(v, { lineWidth: 0 }).trimEnd());

/** The fields where `after` differs from `before`, each value as text (JSON values compared by meaning). */
export function specDiff(before: CheckSpec, after: CheckSpec): FieldDiff[] {
  // An absent snapshot policy and an empty one both mean "the defaults" (a file leaves it out when empty).
  const value = (s: CheckSpec, f: (typeof CHECK_SPEC_FIELDS)[number]) => (f === "snapshotPolicy" ? (s[f] ?? {}) : s[f]);
  return CHECK_SPEC_FIELDS.filter((f) => canonicalJson(value(before, f)) !== canonicalJson(value(after, f))).map(
    (f) => ({
      field: f,
      before: show(value(before, f)),
      after: show(value(after, f)),
    }),
  );
}

export function planCodeChanges(
  files: CodeCheck[],
  current: ConsoleCheck[],
  /** `scope`: only checks from these files can be kept or deleted (the import page applies one file, not a directory). */
  opts: { prune?: boolean; adopt?: boolean; scope?: string[] } = {},
): CodePlan {
  const bySlug = new Map(current.map((c) => [c.slug.toLowerCase(), c]));
  const wanted = new Set(files.map((f) => f.slug.toLowerCase()));
  const items: CodePlanItem[] = [];
  for (const f of files) {
    const existing = bySlug.get(f.slug.toLowerCase());
    if (!existing) {
      items.push({ action: "create", slug: f.slug, sourcePath: f.sourcePath, spec: f.spec });
      continue;
    }
    const changes = specDiff(existing, f.spec);
    const managed = existing.sourcePath !== null;
    if (!managed && changes.length > 0 && !opts.adopt) {
      items.push({
        action: "conflict",
        slug: f.slug,
        sourcePath: f.sourcePath,
        message: `The slug “${f.slug}” belongs to a check made in the browser that differs from ${f.sourcePath} (${changes.map((c) => c.field).join(", ")}). Apply does not overwrite it; rename the slug, delete the browser's check, or take it over (--adopt).`,
      });
      continue;
    }
    // Identical to a browser-made check: nothing to change (export → plan says so); it stays the browser's.
    if (!managed && changes.length === 0) {
      items.push({ action: "noop", slug: f.slug, sourcePath: f.sourcePath });
      continue;
    }
    if (managed && existing.sourcePath !== f.sourcePath) {
      changes.push({ field: "sourcePath", before: existing.sourcePath ?? "", after: f.sourcePath });
    }
    if (changes.length === 0) items.push({ action: "noop", slug: f.slug, sourcePath: f.sourcePath });
    else
      items.push({
        action: "update",
        slug: f.slug,
        sourcePath: f.sourcePath,
        spec: f.spec,
        id: existing.id,
        version: existing.version,
        changes,
        adopt: !managed,
      });
  }
  for (const c of current) {
    if (c.sourcePath === null || wanted.has(c.slug.toLowerCase())) continue;
    if (opts.scope && !opts.scope.includes(c.sourcePath)) continue;
    items.push(
      opts.prune
        ? { action: "delete", slug: c.slug, sourcePath: c.sourcePath, id: c.id, version: c.version, name: c.name }
        : { action: "orphan", slug: c.slug, sourcePath: c.sourcePath },
    );
  }
  return {
    items,
    notices: files.flatMap((f) => (f.notifications?.length ? [notificationsNotice(f, f.notifications)] : [])),
    changes: items.filter((i) => i.action === "create" || i.action === "update" || i.action === "delete").length,
    conflicts: items.filter((i) => i.action === "conflict").length,
  };
}

// A check's notification rules are set on its page (destination, verdicts, when); a file only names destinations,
// which is not yet enough to make a rule, so an apply leaves the check's rules as they are and says so.
function notificationsNotice(f: CodeCheck, notifications: { destination: string }[]): PlanNotice {
  const names = notifications.map((n) => `“${n.destination}”`).join(", ");
  const many = notifications.length > 1;
  return {
    slug: f.slug,
    sourcePath: f.sourcePath,
    message: `Notifications to ${names} are not applied from files: attach ${many ? "these destinations" : "this destination"} on the check's page (Notifications), where its verdicts and timing are chosen.`,
  };
}

/** How an apply reaches a console: the API for the CLI, the server actions for the import page. */
export interface CodeApplyTarget {
  create(spec: CheckSpec, sourcePath: string): Promise<void>;
  update(item: { id: string; slug: string; version: number }, spec: CheckSpec, sourcePath: string): Promise<void>;
  remove(item: { id: string; slug: string; version: number; name: string }): Promise<void>;
}

export interface AppliedItem {
  action: "create" | "update" | "delete";
  slug: string;
  error: string | null;
}

/**
 * Applies the plan's changes one by one; a failed item is reported and the others still run. Rerunning after an
 * interruption converges: the plan is made again from the console, so what was done is a no-op the second time.
 */
export async function applyCodePlan(plan: CodePlan, target: CodeApplyTarget): Promise<AppliedItem[]> {
  const done: AppliedItem[] = [];
  const run = async (action: AppliedItem["action"], slug: string, step: () => Promise<void>) => {
    try {
      await step();
      done.push({ action, slug, error: null });
    } catch (error) {
      done.push({ action, slug, error: error instanceof Error ? error.message : String(error) });
    }
  };
  for (const item of plan.items) {
    if (item.action === "create") await run("create", item.slug, () => target.create(item.spec, item.sourcePath));
    else if (item.action === "update")
      await run("update", item.slug, () => target.update(item, item.spec, item.sourcePath));
  }
  // Deletes last: a check that moved to a new slug exists under the new one before the old one goes.
  for (const item of plan.items) {
    if (item.action === "delete") await run("delete", item.slug, () => target.remove(item));
  }
  return done;
}

/** The plan as text, like `terraform plan`: + create, ~ update (field by field), - delete, ! conflict. */
export function formatCodePlan(plan: CodePlan): string {
  const lines: string[] = [];
  const indent = (text: string, mark: string) => text.split("\n").map((l) => `      ${mark} ${l}`);
  for (const item of plan.items) {
    switch (item.action) {
      case "create":
        lines.push(`  + ${item.slug}  (${item.sourcePath}): create`);
        break;
      case "update":
        lines.push(
          `  ~ ${item.slug}  (${item.sourcePath}): update${item.adopt ? ", taking it over from the browser" : ""}`,
        );
        for (const c of item.changes) {
          lines.push(`    ${c.field}:`);
          lines.push(...indent(c.before, "-"), ...indent(c.after, "+"));
        }
        break;
      case "delete":
        lines.push(`  - ${item.slug}  (was ${item.sourcePath}): delete`);
        break;
      case "conflict":
        lines.push(`  ! ${item.slug}  (${item.sourcePath}): ${item.message}`);
        break;
      case "orphan":
        lines.push(
          `  ? ${item.slug}  (was ${item.sourcePath}): no longer in the files; kept (apply with --prune to delete it)`,
        );
        break;
      case "noop":
        break;
    }
  }
  for (const n of plan.notices) lines.push(`  i ${n.slug}  (${n.sourcePath}): ${n.message}`);
  const noops = plan.items.filter((i) => i.action === "noop").length;
  const summary =
    plan.changes === 0 && plan.conflicts === 0
      ? `No changes. ${noops} check${noops === 1 ? "" : "s"} already match${noops === 1 ? "es" : ""} the files.`
      : `Plan: ${count(plan, "create")} to create, ${count(plan, "update")} to change, ${count(plan, "delete")} to delete${plan.conflicts ? `, ${plan.conflicts} conflict${plan.conflicts === 1 ? "" : "s"}` : ""}; ${noops} unchanged.`;
  return [...lines, summary].join("\n");
}

const count = (plan: CodePlan, action: CodePlanItem["action"]) => plan.items.filter((i) => i.action === action).length;
