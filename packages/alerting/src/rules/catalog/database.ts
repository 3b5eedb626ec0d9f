import { DATABASE_METRICS } from "@periscope/metrics";
import { gaugeThresholdRule } from "../builders.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";
import { HEALTH_CHECK_METRICS } from "./external-metrics.js";

export function databaseRules(options: PeriscopeRuleOptions): RuleGroup {
  const check = options.databaseCheck ?? "database";
  return {
    name: "database",
    rules: [
      gaugeThresholdRule({
        ...common(options, "critical", "2m", {
          name: "DatabaseUnhealthy",
          summary: "The database health check fails",
          description: `The "${check}" health check has reported fail for over 2 minutes (health_check_status = {{ $value | humanize }}). Check database reachability, credentials and the health check's last error.`,
        }),
        gauge: { metric: HEALTH_CHECK_METRICS.checkStatus, matchers: { check, status: "fail" } },
        aggregate: "max",
        op: "==",
        threshold: 1,
      }),
      gaugeThresholdRule({
        ...common(options, "critical", "2m", {
          name: "DatabasePoolNearlyExhausted",
          summary: "Database pool {{ $labels.database }} is nearly exhausted",
          description:
            "{{ $value | humanizePercentage }} of the {{ $labels.database }} connection pool is in use (threshold 90%). Look for slow queries and leaked connections before raising the pool size.",
        }),
        gauge: { metric: DATABASE_METRICS.connectionsActive },
        divideBy: { metric: DATABASE_METRICS.connectionsMax },
        aggregate: "sum",
        by: ["database"],
        op: ">=",
        threshold: 0.9,
      }),
    ],
    tests: [
      {
        alertname: "DatabaseUnhealthy",
        series: {
          [`health_check_status{check="${check}",critical="true",status="fail"}`]: "1x10",
          [`health_check_status{check="${check}",critical="true",status="pass"}`]: "0x10",
        },
        at: "5m",
        expect: [{ value: 1 }],
      },
      {
        alertname: "DatabaseUnhealthy",
        series: {
          [`health_check_status{check="${check}",critical="true",status="fail"}`]: "0x10",
          [`health_check_status{check="${check}",critical="true",status="pass"}`]: "1x10",
        },
        at: "5m",
        expect: [],
      },
      {
        alertname: "DatabasePoolNearlyExhausted",
        series: { 'db_connections_active{database="main"}': "18x10", 'db_connections_max{database="main"}': "20x10" },
        at: "5m",
        expect: [{ labels: { database: "main" }, value: 0.9 }],
      },
      {
        alertname: "DatabasePoolNearlyExhausted",
        series: { 'db_connections_active{database="main"}': "10x10", 'db_connections_max{database="main"}': "20x10" },
        at: "5m",
        expect: [],
      },
    ],
  };
}
