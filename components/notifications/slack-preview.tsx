// A Slack message roughly as Slack shows it: Block Kit header, section (mrkdwn: *bold*, `code`, ```blocks```,
// <url|label> links), fields, context and dividers. Enough to see what a notification says; not a full renderer.
import type { ReactNode } from "react";

type Block = Record<string, unknown>;

function textOf(t: unknown): string {
  return t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string"
    ? (t as { text: string }).text
    : "";
}

/** Slack mrkdwn to elements: code blocks, inline code, bold, italics and links. */
function Mrkdwn({ text }: { text: string }) {
  const parts = text.split(/(```[\s\S]*?```)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("```") && p.endsWith("```") && p.length >= 6 ? (
          <pre key={i} className="my-1 overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs">
            {p.slice(3, -3).replace(/^\n/, "")}
          </pre>
        ) : (
          <span key={i} className="whitespace-pre-wrap">
            {inline(p)}
          </span>
        ),
      )}
    </>
  );
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(`[^`]+`|\*[^*\n]+\*|_[^_\n]+_|<[^>|]+\|[^>]+>|<https?:[^>]+>)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const t = m[0];
    if (t.startsWith("`"))
      out.push(
        <code key={k++} className="rounded bg-zinc-100 px-1 font-mono text-xs text-red-700">
          {t.slice(1, -1)}
        </code>,
      );
    // Bold may hold a link (the check name links to its run).
    else if (t.startsWith("*")) out.push(<strong key={k++}>{inline(t.slice(1, -1))}</strong>);
    else if (t.startsWith("_")) out.push(<em key={k++}>{t.slice(1, -1)}</em>);
    else {
      const [href, label] = t.slice(1, -1).split("|");
      out.push(
        <a key={k++} href={href} className="text-blue-700 hover:underline" rel="noreferrer">
          {label ?? href}
        </a>,
      );
    }
    last = m.index + t.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function BlockView({ block }: { block: Block }) {
  switch (block.type) {
    case "header":
      return <p className="text-base font-bold text-zinc-900">{textOf(block.text)}</p>;
    case "divider":
      return <hr className="border-zinc-200" />;
    case "context":
      return (
        <p className="text-xs text-zinc-500">
          {((block.elements as unknown[]) ?? []).map((e, i) => (
            <span key={i} className="mr-2">
              <Mrkdwn text={textOf(e)} />
            </span>
          ))}
        </p>
      );
    case "section":
    default:
      return (
        <div className="text-sm text-zinc-800">
          {block.text ? <Mrkdwn text={textOf(block.text)} /> : null}
          {Array.isArray(block.fields) ? (
            <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1">
              {(block.fields as unknown[]).map((f, i) => (
                <div key={i}>
                  <Mrkdwn text={textOf(f)} />
                </div>
              ))}
            </div>
          ) : null}
        </div>
      );
  }
}

/** One received Slack payload (`{ text, blocks }`). */
export function SlackPreview({ payload }: { payload: unknown }) {
  const p = (payload && typeof payload === "object" ? payload : {}) as { text?: unknown; blocks?: unknown };
  const blocks = Array.isArray(p.blocks) ? (p.blocks as Block[]) : [];
  return (
    <div className="flex gap-3">
      <div
        aria-hidden
        className="mt-0.5 size-8 shrink-0 rounded bg-zinc-800 text-center text-xs leading-8 font-bold text-white"
      >
        AC
      </div>
      <div className="min-w-0 flex-1 space-y-1.5">
        <p className="text-sm font-bold text-zinc-900">
          Audit Checks{" "}
          <span className="ml-1 rounded bg-zinc-200 px-1 text-[10px] font-semibold text-zinc-600">APP</span>
        </p>
        {blocks.length ? (
          blocks.map((b, i) => <BlockView key={i} block={b} />)
        ) : (
          <p className="text-sm whitespace-pre-wrap text-zinc-800">
            {typeof p.text === "string" ? p.text : JSON.stringify(payload, null, 2)}
          </p>
        )}
      </div>
    </div>
  );
}
