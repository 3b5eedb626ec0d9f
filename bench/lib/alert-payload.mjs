// Alertmanager v4 webhook bodies for the notification-worker benchmark, shaped like the worker's own test
// payloads (apps/notification-worker/test/payloads.ts, TypeScript, so not importable from here): one firing
// alert per body, told apart by its `instance` label (the worker fingerprints alerts by their labels).

export function firingPayload(instance) {
  return {
    version: "4",
    groupKey: `{}:{alertname="BenchAlert",instance="${instance}"}`,
    truncatedAlerts: 0,
    status: "firing",
    receiver: "notification-worker",
    groupLabels: { alertname: "BenchAlert", instance },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: "http://alertmanager.local",
    alerts: [
      {
        status: "firing",
        labels: { alertname: "BenchAlert", service: "bench", severity: "critical", instance },
        annotations: { summary: `bench alert on ${instance}` },
        startsAt: "2026-01-01T00:00:00.000Z",
        endsAt: "0001-01-01T00:00:00Z",
        generatorURL: "http://prometheus.local/graph",
        fingerprint: "0123456789abcdef",
      },
    ],
  };
}
