"use client";

import { useMemo, useState } from "react";
import { ecsFieldErrors, ecsPatternText, type EcsFields } from "@/lib/checks/ecs-builder";
import { recognizeEcsStoppedPattern } from "@/lib/checks/ecs-pattern";
import { checkSpecSchema, fieldErrorsFrom, type CheckDraft, type FieldErrors } from "@/lib/checks/schema";
import { slugFromName } from "@/lib/checks/slug";
import { countPlaceholders } from "@/lib/checks/sql-placeholders";
import type { TriggerMode } from "./trigger-editor";

const EMPTY_ECS: EcsFields = { clusterArn: "", command: "", exitCode: "0" };

function initialTrigger(initial: CheckDraft): {
  mode: TriggerMode;
  ecs: EcsFields;
  patternText: string;
  expression: string;
} {
  if (initial.trigger.kind === "schedule")
    return { mode: "schedule", ecs: EMPTY_ECS, patternText: "", expression: initial.trigger.expression };
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(initial.trigger.patternText);
  } catch {
    parsed = null;
  }
  const ecs = recognizeEcsStoppedPattern(parsed);
  if (ecs) {
    return {
      mode: "ecs",
      ecs: {
        clusterArn: ecs.clusterArn,
        command: ecs.command ?? "",
        exitCode: ecs.exitCode === null ? "" : String(ecs.exitCode),
      },
      patternText: initial.trigger.patternText,
      expression: "",
    };
  }
  return { mode: "pattern", ecs: EMPTY_ECS, patternText: initial.trigger.patternText, expression: "" };
}

/** Which touched-area an error path belongs to (errors show once that area was edited, or after Save). */
function areaOf(path: string): string {
  const head = path.split(".")[0] ?? "";
  return head === "parameters" ? "sql" : head;
}

/**
 * The check form's draft: what the operator typed, the draft it makes, and which errors to show where. Validates
 * with the same schema as the server; a field's errors show once its area was edited or a save was tried, and a
 * server's error about a field goes away when that field changes.
 */
export function useCheckDraft({
  mode,
  initial,
  rulePrefix,
}: {
  mode: "create" | "edit";
  initial: CheckDraft;
  rulePrefix: string;
}) {
  const start = useMemo(() => initialTrigger(initial), [initial]);
  const [base, setBase] = useState<CheckDraft>(initial);
  const [triggerMode, setTriggerMode] = useState<TriggerMode>(start.mode);
  const [ecs, setEcs] = useState<EcsFields>(start.ecs);
  const [patternText, setPatternText] = useState(start.patternText);
  const [expression, setExpression] = useState(start.expression);
  const [slugEdited, setSlugEdited] = useState(mode === "edit");
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const schema = useMemo(() => checkSpecSchema({ rulePrefix }), [rulePrefix]);

  const draft: CheckDraft = useMemo(
    () => ({
      ...base,
      trigger:
        triggerMode === "schedule"
          ? { kind: "schedule", expression }
          : { kind: "eventPattern", patternText: triggerMode === "ecs" ? ecsPatternText(ecs) : patternText },
    }),
    [base, triggerMode, expression, ecs, patternText],
  );

  const clientErrors = useMemo(() => {
    const r = schema.safeParse(draft);
    return r.success ? {} : fieldErrorsFrom(r.error);
  }, [schema, draft]);
  const builderErrors = triggerMode === "ecs" ? ecsFieldErrors(ecs) : {};

  const visible = (path: string): string[] | undefined => {
    const fromClient = submitted || touched.has(areaOf(path)) ? (clientErrors[path] ?? []) : [];
    const fromServer = serverErrors[path] ?? [];
    const all = [...new Set([...fromClient, ...fromServer])];
    return all.length > 0 ? all : undefined;
  };
  const errorsFor = (prefix: string) => {
    const out: Record<string, string[] | undefined> = {};
    for (const k of new Set([...Object.keys(clientErrors), ...Object.keys(serverErrors)]))
      if (k === prefix || k.startsWith(`${prefix}.`)) out[k] = visible(k);
    return out;
  };

  const touch = (area: string) => {
    setTouched((t) => (t.has(area) ? t : new Set(t).add(area)));
    // A server error about this area is stale once the operator changes it.
    setServerErrors((e) => {
      const keys = Object.keys(e).filter((k) => areaOf(k) === area || (area === "name" && k === "slug"));
      if (keys.length === 0) return e;
      const copy = { ...e };
      for (const k of keys) delete copy[k];
      return copy;
    });
  };

  const update = <K extends keyof CheckDraft>(key: K, value: CheckDraft[K]) => {
    setBase((d) => {
      const next = { ...d, [key]: value };
      if (key === "name" && !slugEdited) next.slug = slugFromName(String(value), rulePrefix);
      return next;
    });
    touch(String(key));
  };

  return {
    mode,
    initial,
    rulePrefix,
    /** The fields outside the trigger, as typed. */
    base,
    /** What a save sends: the fields and the trigger the chosen editor makes. */
    draft,
    update,
    /** The slug stops following the name once the operator types one. */
    editSlug: (slug: string) => {
      setSlugEdited(true);
      update("slug", slug);
    },
    trigger: {
      mode: triggerMode,
      ecs,
      patternText,
      expression,
      setMode: (m: TriggerMode) => {
        setTriggerMode(m);
        // Opening the raw editor from the builder starts from the builder's pattern, so nothing is retyped.
        if (m === "pattern" && triggerMode === "ecs" && ecs.clusterArn.trim() !== "")
          setPatternText(ecsPatternText(ecs));
      },
      setEcs: (f: EcsFields) => {
        setEcs(f);
        touch("trigger");
      },
      setPatternText: (t: string) => {
        setPatternText(t);
        touch("trigger");
      },
      setExpression: (x: string) => {
        setExpression(x);
        touch("trigger");
      },
      ecsErrors: submitted || touched.has("trigger") ? builderErrors : {},
    },
    placeholders: countPlaceholders(base.sql),
    /** The errors to show beside one field, or undefined. */
    visible,
    /** The shown errors of every field under a prefix ("parameters", "expectation"). */
    errorsFor,
    /** Whether the draft breaks a rule (a save would be refused before reaching the server). */
    invalid: Object.keys(clientErrors).length + Object.keys(builderErrors).length > 0,
    submitted,
    /** Anything typed since the form opened. */
    dirty: touched.size > 0,
    markSubmitted: () => setSubmitted(true),
    /** The field errors of a refused save, shown beside their fields until those change. */
    setServerErrors,
  };
}

export type CheckDraftState = ReturnType<typeof useCheckDraft>;
