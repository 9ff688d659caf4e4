/**
 * JSON snapshot persistence for emulator services (usable by every service).
 *
 * Usage inside a service factory:
 *   const snap = new JsonSnapshot<MyState>(deps.stateDir);          // file <stateDir>/state.json
 *   const state: MyState = snap.load() ?? emptyState();             // synchronous, at startup
 *   snap.track(() => state);                                         // what to write
 *   ... after every mutation: snap.changed();                        // debounced write (default 100 ms)
 *   stop():  await snap.flush();                                     // write now if anything is pending
 *   reset(): snap.clear() or mutate state + snap.changed()
 *
 * Writes are atomic (write `<file>.tmp-<pid>` then rename), so a crash never leaves a half-written file; a
 * corrupt or unreadable file is moved aside to `<file>.corrupt-<time>` and load() returns undefined.
 * The state must be JSON-serialisable (Dates as numbers or ISO strings).
 */
import fs from "node:fs";
import path from "node:path";

export interface SnapshotOptions {
  /** File name inside the directory (default "state.json"). */
  file?: string;
  /** Delay that groups bursts of changes into one write (default 100 ms). */
  debounceMs?: number;
}

export class JsonSnapshot<T> {
  readonly filePath: string;
  private readonly debounceMs: number;
  private getState: (() => T) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(dir: string, options: SnapshotOptions = {}) {
    fs.mkdirSync(dir, { recursive: true });
    this.filePath = path.join(dir, options.file ?? "state.json");
    this.debounceMs = options.debounceMs ?? 100;
  }

  /** Reads the last snapshot; undefined when none exists or it cannot be parsed (the bad file is kept aside). */
  load(): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      fs.renameSync(this.filePath, `${this.filePath}.corrupt-${Date.now()}`);
      return undefined;
    }
  }

  /** Names the function that returns the state to write. */
  track(getState: () => T): void {
    this.getState = getState;
  }

  /** Schedules a write of the tracked state (debounced). */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeNow();
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes pending changes now (called on stop/close). */
  async flush(): Promise<void> {
    this.flushSync();
  }

  /** Synchronous flush, safe inside process exit handlers. */
  flushSync(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty) this.writeNow();
  }

  /** Deletes the snapshot file and forgets pending changes. */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    fs.rmSync(this.filePath, { force: true });
  }

  private writeNow(): void {
    if (!this.getState) return;
    this.dirty = false;
    writeJsonAtomic(this.filePath, this.getState());
  }
}

/** Writes JSON so that readers see either the old file or the complete new one. */
export function writeJsonAtomic(filePath: string, value: unknown): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const tmp = `${filePath}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, filePath);
}
