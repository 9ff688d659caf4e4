// Persistent state of the states service under <stateDir>:
//   machines.json        every state machine (a JsonSnapshot: few, small records)
//   executions.jsonl     an append-only log of execution summaries (last line per ARN wins), so thousands of
//                        executions never mean rewriting one big file; compacted when it grows stale
//   executions/<h>.json  one file per execution with its input, output and full history, read on demand
// Only summaries live in memory for closed executions; details of recent ones sit in a small LRU cache.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { JsonSnapshot } from "../core/persistence";
import type { MachineType } from "./arns";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

export interface MachineRecord {
  arn: string;
  name: string;
  type: MachineType;
  definition: string;
  roleArn: string;
  /** Epoch seconds. */
  creationDate: number;
  updateDate?: number;
  revisionId: string;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
  encryptionConfiguration?: Record<string, unknown>;
  tags: Record<string, string>;
}

export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** Epoch seconds (fractions allowed). */
  startDate: number;
  stopDate?: number;
  error?: string;
  cause?: string;
}

/** One GetExecutionHistory event as AWS shapes it (timestamp in epoch seconds). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface ExecutionDetail {
  input: string;
  output?: string;
  history: HistoryEvent[];
}

interface LogLine {
  /** A summary upsert ... */
  s?: ExecutionSummary;
  /** ... or every execution of this machine removed (DeleteStateMachine). */
  deleteMachine?: string;
}

// Recently read/written execution details, bounded by count and by size (histories can be large).
const DETAIL_CACHE_ENTRIES = 256;
const DETAIL_CACHE_CHARS = 32 * 1024 * 1024;

export class StatesStore {
  readonly machines = new Map<string, MachineRecord>();
  readonly executions = new Map<string, ExecutionSummary>();
  /** Execution ARNs per machine in start order (oldest first): ListExecutions walks it backwards. */
  readonly byMachine = new Map<string, string[]>();
  private readonly snapshot: JsonSnapshot<MachineRecord[]>;
  private readonly logPath: string;
  private readonly detailDir: string;
  private readonly detailCache = new Map<string, { detail: ExecutionDetail; size: number }>();
  private detailCacheChars = 0;

  constructor(private readonly dir: string) {
    this.snapshot = new JsonSnapshot<MachineRecord[]>(dir, { file: "machines.json" });
    this.snapshot.track(() => [...this.machines.values()]);
    this.logPath = path.join(dir, "executions.jsonl");
    this.detailDir = path.join(dir, "executions");
    fs.mkdirSync(this.detailDir, { recursive: true });
  }

  /** Reads everything persisted; compacts the execution log when most of its lines are stale. */
  load(): void {
    for (const m of this.snapshot.load() ?? []) this.machines.set(m.arn, m);
    let text = "";
    try {
      text = fs.readFileSync(this.logPath, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    let lines = 0;
    for (const raw of text.split("\n")) {
      if (!raw) continue;
      lines++;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue; // a torn last line after a crash
      }
      if (line.s) this.indexSummary(line.s);
      else if (line.deleteMachine) this.dropMachineExecutions(line.deleteMachine);
    }
    if (lines > 2 * this.executions.size + 1000) this.compact();
  }

  /** Writes pending machine changes now. */
  flush(): void {
    this.snapshot.flushSync();
  }

  /** Creates or replaces a machine (written to disk shortly after, debounced). */
  putMachine(m: MachineRecord): void {
    this.machines.set(m.arn, m);
    this.snapshot.changed();
  }

  /** Removes a machine and every one of its executions (summaries and detail files). */
  deleteMachine(arn: string): void {
    this.machines.delete(arn);
    this.snapshot.changed();
    for (const execArn of this.byMachine.get(arn) ?? []) {
      fs.rmSync(this.detailPath(execArn), { force: true });
      this.uncache(execArn);
    }
    this.dropMachineExecutions(arn);
    this.append({ deleteMachine: arn });
  }

  /** Records a new execution with its initial detail (input, first events). */
  addExecution(summary: ExecutionSummary, detail: ExecutionDetail): void {
    this.indexSummary(summary);
    this.append({ s: summary });
    this.writeDetail(summary.executionArn, detail);
  }

  /** Persists a changed summary (status, stop date, error). */
  updateExecution(summary: ExecutionSummary): void {
    this.executions.set(summary.executionArn, summary);
    this.append({ s: summary });
  }

  /** Writes an execution's input/output/history file atomically. */
  writeDetail(executionArn: string, detail: ExecutionDetail): void {
    const text = JSON.stringify(detail);
    const file = this.detailPath(executionArn);
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
    this.cacheDetail(executionArn, detail, text.length);
  }

  /** The stored detail of an execution, or undefined when its file is gone. */
  readDetail(executionArn: string): ExecutionDetail | undefined {
    const cached = this.detailCache.get(executionArn);
    if (cached) {
      this.cacheDetail(executionArn, cached.detail, cached.size);
      return cached.detail;
    }
    try {
      const text = fs.readFileSync(this.detailPath(executionArn), "utf8");
      const detail = JSON.parse(text) as ExecutionDetail;
      this.cacheDetail(executionArn, detail, text.length);
      return detail;
    } catch {
      return undefined;
    }
  }

  /** Forgets everything, on disk too. */
  reset(): void {
    this.machines.clear();
    this.executions.clear();
    this.byMachine.clear();
    this.detailCache.clear();
    this.detailCacheChars = 0;
    this.snapshot.clear();
    fs.rmSync(this.logPath, { force: true });
    fs.rmSync(this.detailDir, { recursive: true, force: true });
    fs.mkdirSync(this.detailDir, { recursive: true });
  }

  private indexSummary(s: ExecutionSummary): void {
    if (!this.executions.has(s.executionArn)) {
      let list = this.byMachine.get(s.stateMachineArn);
      if (!list) this.byMachine.set(s.stateMachineArn, (list = []));
      list.push(s.executionArn);
    }
    this.executions.set(s.executionArn, s);
  }

  private dropMachineExecutions(machineArn: string): void {
    for (const execArn of this.byMachine.get(machineArn) ?? []) this.executions.delete(execArn);
    this.byMachine.delete(machineArn);
  }

  private append(line: LogLine): void {
    fs.appendFileSync(this.logPath, `${JSON.stringify(line)}\n`);
  }

  private compact(): void {
    const tmp = `${this.logPath}.tmp-${process.pid}`;
    const lines: string[] = [];
    for (const list of this.byMachine.values()) {
      for (const arn of list) lines.push(JSON.stringify({ s: this.executions.get(arn) }));
    }
    fs.writeFileSync(tmp, lines.length ? `${lines.join("\n")}\n` : "");
    fs.renameSync(tmp, this.logPath);
  }

  private cacheDetail(executionArn: string, detail: ExecutionDetail, size: number): void {
    this.uncache(executionArn);
    if (size > DETAIL_CACHE_CHARS / 4) return; // a huge history is read from disk each time
    this.detailCache.set(executionArn, { detail, size });
    this.detailCacheChars += size;
    while (this.detailCache.size > DETAIL_CACHE_ENTRIES || this.detailCacheChars > DETAIL_CACHE_CHARS) {
      const oldest = this.detailCache.keys().next().value;
      if (oldest === undefined) break;
      this.uncache(oldest);
    }
  }

  private uncache(executionArn: string): void {
    const entry = this.detailCache.get(executionArn);
    if (!entry) return;
    this.detailCache.delete(executionArn);
    this.detailCacheChars -= entry.size;
  }

  private detailPath(executionArn: string): string {
    return path.join(this.detailDir, `${crypto.createHash("sha1").update(executionArn).digest("hex")}.json`);
  }
}
