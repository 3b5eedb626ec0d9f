import { gaugeThresholdRule } from "../builders.js";
import type { RuleGroup } from "../types.js";
import { common, type PeriscopeRuleOptions } from "./common.js";
import { NODE_EXPORTER_METRICS, PROCESS_METRICS } from "./external-metrics.js";

const GIBIBYTE = 1024 ** 3;

/** Process memory (prom-client default metrics) and disk space (node_exporter). */
export function systemRules(options: PeriscopeRuleOptions): RuleGroup {
  return {
    name: "system",
    rules: [
      gaugeThresholdRule({
        ...common(options, "warning", "15m", {
          name: "HighMemoryUsage",
          summary: "{{ $labels.instance }} uses more than 2 GiB of memory",
          description:
            "{{ $labels.instance }} has had {{ $value | humanize }}B resident for 15 minutes (threshold 2 GiB). Take a heap snapshot or profile before restarting; compare with traffic to tell a leak from load.",
        }),
        gauge: { metric: PROCESS_METRICS.residentMemory },
        aggregate: "max",
        by: ["instance"],
        op: ">",
        threshold: 2 * GIBIBYTE,
      }),
      gaugeThresholdRule({
        ...common(options, "warning", "30m", {
          name: "DiskSpaceLow",
          summary: "{{ $labels.mountpoint }} on {{ $labels.instance }} has less than 20% free",
          description:
            "{{ $labels.mountpoint }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} of its space free (threshold 20%). Find what grows (logs, profiles, database files) and free or extend the volume.",
        }),
        gauge: { metric: NODE_EXPORTER_METRICS.filesystemAvailable },
        divideBy: { metric: NODE_EXPORTER_METRICS.filesystemSize },
        aggregate: "sum",
        by: ["instance", "mountpoint"],
        op: "<",
        threshold: 0.2,
      }),
    ],
    tests: [
      {
        alertname: "HighMemoryUsage",
        series: { 'process_resident_memory_bytes{instance="10.0.0.7:3000",job="sample-api"}': `${3 * GIBIBYTE}x30` },
        at: "20m",
        expect: [{ labels: { instance: "10.0.0.7:3000" }, value: 3 * GIBIBYTE }],
      },
      {
        alertname: "HighMemoryUsage",
        series: { 'process_resident_memory_bytes{instance="10.0.0.7:3000",job="sample-api"}': `${GIBIBYTE}x30` },
        at: "20m",
        expect: [],
      },
      {
        alertname: "DiskSpaceLow",
        series: {
          'node_filesystem_avail_bytes{instance="10.0.0.7:9100",mountpoint="/",fstype="ext4"}': "10x40",
          'node_filesystem_size_bytes{instance="10.0.0.7:9100",mountpoint="/",fstype="ext4"}': "100x40",
        },
        at: "35m",
        expect: [{ labels: { instance: "10.0.0.7:9100", mountpoint: "/" }, value: 0.1 }],
      },
      {
        alertname: "DiskSpaceLow",
        series: {
          'node_filesystem_avail_bytes{instance="10.0.0.7:9100",mountpoint="/",fstype="ext4"}': "50x40",
          'node_filesystem_size_bytes{instance="10.0.0.7:9100",mountpoint="/",fstype="ext4"}': "100x40",
        },
        at: "35m",
        expect: [],
      },
    ],
  };
}
