// Fires schedule rules (cron / rate, UTC, minute resolution) with AWS's scheduled-event shape.
// The clock can be moved forward for tests (advance), which fires every occurrence that falls inside the
// skipped span in time order; missed occurrences while the emulator was down are not replayed (like AWS).
import { compileSchedule, type Schedule } from "./engines";
import type { StoredRule } from "./store";

export interface SchedulerDeps {
  /** Current rules (read on every tick, so PutRule / DeleteRule / Enable / Disable take effect at once). */
  rules(): StoredRule[];
  /** Fires one occurrence of a schedule rule at the scheduled minute. */
  fire(rule: StoredRule, scheduledAt: Date): void;
}

/** At most this many occurrences per rule in one advance() (e.g. rate(1 minute) over a week). */
const MAX_FIRES_PER_ADVANCE = 20_000;

export class RuleScheduler {
  private offsetMs = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Per rule: the expression and enabled state the next time was computed for, and that next time. */
  private readonly nextFire = new Map<string, { key: string; schedule: Schedule; anchor: Date; at: number }>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** The emulator's notion of now (real time plus any advance). */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Starts the minute timer. */
  start(): void {
    this.refresh(this.now());
    this.arm();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Back to real time, forgetting computed fire times (used by reset). */
  resetClock(): void {
    this.offsetMs = 0;
    this.nextFire.clear();
    this.refresh();
    if (this.timer) this.arm();
  }

  /** Re-reads rules after a change (new/changed schedules count from now). */
  refresh(now: Date = this.now()): void {
    const seen = new Set<string>();
    for (const rule of this.deps.rules()) {
      if (!rule.ScheduleExpression || rule.State === "DISABLED") continue;
      seen.add(rule.Name);
      const key = `${rule.ScheduleExpression}|${rule.createdAt}`;
      const current = this.nextFire.get(rule.Name);
      if (current && current.key === key) continue;
      const compiled = compileSchedule(rule.ScheduleExpression);
      if (!compiled.ok) continue;
      // rate(...) counts whole periods from the rule's creation minute (one-minute resolution: fires land on
      // minute boundaries); cron ignores the anchor.
      const anchor = new Date(Math.floor(rule.createdAt / 60_000) * 60_000);
      this.nextFire.set(rule.Name, {
        key,
        schedule: compiled.schedule,
        anchor,
        at: nextTime(compiled.schedule, now, anchor),
      });
    }
    for (const name of [...this.nextFire.keys()]) if (!seen.has(name)) this.nextFire.delete(name);
  }

  /** Moves the clock forward by `ms` and fires everything due in between, in time order. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new Error("advance needs a non-negative duration");
    this.offsetMs += ms;
    const fired = this.tick();
    this.arm();
    return fired;
  }

  /** When each enabled schedule rule fires next (ISO), for the debug endpoint. */
  upcoming(): Record<string, string> {
    this.refresh();
    return Object.fromEntries(
      [...this.nextFire]
        .filter(([, n]) => Number.isFinite(n.at))
        .map(([name, n]) => [name, new Date(n.at).toISOString()]),
    );
  }

  /** Fires every occurrence due up to now; returns how many fired. */
  tick(): number {
    this.refresh();
    const now = this.now().getTime();
    const due: Array<{ rule: StoredRule; at: number }> = [];
    const byName = new Map(this.deps.rules().map((r) => [r.Name, r]));
    for (const [name, entry] of this.nextFire) {
      const rule = byName.get(name);
      if (!rule) continue;
      let count = 0;
      while (entry.at <= now && count < MAX_FIRES_PER_ADVANCE) {
        due.push({ rule, at: entry.at });
        entry.at = nextTime(entry.schedule, new Date(entry.at), entry.anchor);
        count++;
      }
      if (entry.at <= now) entry.at = nextTime(entry.schedule, new Date(now), entry.anchor);
    }
    due.sort((a, b) => a.at - b.at);
    for (const d of due) this.deps.fire(d.rule, new Date(d.at));
    return due.length;
  }

  // Wakes just after the next minute boundary (schedules have one-minute resolution).
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    const now = this.now().getTime();
    const nextMinute = Math.floor(now / 60_000) * 60_000 + 60_000;
    this.timer = setTimeout(
      () => {
        try {
          this.tick();
        } catch (err) {
          console.error("[emulator] events scheduler tick failed:", err);
        }
        this.arm();
      },
      nextMinute - now + 5,
    );
    this.timer.unref();
  }
}

/** The next fire time in epoch ms, or Infinity when the schedule never fires again (a cron in past years). */
function nextTime(schedule: Schedule, after: Date, anchor: Date): number {
  const next = schedule.next(after, anchor);
  return next ? next.getTime() : Number.POSITIVE_INFINITY;
}
