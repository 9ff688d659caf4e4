// Metric data points the emulator's own services produce (today: EventBridge's AWS/Events Invocations and
// FailedInvocations per rule), summed per minute and read back by CloudWatch GetMetricData. Kept 15 days, as
// CloudWatch keeps one-minute data, and persisted so delivery health survives a restart.
import { JsonSnapshot } from "./persistence";

/** One series: namespace, metric name and its dimensions (sorted "Name=Value" pairs joined by ","). */
export interface SeriesKey {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

interface Snapshot {
  version: 1;
  /** series key → minute (epoch ms of the minute's start) → sum */
  series: Record<string, Record<string, number>>;
}

const RETENTION_MS = 15 * 24 * 3600 * 1000;

export function seriesId(key: SeriesKey): string {
  const dims = Object.entries(key.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return `${key.namespace}|${key.metricName}|${dims}`;
}

export class MetricStore {
  private readonly series = new Map<string, Map<number, number>>();
  private readonly snapshot: JsonSnapshot<Snapshot>;

  constructor(stateDir: string) {
    this.snapshot = new JsonSnapshot<Snapshot>(stateDir, { file: "metrics.json", debounceMs: 1000 });
    const saved = this.snapshot.load();
    if (saved?.version === 1)
      for (const [id, points] of Object.entries(saved.series))
        this.series.set(id, new Map(Object.entries(points).map(([m, v]) => [Number(m), v])));
    this.snapshot.track(() => ({
      version: 1,
      series: Object.fromEntries([...this.series].map(([id, points]) => [id, Object.fromEntries(points)])),
    }));
  }

  /** Adds `value` to the series at time `at` (its minute). */
  add(key: SeriesKey, value: number, at: number = Date.now()): void {
    const id = seriesId(key);
    let points = this.series.get(id);
    if (!points) this.series.set(id, (points = new Map()));
    const minute = Math.floor(at / 60_000) * 60_000;
    points.set(minute, (points.get(minute) ?? 0) + value);
    this.prune(points, at);
    this.snapshot.changed();
  }

  /** The per-minute sums of a series within [start, end), oldest first. */
  points(key: SeriesKey, start: number, end: number): Array<{ minute: number; sum: number }> {
    const points = this.series.get(seriesId(key));
    if (!points) return [];
    return [...points]
      .filter(([m]) => m >= start && m < end)
      .sort(([a], [b]) => a - b)
      .map(([minute, sum]) => ({ minute, sum }));
  }

  /** Every series of a namespace (for ListMetrics-like lookups and tests). */
  keys(namespace?: string): string[] {
    return [...this.series.keys()].filter((k) => namespace === undefined || k.startsWith(`${namespace}|`));
  }

  private prune(points: Map<number, number>, now: number): void {
    for (const m of points.keys()) if (m < now - RETENTION_MS) points.delete(m);
  }

  clear(): void {
    this.series.clear();
    this.snapshot.clear();
  }

  async flush(): Promise<void> {
    await this.snapshot.flush();
  }
}
