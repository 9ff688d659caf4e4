// Long identifiers (ARNs, S3 URIs, JSON lines holding them) wrap where a reader expects: after ':' and '/' (and
// ',' in JSON), never in the middle of "role" or "stateMachine". CSS alone cannot say "break here first":
// `break-all` splits anywhere; <wbr> marks the preferred points and `wrap-anywhere` is only the last resort.
import { Fragment } from "react";

/** `text` with a line-break opportunity after every ':' '/' ','. */
export function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[:/,])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

/**
 * JSON, pretty-printed, that wraps instead of being cut off: each line is its own block with a hanging indent, so
 * a wrapped ARN continues under its own line rather than at the left edge. The indentation stays in the text, so
 * copying the box gives the same JSON.
 */
export function WrappingJson({ value, label }: { value: unknown; label: string }) {
  const lines = JSON.stringify(value, null, 2).split("\n");
  return (
    <pre
      aria-label={label}
      className="overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-4 text-xs leading-relaxed whitespace-pre-wrap wrap-anywhere"
    >
      {lines.map((line, i) => {
        const indent = line.length - line.trimStart().length;
        return (
          <span key={i} className="block" style={{ paddingLeft: `${indent + 4}ch`, textIndent: `-${indent + 4}ch` }}>
            <Breakable text={line} />
          </span>
        );
      })}
    </pre>
  );
}
