// A small web server run through runWebServer, for scripts/lib/web-cluster.int.test.ts: each worker answers who it
// is, holds the reconcile lock for a moment on /lock, and serves every worker's metrics on /metrics.
import http from "node:http";
import { clusterMetrics, listenToClusterPrimary } from "@/lib/cluster/worker";
import { metrics } from "@/lib/metrics/registry";
import { withReconcileLock } from "@/lib/reconcile/lock";
import { runWebServer } from "../web-cluster";

const HOLD_MS = 150;

runWebServer({
  workers: Number(process.env.WORKERS ?? "2"),
  background: "on",
  log: (message) => console.log(`[primary] ${message}`),
  serve: () => {
    listenToClusterPrimary();
    metrics().awsCalls.inc({ service: "test", operation: "Start", code: "" });
    const server = http.createServer((req, res) => {
      const answer = (status: number, body: string) => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(body);
      };
      if (req.url === "/whoami") {
        return answer(
          200,
          JSON.stringify({
            pid: process.pid,
            slot: process.env.ACC_WEB_WORKER ?? null,
            background: process.env.ACC_BACKGROUND,
          }),
        );
      }
      if (req.url === "/lock") {
        void withReconcileLock(
          async () => {
            const start = Date.now();
            await new Promise((r) => setTimeout(r, HOLD_MS));
            return { pid: process.pid, start, end: Date.now() };
          },
          { waitMs: 10_000 },
        ).then((r) => answer(r.ran ? 200 : 409, JSON.stringify(r.ran ? r.value : null)));
        return;
      }
      if (req.url === "/metrics") {
        void clusterMetrics().then(
          (m) => answer(200, m.text),
          (error: unknown) => answer(503, String(error)),
        );
        return;
      }
      answer(404, "not found");
    });
    server.listen(Number(process.env.PORT ?? "0"), "127.0.0.1", () => {
      const address = server.address();
      console.log(`listening ${process.pid} ${typeof address === "object" && address ? address.port : ""}`);
    });
    process.on("SIGTERM", () => server.close(() => process.exit(0)));
  },
});
