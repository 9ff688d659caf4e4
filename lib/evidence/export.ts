// The evidence package for an auditor: for chosen checks and a period, one zip with, per check, its definition at
// each generation in force during the period, every run as CSV, each kept result snapshot as CSV, and a
// manifest.json with the SHA-256 and size of every file.
//
// Streamed end to end: files are added one at a time, each produced by a generator that reads the database in
// keyset batches, and the zip library pulls the next chunk only when the HTTP response has taken the previous one.
// A year of hourly runs of ten checks is thus never in memory; the manifest (one line per file) is the only thing
// that grows with the package. No "server-only": the integration test and the benchmark build packages directly.

import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import yazl from "yazl";
import { z } from "zod";
import { CHECK_SPEC_FIELDS, type Check } from "@/lib/checks/types";
import { checkDefinitionEvents } from "@/lib/db/audit-events";
import { runsOfCheck } from "@/lib/db/executions";
import { snapshotsOfCheck, streamSnapshotRows } from "@/lib/db/result-snapshots";
import { athenaQueryCost } from "@/lib/executions/athena-cost";
import type { ResultColumn } from "@/lib/executions/result-columns";
import { csvHeaderLine, csvLine, rowsCsvChunks } from "@/lib/executions/results-csv";
import { isUuid } from "@/lib/uuid";
import { isReadable } from "@/lib/snapshots/types";

// ── The request ──────────────────────────────────────────────────────────────────────────────────────────────────

export const MAX_EXPORT_CHECKS = 50;
/** Longest period one package covers (days). */
export const MAX_EXPORT_DAYS = 3 * 366;

const day = z
  .string({ message: "Enter a date." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Enter a real date.");

/** What the export page submits: checks, and the first and last day of the period (UTC, both included). */
export const evidenceRequestSchema = z
  .object({
    checkIds: z
      .array(z.string().refine(isUuid, "Unknown check."))
      .min(1, "Choose at least one check.")
      .max(MAX_EXPORT_CHECKS, `Choose at most ${MAX_EXPORT_CHECKS} checks.`),
    from: day,
    to: day,
  })
  .superRefine((r, ctx) => {
    const from = Date.parse(`${r.from}T00:00:00Z`);
    const to = Date.parse(`${r.to}T00:00:00Z`);
    if (to < from) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day is before the first." });
    else if ((to - from) / 86_400_000 + 1 > MAX_EXPORT_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_EXPORT_DAYS} days in one package.` });
  });
export type EvidenceRequest = z.infer<typeof evidenceRequestSchema>;

/** The request from a query string (`check` repeated, `from`, `to`). */
export function evidenceRequestFrom(params: URLSearchParams) {
  return evidenceRequestSchema.safeParse({
    checkIds: params.getAll("check"),
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  });
}

/** [from 00:00, day after `to` 00:00) in UTC. */
export function windowOf(r: EvidenceRequest): { from: Date; to: Date } {
  const to = new Date(`${r.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1);
  return { from: new Date(`${r.from}T00:00:00Z`), to };
}

// ── Parts of a check's folder ────────────────────────────────────────────────────────────────────────────────────

export interface ExportFile {
  /** Path inside the check's folder. */
  path: string;
  content: () => AsyncIterable<string>;
}

export interface CheckExportContext {
  check: Check;
  window: { from: Date; to: Date };
}

/**
 * One part of a check's folder: yields its files. Findings (with their history and acknowledgements) plug in here
 * as another part once their tables exist: append it to CHECK_PARTS.
 */
export type CheckPart = (ctx: CheckExportContext) => AsyncIterable<ExportFile>;

// Definitions: every generation in force during the period, rebuilt from the audit trail.

export interface Generation {
  generation: number;
  /** null: before the audit trail began. */
  inForceFrom: string | null;
  /** null: still in force. */
  inForceUntil: string | null;
  changedBy: string | null;
  spec: Record<string, unknown>;
}

/**
 * The check's generations, newest last. Walks the trail back from the current definition, undoing each
 * spec-changing event with its `before` values (each such event made one generation), so checks created before the
 * trail existed still get their later generations right; what predates the trail is one generation of unknown start.
 */
export async function generationsOf(check: Check): Promise<Generation[]> {
  const events = await checkDefinitionEvents(check.id);
  let spec: Record<string, unknown> = Object.fromEntries(CHECK_SPEC_FIELDS.map((f) => [f, check[f]]));
  let generation = check.generation;
  let until: string | null = null;
  const out: Generation[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const diff = e.diff ?? {};
    if (e.action === "check.delete" || Object.keys(diff).length === 0) continue;
    out.push({ generation, inForceFrom: e.at.toISOString(), inForceUntil: until, changedBy: e.actorName, spec });
    if (e.action === "check.create") return out.reverse();
    spec = { ...spec };
    for (const [field, change] of Object.entries(diff)) spec[field] = change.before;
    until = e.at.toISOString();
    generation = Math.max(1, generation - 1);
  }
  out.push({ generation, inForceFrom: null, inForceUntil: until, changedBy: null, spec });
  return out.reverse();
}

const definitionsPart: CheckPart = async function* ({ check, window }) {
  const all = await generationsOf(check);
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const inForce = all.filter(
    (g) => (g.inForceFrom === null || g.inForceFrom < to) && (g.inForceUntil === null || g.inForceUntil > from),
  );
  const body = {
    check: { id: check.id, slug: check.slug, name: check.name },
    period: { from, to },
    note: "Each generation is the check's definition from inForceFrom until inForceUntil (UTC); null inForceFrom: before the audit trail began.",
    generations: inForce,
  };
  yield {
    path: "definition.json",
    content: async function* () {
      yield `${JSON.stringify(body, null, 2)}\n`;
    },
  };
};

// Runs.

const text = (name: string): ResultColumn => ({ name, type: "varchar", kind: "text", align: "left" });
const num = (name: string): ResultColumn => ({ name, type: "double", kind: "float", align: "right" });

export const RUN_COLUMNS: ResultColumn[] = [
  text("execution"),
  text("started_at"),
  text("stopped_at"),
  text("status"),
  text("trigger"),
  text("actor"),
  num("check_generation"),
  text("verdict"),
  text("first_value"),
  num("preview_rows"),
  num("data_scanned_bytes"),
  num("cost_usd"),
  text("query_execution_id"),
  text("error"),
];

const runsPart: CheckPart = async function* ({ check, window }) {
  yield {
    path: "runs.csv",
    content: async function* () {
      yield csvHeaderLine(RUN_COLUMNS.map((c) => c.name));
      let chunk = "";
      let n = 0;
      for await (const r of runsOfCheck(check.id, window)) {
        const cost =
          r.queryExecutionId && r.dataScannedBytes !== null
            ? athenaQueryCost({ state: r.queryState, dataScannedBytes: r.dataScannedBytes }).usd
            : null;
        chunk += csvLine(
          [
            r.name,
            r.startDate.toISOString(),
            r.stopDate?.toISOString() ?? null,
            r.status,
            r.triggerKind,
            r.actorName,
            r.checkGeneration === null ? null : String(r.checkGeneration),
            r.verdict,
            r.firstValue,
            r.previewRowCount === null ? null : String(r.previewRowCount),
            r.dataScannedBytes === null ? null : String(r.dataScannedBytes),
            cost === null ? null : cost.toFixed(8),
            r.queryExecutionId,
            r.error,
          ],
          RUN_COLUMNS,
        );
        if (++n % 500 === 0) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    },
  };
};

// Snapshots: an index of every snapshot of the period, and one CSV per snapshot holding rows.

export const SNAPSHOT_INDEX_COLUMNS: ResultColumn[] = [
  text("execution"),
  text("started_at"),
  text("state"),
  num("rows"),
  num("bytes"),
  text("cut"),
  text("file"),
  text("reason"),
];

const snapshotFile = (executionName: string) => `snapshots/${executionName.replace(/[^\w.-]/g, "_")}.csv`;

const snapshotsPart: CheckPart = async function* ({ check, window }) {
  yield {
    path: "snapshots.csv",
    content: async function* () {
      yield csvHeaderLine(SNAPSHOT_INDEX_COLUMNS.map((c) => c.name));
      for await (const s of snapshotsOfCheck(check.id, window)) {
        yield csvLine(
          [
            s.executionName,
            s.startDate.toISOString(),
            s.state.toLowerCase(),
            String(s.rowCount),
            String(s.bytes),
            s.cutReason === "rows"
              ? `first ${s.maxRows} rows`
              : s.cutReason === "bytes"
                ? `first ${s.maxBytes} bytes`
                : null,
            isReadable(s) ? snapshotFile(s.executionName) : null,
            s.error,
          ],
          SNAPSHOT_INDEX_COLUMNS,
        );
      }
    },
  };
  for await (const s of snapshotsOfCheck(check.id, window)) {
    if (!isReadable(s)) continue;
    yield {
      path: snapshotFile(s.executionName),
      content: () => rowsCsvChunks(s.columns ?? [], streamSnapshotRows(s.id)),
    };
  }
};

/** The parts of each check's folder, in order. */
export const CHECK_PARTS: CheckPart[] = [definitionsPart, runsPart, snapshotsPart];

// ── The zip ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  kind: "audit-checks-evidence";
  exportedAt: string;
  exportedBy: string;
  period: { from: string; to: string; note: string };
  checks: { id: string; slug: string; name: string; folder: string }[];
  files: ManifestEntry[];
}

export const checkFolder = (check: Pick<Check, "slug">) => `checks/${check.slug.replace(/[^\w.-]/g, "_")}`;

const README = `Evidence package of the Audit Checks Console.

manifest.json   what this package covers, and the SHA-256 and size of every other file in it
checks/<slug>/
  definition.json         the check's definition at each generation in force during the period
  runs.csv                every run started during the period: time, trigger, who, verdict, first value, cost
  snapshots.csv           each run's kept result: state, rows, cut (when the result exceeded the check's cap)
  snapshots/<run>.csv     the rows kept of that run's result

Times are UTC (ISO 8601). In CSV files an empty field is SQL NULL and "" is an empty string; text that a spreadsheet
would run as a formula starts with an apostrophe.
`;

/**
 * The package as a byte stream. `checks` are the chosen checks (already looked up); files are produced and hashed
 * one after another while the zip is read, and the manifest comes last.
 */
export function evidenceZip(
  checks: Check[],
  request: EvidenceRequest,
  meta: { exportedBy: string; exportedAt?: Date },
): Readable {
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const window = windowOf(request);
  const mtime = meta.exportedAt ?? new Date();
  let aborted = false;
  output.once("close", () => {
    aborted = true;
  });

  const add = async (path: string, content: AsyncIterable<string>): Promise<ManifestEntry> => {
    const hash = createHash("sha256");
    let bytes = 0;
    const source = Readable.from(
      (async function* () {
        for await (const chunk of content) {
          if (aborted) return;
          const buf = Buffer.from(chunk, "utf8");
          hash.update(buf);
          bytes += buf.length;
          yield buf;
        }
      })(),
    );
    const done = new Promise<void>((resolve, reject) => {
      source.once("end", resolve);
      source.once("error", reject);
      source.once("close", resolve);
    });
    zip.addReadStream(source, path, { mtime, compress: true });
    await done;
    return { path, bytes, sha256: hash.digest("hex") };
  };

  const manifest: Manifest = {
    kind: "audit-checks-evidence",
    exportedAt: mtime.toISOString(),
    exportedBy: meta.exportedBy,
    period: {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      note: `Runs started from ${request.from} 00:00 UTC up to and including ${request.to}.`,
    },
    checks: checks.map((c) => ({ id: c.id, slug: c.slug, name: c.name, folder: checkFolder(c) })),
    files: [],
  };

  (async () => {
    manifest.files.push(
      await add(
        "README.txt",
        (async function* () {
          yield README;
        })(),
      ),
    );
    for (const check of checks) {
      for (const part of CHECK_PARTS) {
        for await (const file of part({ check, window })) {
          if (aborted) return;
          manifest.files.push(await add(`${checkFolder(check)}/${file.path}`, file.content()));
        }
      }
    }
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), "manifest.json", { mtime });
    zip.end();
  })().catch((error: unknown) => {
    // Nothing can be said in a zip already on its way: the response aborts, so the download is visibly incomplete.
    console.error("[evidence] export failed:", error);
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return output;
}

export const evidenceFilename = (r: EvidenceRequest) => `evidence_${r.from}_${r.to}.zip`;
