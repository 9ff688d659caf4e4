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
    for (const name of used) expect(exported, name).toContain(name.replace(/_bucket$/, ""));
  });
});
