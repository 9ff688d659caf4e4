"use client";

import { COMPARISON_OPS, EXPECTATION_KIND_LABEL, OP_SYMBOL } from "@/lib/checks/expectation";
import type { CheckDraft } from "@/lib/checks/schema";
import type { ComparisonOp } from "@/lib/checks/types";
import { FieldErrorList, inputClass } from "@/components/ui/field";

type ExpectationDraft = CheckDraft["expectation"];

const KINDS: ExpectationDraft["kind"][] = ["none", "noRows", "rowCount", "firstValue", "noUnacknowledgedFindings"];

/** What a passing run looks like: nothing, no rows, or a comparison on the row count or the first value. */
export function ExpectationEditor({
  value,
  onChange,
  errors,
}: {
  value: ExpectationDraft;
  onChange: (e: ExpectationDraft) => void;
  errors: Record<string, string[] | undefined>;
}) {
  const compared = value.kind === "rowCount" || value.kind === "firstValue";
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2">
        <select
          id="expectation-kind"
          aria-label="Expectation"
          className={inputClass(false, "w-64")}
          value={value.kind}
          onChange={(e) => {
            const kind = e.target.value as ExpectationDraft["kind"];
            if (kind === "rowCount" || kind === "firstValue")
              onChange({ kind, op: compared ? value.op : "eq", value: compared ? value.value : "0" });
            else onChange({ kind });
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {EXPECTATION_KIND_LABEL[k]}
            </option>
          ))}
        </select>
        {compared ? (
          <>
            <select
              aria-label="Comparison"
              className={inputClass(!!errors["expectation.op"], "w-20 text-center")}
              value={value.op}
              onChange={(e) => onChange({ ...value, op: e.target.value as ComparisonOp })}
            >
              {COMPARISON_OPS.map((op) => (
                <option key={op} value={op}>
                  {OP_SYMBOL[op]}
                </option>
              ))}
            </select>
            <input
              id="expectation-value"
              aria-label="Expected number"
              inputMode="decimal"
              className={inputClass(!!errors["expectation.value"], "w-32 font-mono tabular-nums")}
              value={String(value.value)}
              onChange={(e) => onChange({ ...value, value: e.target.value })}
            />
          </>
        ) : null}
      </div>
      <p className="mt-1.5 text-xs text-zinc-500">
        {value.kind === "none" && "Every successful run passes; use this to collect results only."}
        {value.kind === "noRows" && "The run passes when the query returns no rows."}
        {value.kind === "rowCount" && "Compares the number of rows the query returns."}
        {value.kind === "firstValue" && "Compares the first column of the first row, e.g. SELECT count(*) … = 0."}
        {value.kind === "noUnacknowledgedFindings" &&
          "The run passes when every row is a finding an operator acknowledged (rows are identified by the finding keys below)."}
      </p>
      <FieldErrorList errors={errors["expectation.op"]} />
      <FieldErrorList id="expectation-value-error" errors={errors["expectation.value"]} />
    </div>
  );
}
