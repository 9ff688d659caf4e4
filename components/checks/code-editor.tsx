"use client";

import { json } from "@codemirror/lang-json";
import { sql, StandardSQL } from "@codemirror/lang-sql";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { useMemo } from "react";

// Bracket closing and autocompletion fight with pasted text and with typing JSON by hand: keep the editor plain.
const BASIC_SETUP = {
  closeBrackets: false,
  autocompletion: false,
  foldGutter: false,
  highlightActiveLine: false,
  searchKeymap: false,
} as const;

/** Table and column completion for SQL: `database.table` → columns; `defaultSchema`'s tables complete unqualified. */
export interface SqlCompletionSchema {
  schema: Record<string, string[]>;
  defaultSchema?: string;
}

/** A CodeMirror 6 editor for SQL or JSON with syntax highlighting, sized for forms. */
export function CodeEditor({
  id,
  language,
  value,
  onChange,
  onBlur,
  invalid = false,
  minHeight = "8rem",
  readOnly = false,
  label,
  completion,
  extensions: extra,
  onCreateEditor,
  maxHeight = "28rem",
}: {
  id: string;
  language: "sql" | "json";
  value: string;
  onChange?: (value: string) => void;
  onBlur?: () => void;
  invalid?: boolean;
  minHeight?: string;
  readOnly?: boolean;
  label: string;
  /** SQL only: complete table and column names from this schema (autocompletion is on when given). */
  completion?: SqlCompletionSchema;
  /** More CodeMirror extensions (key bindings, lint); keep the array stable between renders. */
  extensions?: Extension[];
  onCreateEditor?: (view: EditorView) => void;
  maxHeight?: string;
}) {
  const extensions = useMemo(
    () => [
      language === "sql" ? sql({ dialect: StandardSQL, upperCaseKeywords: true, ...(completion ?? {}) }) : json(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label, id: `${id}-content` }),
      ...(extra ?? []),
    ],
    [language, label, id, completion, extra],
  );
  return (
    <div
      id={id}
      data-editor={language}
      onBlur={onBlur}
      className={`overflow-hidden rounded-md border bg-white shadow-xs focus-within:outline-2 focus-within:-outline-offset-1 ${
        invalid ? "border-red-400 focus-within:outline-red-500" : "border-zinc-300 focus-within:outline-blue-600"
      } ${readOnly ? "bg-zinc-50" : ""}`}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        basicSetup={completion ? { ...BASIC_SETUP, autocompletion: true } : BASIC_SETUP}
        onCreateEditor={onCreateEditor}
        // Tab moves to the next field, as everywhere else in the form (a keyboard user must not be trapped here).
        indentWithTab={false}
        editable={!readOnly}
        readOnly={readOnly}
        minHeight={minHeight}
        maxHeight={maxHeight}
        theme="light"
      />
    </div>
  );
}
