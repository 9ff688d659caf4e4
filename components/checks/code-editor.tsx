"use client";

import { json } from "@codemirror/lang-json";
import { sql, StandardSQL } from "@codemirror/lang-sql";
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
}) {
  const extensions = useMemo(
    () => [
      language === "sql" ? sql({ dialect: StandardSQL, upperCaseKeywords: true }) : json(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label, id: `${id}-content` }),
    ],
    [language, label, id],
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
        basicSetup={BASIC_SETUP}
        // Tab moves to the next field, as everywhere else in the form (a keyboard user must not be trapped here).
        indentWithTab={false}
        editable={!readOnly}
        readOnly={readOnly}
        minHeight={minHeight}
        maxHeight="28rem"
        theme="light"
      />
    </div>
  );
}
