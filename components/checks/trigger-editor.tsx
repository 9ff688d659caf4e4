"use client";

import { ecsPatternText, type EcsFields } from "@/lib/checks/ecs-builder";
import { parseEventPattern } from "@/lib/checks/event-pattern";
import { describeEventPattern } from "@/lib/checks/trigger-summary";
import { Field, FieldErrorList, inputClass } from "@/components/ui/field";
import { CodeEditor } from "./code-editor";
import { SchedulePreview } from "./schedule-preview";

export type TriggerMode = "ecs" | "pattern" | "schedule";
export type { EcsFields };

const SCHEDULE_EXAMPLES = [
  { label: "Every hour", expression: "rate(1 hour)" },
  { label: "Daily 12:00 UTC", expression: "cron(0 12 * * ? *)" },
  { label: "Weekdays 09:30 UTC", expression: "cron(30 9 ? * MON-FRI *)" },
  { label: "Every 15 minutes", expression: "rate(15 minutes)" },
];

/** The pattern in words while it is valid, so the operator sees what the JSON means. */
function PatternSummary({ text }: { text: string }) {
  const parsed = parseEventPattern(text);
  if (!parsed.ok) return null;
  return (
    <p
      data-testid="pattern-summary"
      className="mt-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-800"
    >
      {describeEventPattern(parsed.pattern)}
    </p>
  );
}

const MODES: { value: TriggerMode; label: string; hint: string }[] = [
  { value: "ecs", label: "ECS task stopped", hint: "Runs when a task (e.g. the log uploader) stops." },
  { value: "pattern", label: "Event pattern (JSON)", hint: "Any EventBridge event pattern." },
  { value: "schedule", label: "Schedule", hint: "cron(…) or rate(…), in UTC." },
];

/** The trigger chooser: the ECS-task-stopped builder, a raw pattern editor, or a schedule with its preview. */
export function TriggerEditor({
  mode,
  onModeChange,
  ecs,
  onEcsChange,
  ecsErrors,
  patternText,
  onPatternTextChange,
  expression,
  onExpressionChange,
  patternErrors,
  expressionErrors,
  now,
}: {
  mode: TriggerMode;
  onModeChange: (m: TriggerMode) => void;
  ecs: EcsFields;
  onEcsChange: (f: EcsFields) => void;
  ecsErrors: Record<string, string[]>;
  patternText: string;
  onPatternTextChange: (t: string) => void;
  expression: string;
  onExpressionChange: (e: string) => void;
  patternErrors?: string[];
  expressionErrors?: string[];
  now: Date;
}) {
  return (
    <div className="space-y-4">
      <div role="radiogroup" aria-label="Trigger kind" className="grid gap-2 sm:grid-cols-3">
        {MODES.map((m) => (
          <label
            key={m.value}
            className={`cursor-pointer rounded-md border px-3 py-2 text-sm has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-600 ${
              mode === m.value
                ? "border-zinc-900 bg-zinc-50 ring-1 ring-zinc-900"
                : "border-zinc-300 bg-white hover:border-zinc-400"
            }`}
          >
            <span className="flex items-center gap-2 font-medium">
              <input
                type="radio"
                name="trigger-mode"
                aria-label={m.label}
                value={m.value}
                checked={mode === m.value}
                onChange={() => onModeChange(m.value)}
                className="accent-zinc-900"
              />
              {m.label}
            </span>
            <span className="mt-0.5 block pl-5 text-xs text-zinc-500">{m.hint}</span>
          </label>
        ))}
      </div>

      {mode === "ecs" ? (
        <div className="space-y-4">
          <p className="text-sm text-zinc-600">
            Matches the <span className="font-medium">ECS Task State Change</span> event of a task in this cluster that
            has stopped. A task has several containers: the check runs when <span className="font-medium">any</span>{" "}
            container matches the exit code, and when the task was started with this container command override.
          </p>
          <div className="grid gap-4 md:grid-cols-[2fr_1fr_8rem]">
            <Field id="ecs-cluster-arn" label="Cluster ARN" errors={ecsErrors.clusterArn}>
              <input
                id="ecs-cluster-arn"
                className={inputClass(!!ecsErrors.clusterArn, "font-mono")}
                value={ecs.clusterArn}
                placeholder="arn:aws:ecs:us-east-1:123456789012:cluster/audit-log-shipper"
                onChange={(e) => onEcsChange({ ...ecs, clusterArn: e.target.value })}
                spellCheck={false}
              />
            </Field>
            <Field id="ecs-command" label="Container command" hint="Empty: any command." errors={ecsErrors.command}>
              <input
                id="ecs-command"
                className={inputClass(false, "font-mono")}
                value={ecs.command}
                placeholder="prod-aurora-cluster"
                onChange={(e) => onEcsChange({ ...ecs, command: e.target.value })}
                spellCheck={false}
              />
            </Field>
            <Field id="ecs-exit-code" label="Exit code" hint="Empty: any." errors={ecsErrors.exitCode}>
              <input
                id="ecs-exit-code"
                inputMode="numeric"
                className={inputClass(!!ecsErrors.exitCode, "font-mono tabular-nums")}
                value={ecs.exitCode}
                onChange={(e) => onEcsChange({ ...ecs, exitCode: e.target.value })}
              />
            </Field>
          </div>
          {Object.keys(ecsErrors).length === 0 && ecs.clusterArn.trim() !== "" ? (
            <PatternSummary text={ecsPatternText(ecs)} />
          ) : null}
          <div>
            <p className="text-sm font-medium text-zinc-800">The event pattern this produces</p>
            <pre
              data-testid="ecs-pattern-preview"
              className="mt-1.5 max-h-72 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs text-zinc-800"
            >
              {ecsPatternText(ecs)}
            </pre>
            <FieldErrorList errors={patternErrors} />
          </div>
        </div>
      ) : null}

      {mode === "pattern" ? (
        <Field
          id="trigger-pattern"
          label="Event pattern"
          hint='JSON, as in an EventBridge rule: every leaf is a list of alternatives, e.g. {"source": ["aws.ecs"]}. At most 2,048 characters.'
          errors={patternErrors}
        >
          <CodeEditor
            id="trigger-pattern"
            language="json"
            label="Event pattern"
            value={patternText}
            onChange={onPatternTextChange}
            invalid={!!patternErrors}
            minHeight="10rem"
          />
          <PatternSummary text={patternText} />
        </Field>
      ) : null}

      {mode === "schedule" ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            id="trigger-expression"
            label="Schedule expression"
            hint="cron(minutes hours day-of-month month day-of-week year) with ? in one day field, or rate(5 minutes). UTC."
            errors={expressionErrors}
          >
            <input
              id="trigger-expression"
              className={inputClass(!!expressionErrors, "font-mono")}
              value={expression}
              placeholder="cron(0 12 * * ? *)"
              onChange={(e) => onExpressionChange(e.target.value)}
              spellCheck={false}
            />
            <div className="mt-2 flex flex-wrap gap-1.5">
              {SCHEDULE_EXAMPLES.map((x) => (
                <button
                  key={x.expression}
                  type="button"
                  title={x.expression}
                  onClick={() => onExpressionChange(x.expression)}
                  className="rounded-full border border-zinc-300 bg-white px-2.5 py-0.5 text-xs text-zinc-700 hover:border-zinc-400 hover:bg-zinc-50"
                >
                  {x.label}
                </button>
              ))}
            </div>
          </Field>
          <div className="md:pt-6">
            <SchedulePreview expression={expression} now={now} />
          </div>
        </div>
      ) : null}
    </div>
  );
}
