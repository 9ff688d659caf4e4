"use server";
// The import page: YAML pasted or uploaded in the browser, planned and applied exactly like `npm run checks`
// (lib/checks/document.ts, code-plan.ts), through the checks' own server actions (each change validated, permission
// checked and audited as if made in the form). The plan is made again on apply: what the page showed is not trusted.
import { z } from "zod";
import { collectCheckFiles, formatProblem } from "@/lib/checks/document";
import { applyCodePlan, planCodeChanges, type AppliedItem, type CodePlan } from "@/lib/checks/code-plan";
import { draftFromSpec, sourcePathSchema } from "@/lib/checks/schema";
import { listChecks } from "@/lib/db/checks";
import { env } from "@/lib/env";
import { createCheckAction, deleteCheckAction, updateCheckAction } from "./checks";
import { defineAction } from "./client";
import { failureMessage, type ActionResult } from "./result";

const importInput = z.object({
  files: z
    .array(
      z.object({
        path: sourcePathSchema.refine((p) => /\.ya?ml$/i.test(p), "Name a .yaml or .yml file."),
        text: z.string().max(1024 * 1024, "At most 1 MiB of YAML at a time."),
      }),
    )
    .min(1, "Paste or upload at least one YAML document.")
    .max(50),
  prune: z.boolean().default(false),
  adopt: z.boolean().default(false),
});
export type ImportInput = z.input<typeof importInput>;

export interface ImportPlan {
  problems: string[];
  plan: CodePlan | null;
}

async function plan(input: z.output<typeof importInput>): Promise<ImportPlan> {
  const { checks, problems } = collectCheckFiles(input.files, { rulePrefix: env.RULE_PREFIX });
  if (problems.length) return { problems: problems.map(formatProblem), plan: null };
  const current = await listChecks();
  return {
    problems: [],
    plan: planCodeChanges(checks, current, {
      prune: input.prune,
      adopt: input.adopt,
      scope: input.files.map((f) => f.path),
    }),
  };
}

const planAction = defineAction({ name: "check.importPlan", input: importInput, handler: plan });

function orThrow<T>(r: ActionResult<T>, what: string): void {
  if (!r.ok) throw new Error(`${what}: ${failureMessage(r)}`);
}

const applyAction = defineAction({
  name: "check.importApply",
  input: importInput,
  handler: async (input): Promise<ImportPlan & { applied: AppliedItem[] }> => {
    const planned = await plan(input);
    if (!planned.plan) return { ...planned, applied: [] };
    const applied = await applyCodePlan(planned.plan, {
      create: async (spec, sourcePath) =>
        orThrow(await createCheckAction({ draft: draftFromSpec(spec), sourcePath }), "Not created"),
      update: async (item, spec, sourcePath) =>
        orThrow(
          await updateCheckAction({
            id: item.id,
            expectedVersion: item.version,
            draft: draftFromSpec(spec),
            sourcePath,
          }),
          "Not saved",
        ),
      remove: async (item) =>
        orThrow(
          await deleteCheckAction({ id: item.id, expectedVersion: item.version, confirmName: item.name }),
          "Not deleted",
        ),
    });
    return { ...planned, applied };
  },
});

export async function planImport(input: ImportInput): Promise<ActionResult<ImportPlan>> {
  return planAction(input);
}

export async function applyImport(input: ImportInput): Promise<ActionResult<ImportPlan & { applied: AppliedItem[] }>> {
  return applyAction(input);
}
