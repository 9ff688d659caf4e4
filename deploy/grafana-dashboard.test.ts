// The dashboard reads only metrics the console exports (a renamed metric would leave a panel silently empty).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { metrics } from "@/lib/metrics/registry";

describe("deploy/grafana-dashboard.json", () => {
  it("every metric a panel queries exists in the registry", async () => {
    const dashboard = JSON.parse(readFileSync(path.join(__dirname, "grafana-dashboard.json"), "utf8")) as {
      panels: Array<{ targets: Array<{ expr: string }> }>;
    };
    const exported = new Set((await metrics().registry.getMetricsAsJSON()).map((m) => m.name));
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/acc_[a-z_]+/g) ?? [])));
    expect(used.size).toBeGreaterThan(5);
    // What the issue asks the dashboard to show.
    for (const wanted of [
      "acc_reconcile_pass_duration_seconds_bucket",
      "acc_reconcile_changes_applied_total",
      "acc_reconcile_drift_found_total",
      "acc_checks",
      "acc_executions_indexed_total",
      "acc_check_verdicts_total",
      "acc_aws_calls_total",
      "acc_background_loop_lag_seconds",
    ]) {
      expect(used, wanted).toContain(wanted);
    }
    for (const name of used) expect(exported, name).toContain(name.replace(/_bucket$/, ""));
  });
});
