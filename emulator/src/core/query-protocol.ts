// The AWS query protocol (SNS speaks it: `POST /` with a form-encoded body `Action=Publish&Version=2010-03-31&...`,
// answered in XML). Flattened members are decoded into the same nested shapes the JSON services receive
// (`Tags.member.1.Key` → Tags[0].Key, `Attributes.entry.1.key/value` → Attributes{key: value}), and an operation's
// output is written back as `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...`.

/** A map in an XML answer (`<entry><key/><value/></entry>`), as opposed to a structure. */
export class XmlMap {
  constructor(readonly entries: Record<string, unknown>) {}
}

type Tree = { [key: string]: Tree | string };

/** Decodes a form body into { Action, Version, params } with lists and maps rebuilt. */
export function parseQueryBody(raw: string): { action: string; version: string; params: Record<string, unknown> } {
  const form = new URLSearchParams(raw);
  const tree: Tree = {};
  let action = "";
  let version = "";
  for (const [key, value] of form) {
    if (key === "Action") action = value;
    else if (key === "Version") version = value;
    else {
      const parts = key.split(".");
      let node = tree;
      parts.forEach((part, i) => {
        if (i === parts.length - 1) node[part] = value;
        else {
          const next = node[part];
          node = typeof next === "object" ? next : (node[part] = {});
        }
      });
    }
  }
  return { action, version, params: normalize(tree) as Record<string, unknown> };
}

function byIndex(node: Tree): Array<Tree | string> {
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k]!);
}

function normalize(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === "member" && typeof node.member === "object")
    return byIndex(node.member).map(normalize);
  if (keys.length === 1 && keys[0] === "entry" && typeof node.entry === "object") {
    const out: Record<string, unknown> = {};
    for (const e of byIndex(node.entry)) {
      if (typeof e !== "object") continue;
      const k = e.key ?? e.Name;
      const v = e.value ?? e.Value;
      if (typeof k === "string" && v !== undefined) out[k] = normalize(v);
    }
    return out;
  }
  return Object.fromEntries(keys.map((k) => [k, normalize(node[k]!)]));
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

function toXml(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof XmlMap)
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${toXml(v)}</value></entry>`)
      .join("");
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join("");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object")
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join("");
  return escapeXml(String(value));
}

/** The XML answer of a successful call. */
export function queryResponseXml(action: string, namespace: string, output: unknown, requestId: string): string {
  const hasResult = output !== undefined && output !== null && Object.keys(output as object).length > 0;
  return (
    `<${action}Response xmlns="${namespace}">` +
    (hasResult ? `<${action}Result>${toXml(output)}</${action}Result>` : "") +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** The XML answer of a failed call (`Sender` for 4xx, `Receiver` for 5xx). */
export function queryErrorXml(
  namespace: string,
  code: string,
  message: string,
  status: number,
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
