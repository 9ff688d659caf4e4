// Every query execution the emulator has seen, persisted under <dataDir>/athena/state.json so that
// GetQueryExecution and GetQueryResults keep working after a restart.
import { JsonSnapshot } from "../core/persistence";
import type { AthenaColumn } from "./athena-types";
import type { QueryFailure } from "./errors";
import type { StatementType } from "./statement";

export type QueryState = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export interface QueryRecord {
  id: string;
  query: string;
  statementType: StatementType;
  substatementType: string;
  workGroup: string;
  /** QueryExecutionContext as given ({} when absent). */
  context: { Database?: string; Catalog?: string };
  /** The OutputLocation the query was given or inherited (s3://...), without the file name. */
  outputLocation: string;
  /** Absolute path of the result file. */
  resultFile: string;
  parameters?: string[];
  clientRequestToken?: string;
  state: QueryState;
  stateChangeReason?: string;
  failure?: QueryFailure;
  submittedMs: number;
  startedMs?: number;
  completedMs?: number;
  dataScannedBytes: number;
  engineMs: number;
  planningMs: number;
  preProcessingMs: number;
  processingMs: number;
  columns?: AthenaColumn[];
  rowCount?: number;
  hasHeader?: boolean;
  /** Size of the result file. */
  resultBytes?: number;
}

interface Snapshot {
  queries: QueryRecord[];
}

/** Athena keeps query history for 45 days; the emulator also caps the count so the snapshot stays small. */
const HISTORY_MS = 45 * 86_400_000;
const MAX_QUERIES = 10_000;

export class QueryStore {
  private readonly byId = new Map<string, QueryRecord>();
  private readonly byToken = new Map<string, string>();
  private readonly snapshot: JsonSnapshot<Snapshot>;
  private addsSincePrune = 0;

  constructor(stateDir: string) {
    this.snapshot = new JsonSnapshot<Snapshot>(stateDir, { debounceMs: 500 });
    for (const q of this.snapshot.load()?.queries ?? []) this.index(q);
    this.snapshot.track(() => ({ queries: [...this.byId.values()] }));
  }

  /** The query with this id, if known. */
  get(id: string): QueryRecord | undefined {
    return this.byId.get(id);
  }

  /** The query started earlier with this ClientRequestToken, if any. */
  byClientToken(token: string): QueryRecord | undefined {
    const id = this.byToken.get(token);
    return id ? this.byId.get(id) : undefined;
  }

  /** All queries, newest first. */
  list(): QueryRecord[] {
    return [...this.byId.values()].sort((a, b) => b.submittedMs - a.submittedMs || (a.id < b.id ? 1 : -1));
  }

  /** Records a new query. */
  add(record: QueryRecord): void {
    this.index(record);
    // Pruning sorts the history: do it when over the cap or now and then, not on every query.
    if (this.byId.size > MAX_QUERIES || ++this.addsSincePrune >= 500) this.prune();
    this.changed();
  }

  /** Marks the store dirty after a record was mutated in place. */
  changed(): void {
    this.snapshot.changed();
  }

  async flush(): Promise<void> {
    await this.snapshot.flush();
  }

  /** Forgets one query, as Athena does after 45 days; true when it was known. */
  forget(id: string): boolean {
    const q = this.byId.get(id);
    if (!q) return false;
    this.byId.delete(id);
    if (q.clientRequestToken) this.byToken.delete(q.clientRequestToken);
    this.changed();
    return true;
  }

  /** Forgets every query. */
  clear(): void {
    this.byId.clear();
    this.byToken.clear();
    this.snapshot.clear();
  }

  private index(q: QueryRecord): void {
    this.byId.set(q.id, q);
    if (q.clientRequestToken) this.byToken.set(q.clientRequestToken, q.id);
  }

  private prune(): void {
    this.addsSincePrune = 0;
    const cutoff = Date.now() - HISTORY_MS;
    const excess = this.byId.size - MAX_QUERIES;
    const oldestFirst = [...this.byId.values()].sort((a, b) => a.submittedMs - b.submittedMs);
    let removed = 0;
    for (const q of oldestFirst) {
      const active = q.state === "QUEUED" || q.state === "RUNNING";
      if (active || (q.submittedMs >= cutoff && removed >= excess)) break;
      this.byId.delete(q.id);
      if (q.clientRequestToken) this.byToken.delete(q.clientRequestToken);
      removed++;
    }
  }
}
