import { AGENT_METRICS, CACHE_METRICS, SCHEDULE_METRICS, TASK_METRICS } from "@periscope/metrics";
import { gaugeThresholdRule, ratioRule } from "../builders.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";

/** Agents, task queue, schedules and caches. */
export function workRules(options: PeriscopeRuleOptions): RuleGroup {
  return {
    name: "work",
    rules: [
      gaugeThresholdRule({
        ...common(options, "critical", "5m", {
          name: "NoActiveAgents",
          summary: "No agent is active",
          description:
            "{{ $value | humanize }} agents have been active for 5 minutes, so no task can be routed. Check agent heartbeats, their registration and the agent hosts.",
        }),
        gauge: { metric: AGENT_METRICS.active },
        aggregate: "sum",
        op: "==",
        threshold: 0,
      }),
      gaugeThresholdRule({
        ...common(options, "warning", "10m", {
          name: "TaskQueueDepthHigh",
          summary: "More than 100 tasks are waiting",
          description:
            "{{ $value | humanize }} tasks have been queued for 10 minutes (threshold 100). Check that workers and agents are consuming, then scale them or shed load.",
        }),
        gauge: { metric: TASK_METRICS.inQueue },
        aggregate: "sum",
        op: ">",
        threshold: 100,
      }),
      gaugeThresholdRule({
        ...common(options, "warning", "5m", {
          name: "ScheduledTaskMissed",
          summary: "Scheduled task {{ $labels.schedule }} has not run for over an hour",
          description:
            "Schedule {{ $labels.schedule }} last ran {{ $value | humanizeDuration }} ago (threshold 1h). Check the scheduler's process and leader lock, and the schedule's last failure.",
        }),
        gauge: { metric: SCHEDULE_METRICS.lastRun },
        transform: "age",
        aggregate: "max",
        by: ["schedule"],
        op: ">",
        threshold: 3600,
      }),
      ratioRule({
        ...common(options, "warning", "10m", {
          name: "LowCacheHitRate",
          summary: "Cache {{ $labels.cache }} hits less than half of lookups",
          description:
            "Cache {{ $labels.cache }} hit {{ $value | humanizePercentage }} of lookups over 10 minutes (threshold 50%). Check evictions, TTLs and whether keys changed in a deploy.",
        }),
        numerator: [{ metric: CACHE_METRICS.hits }],
        denominator: [{ metric: CACHE_METRICS.hits }, { metric: CACHE_METRICS.misses }],
        window: "10m",
        by: ["cache"],
        op: "<",
        threshold: 0.5,
      }),
    ],
    tests: [
      { alertname: "NoActiveAgents", series: { agents_active: "0x10" }, at: "8m", expect: [{ value: 0 }] },
      { alertname: "NoActiveAgents", series: { agents_active: "3x10" }, at: "8m", expect: [] },
      {
        alertname: "TaskQueueDepthHigh",
        series: { 'tasks_in_queue{priority="high"}': "80x20", 'tasks_in_queue{priority="low"}': "40x20" },
        at: "15m",
        expect: [{ value: 120 }],
      },
      {
        alertname: "TaskQueueDepthHigh",
        series: { 'tasks_in_queue{priority="high"}': "30x20", 'tasks_in_queue{priority="low"}': "40x20" },
        at: "15m",
        expect: [],
      },
      {
        alertname: "ScheduledTaskMissed",
        series: { 'scheduled_task_last_run_timestamp_seconds{schedule="nightly-report"}': "0x80" },
        at: "70m",
        expect: [{ labels: { schedule: "nightly-report" }, value: 4200 }],
      },
      {
        alertname: "ScheduledTaskMissed",
        series: { 'scheduled_task_last_run_timestamp_seconds{schedule="nightly-report"}': "0+60x80" },
        at: "70m",
        expect: [],
      },
      {
        alertname: "LowCacheHitRate",
        series: { 'cache_hits_total{cache="sessions"}': "0+12x30", 'cache_misses_total{cache="sessions"}': "0+48x30" },
        at: "25m",
        expect: [{ labels: { cache: "sessions" }, value: 0.2 }],
      },
      {
        alertname: "LowCacheHitRate",
        series: { 'cache_hits_total{cache="sessions"}': "0+48x30", 'cache_misses_total{cache="sessions"}': "0+12x30" },
        at: "25m",
        expect: [],
      },
    ],
  };
}
