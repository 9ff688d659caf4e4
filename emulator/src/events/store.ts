// EventBridge state on the default bus: rules with their targets and tags, persisted as one JSON snapshot.
import { JsonSnapshot } from "../core/persistence";

export type RuleState = "ENABLED" | "DISABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

export interface Tag {
  Key: string;
  Value: string;
}

/** A target exactly as PutTargets received it (Id, Arn and the optional members), returned as is. */
export type StoredTarget = { Id: string; Arn: string } & Record<string, unknown>;

export interface StoredRule {
  Name: string;
  Arn: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: RuleState;
  Description?: string;
  RoleArn?: string;
  /** Epoch ms; schedules of rate(...) rules count from here. */
  createdAt: number;
  targets: StoredTarget[];
  tags: Tag[];
}

interface Snapshot {
  version: 1;
  rules: StoredRule[];
}

export class EventsStore {
  private readonly rules = new Map<string, StoredRule>();
  private readonly snapshot: JsonSnapshot<Snapshot>;

  constructor(stateDir: string) {
    this.snapshot = new JsonSnapshot<Snapshot>(stateDir);
    const saved = this.snapshot.load();
    if (saved?.version === 1) for (const rule of saved.rules) this.rules.set(rule.Name, rule);
    this.snapshot.track(() => ({ version: 1, rules: [...this.rules.values()] }));
  }

  /** The rule called `name`, if any. */
  get(name: string): StoredRule | undefined {
    return this.rules.get(name);
  }

  /** Every rule, sorted by name (the order ListRules pages through). */
  list(): StoredRule[] {
    return [...this.rules.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  /** Inserts or replaces a rule and schedules a save. */
  put(rule: StoredRule): void {
    this.rules.set(rule.Name, rule);
    this.changed();
  }

  /** Deletes a rule (no-op when absent) and schedules a save. */
  delete(name: string): void {
    if (this.rules.delete(name)) this.changed();
  }

  get size(): number {
    return this.rules.size;
  }

  /** Call after mutating a rule in place. */
  changed(): void {
    this.snapshot.changed();
  }

  /** Writes pending changes to disk now. */
  async flush(): Promise<void> {
    await this.snapshot.flush();
  }

  /** Forgets every rule, on disk too. */
  clear(): void {
    this.rules.clear();
    this.snapshot.clear();
  }
}
