import { describe, expect, it } from "vitest";
import { recordAwsCall, recordLoopTick, recordSyncPass } from "./record";
import { metrics } from "./registry";
import { bearerMatches, metricsAccess } from "./token";

describe("bearerMatches", () => {
  const token = "s3cret-token-0123456789";
  it("accepts exactly the configured bearer token", () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });
  it("refuses a missing, different or malformed token", () => {
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Basic ${token}`, token)).toBe(false);
  });
});

describe("metricsAccess", () => {
  const metricsToken = "prometheus-token-0123456789";
  it("allows METRICS_TOKEN or an admin service token, nothing else", () => {
    const base = { metricsToken, serviceToken: null };
    expect(metricsAccess({ ...base, authorization: `Bearer ${metricsToken}` })).toBe("allowed");
    expect(metricsAccess({ ...base, authorization: "Bearer acc_admin", serviceToken: { role: "admin" } })).toBe(
      "allowed",
    );
    expect(metricsAccess({ ...base, authorization: "Bearer acc_op", serviceToken: { role: "operator" } })).toBe(
      "refused",
    );
    expect(metricsAccess({ ...base, authorization: "Bearer wrong" })).toBe("refused");
    expect(metricsAccess({ ...base, authorization: null })).toBe("refused");
    // Without METRICS_TOKEN only an admin service token opens it.
    expect(metricsAccess({ metricsToken: undefined, authorization: "Bearer x", serviceToken: null })).toBe("refused");
    expect(metricsAccess({ metricsToken: undefined, authorization: "Bearer x", serviceToken: { role: "admin" } })).toBe(
      "allowed",
    );
  });
});

describe("metrics", () => {
  it("exposes AWS calls by operation and error code, loop lag and indexed executions in Prometheus text", async () => {
    recordAwsCall("events", "ListRules", undefined);
    recordAwsCall("events", "ListRules", Object.assign(new Error("slow down"), { name: "ThrottlingException" }));
    recordLoopTick("reconcile", { leader: true, lagMs: 1500 });
    recordSyncPass({
      listCalls: 1,
      describeCalls: 3,
      athenaCalls: 0,
      added: 3,
      updated: 1,
      reachedKnown: true,
      failures: [],
      deferred: 0,
      verdicts: [
        { checkSlug: "root-login", verdict: "FAIL" },
        { checkSlug: "root-login", verdict: "FAIL" },
        { checkSlug: "iam-changes", verdict: "PASS" },
      ],
    });
    const text = await metrics().registry.metrics();
    expect(text).toContain('acc_aws_calls_total{service="events",operation="ListRules",code=""} 1');
    expect(text).toContain('acc_aws_calls_total{service="events",operation="ListRules",code="ThrottlingException"} 1');
    expect(text).toContain('acc_background_loop_lag_seconds{loop="reconcile"} 1.5');
    expect(text).toContain('acc_background_loop_leader{loop="reconcile"} 1');
    expect(text).toContain('acc_executions_indexed_total{kind="added"} 3');
    expect(text).toContain("# TYPE acc_reconcile_pass_duration_seconds histogram");
    expect(text).toContain('acc_check_verdicts_total{check="root-login",verdict="FAIL"} 2');
    expect(text).toContain('acc_check_verdicts_total{check="iam-changes",verdict="PASS"} 1');
  });
});
