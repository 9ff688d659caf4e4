// Log lines for a person at a terminal: `12:01:02 INFO  reconcile pass: 1 change applied  action=… outcome=ok`.
// `npm start` on a TTY passes its own and its children's JSON lines through this; anything else stays JSON.
const LEVEL_COLOR: Record<string, string> = {
  trace: "\x1b[90m",
  debug: "\x1b[90m",
  info: "\x1b[36m",
  warn: "\x1b[33m",
  error: "\x1b[31m",
  fatal: "\x1b[35m",
};
const RESET = "\x1b[0m";
/** Fields every line has; shown in the line's head or not at all. */
const HEAD = new Set(["level", "time", "msg", "service", "pid", "hostname"]);

/** The readable form of one pino JSON line; any other line comes back as it was. */
export function formatLogLine(line: string, opts: { color?: boolean } = {}): string {
  if (!line.startsWith("{")) return line;
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof rec.level !== "string" || typeof rec.msg !== "string") return line;
  const time = typeof rec.time === "string" ? rec.time.slice(11, 19) : "";
  const level = rec.level.toUpperCase().padEnd(5);
  const colored = opts.color ? `${LEVEL_COLOR[rec.level] ?? ""}${level}${RESET}` : level;
  const fields = Object.entries(rec)
    .filter(([k, v]) => !HEAD.has(k) && v !== undefined && v !== null)
    .map(([k, v]) => {
      if (k === "err" && v && typeof v === "object") {
        const e = v as { type?: string; message?: string; stack?: string };
        return `err=${e.type ?? "Error"}: ${e.message ?? ""}${e.stack ? `\n${e.stack}` : ""}`;
      }
      return `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`;
    });
  return `${time} ${colored} ${rec.msg}${fields.length ? `  ${fields.join(" ")}` : ""}`;
}
