import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { MONITORING } from "./paths.js";

const compose = parse(readFileSync(join(MONITORING, "docker-compose.yml"), "utf8"), { merge: true });
type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
};
const services = compose.services as Record<string, Service>;

describe("docker-compose.yml", () => {
  it("runs Prometheus, Alertmanager, Grafana, Jaeger, Loki with Promtail, node_exporter and the two apps", () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        "alertmanager",
        "grafana",
        "jaeger",
        "loki",
        "node-exporter",
        "notification-worker",
        "prometheus",
        "promtail",
        "sample-api",
      ].sort(),
    );
    for (const [name, service] of Object.entries(services)) {
      expect(service.image ?? service.build, `${name} has neither image nor build`).toBeDefined();
    }
  });

  it("mounts only files and folders that exist in the repository", () => {
    const mounts = Object.values(services).flatMap((service) => service.volumes ?? []);
    const local = mounts.map((mount) => mount.split(":")[0] ?? "").filter((source) => source.startsWith("."));
    expect(local.length).toBeGreaterThanOrEqual(6);
    for (const source of local) expect(existsSync(resolve(MONITORING, source)), source).toBe(true);
  });

  it("builds the apps from the repository with node:20 and starts each with pnpm --filter, on 0.0.0.0 inside", () => {
    for (const [name, port] of [
      ["sample-api", "3000"],
      ["notification-worker", "3001"],
    ] as const) {
      const service = services[name];
      expect(service?.build?.context).toBe("..");
      const dockerfile = resolve(MONITORING, service?.build?.context ?? "", service?.build?.dockerfile ?? "");
      expect(readFileSync(dockerfile, "utf8")).toMatch(/^FROM node:20/m);
      expect(existsSync(`${dockerfile}.dockerignore`)).toBe(true);
      expect(service?.command).toEqual(["pnpm", "--filter", `@periscope/${name}`, "start"]);
      expect(service?.environment).toMatchObject({ HOST: "0.0.0.0", PORT: port });
      expect(service?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe("http://jaeger:4318");
    }
  });

  it("gives node_exporter the host's filesystems read-only, under the root it is told", () => {
    expect(services["node-exporter"]?.volumes).toEqual(["/:/host:ro,rslave"]);
    expect(services["node-exporter"]?.command).toContain("--path.rootfs=/host");
  });

  it("enables exemplar storage and OTLP, and points each config at its mounted file", () => {
    expect(services.prometheus?.command).toContain("--enable-feature=exemplar-storage");
    expect(services.prometheus?.command).toContain("--config.file=/etc/prometheus/prometheus.yml");
    expect(services.jaeger?.environment?.COLLECTOR_OTLP_ENABLED).toBe("true");
    expect(services.alertmanager?.volumes).toContain(
      "./alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro",
    );
  });
});

describe("kubernetes/sample-api.yaml", () => {
  const documents = parseAllDocuments(readFileSync(join(MONITORING, "kubernetes/sample-api.yaml"), "utf8")).map(
    (document) => document.toJS(),
  );
  const deployment = documents.find((document) => document.kind === "Deployment");
  const pod = deployment?.spec.template;
  const container = pod?.spec.containers[0];
  const env = (name: string) => container?.env.find((variable: { name: string }) => variable.name === name)?.value;

  it("has a Deployment and a Service selecting its pods", () => {
    const service = documents.find((document) => document.kind === "Service");
    expect(service?.spec.selector).toEqual(deployment?.spec.selector.matchLabels);
    expect(pod?.metadata.labels).toMatchObject(deployment?.spec.selector.matchLabels);
  });

  it("probes /health/startup, /health/live and /health/ready", () => {
    expect(container?.startupProbe.httpGet.path).toBe("/health/startup");
    expect(container?.livenessProbe.httpGet.path).toBe("/health/live");
    expect(container?.readinessProbe.httpGet.path).toBe("/health/ready");
  });

  it("sleeps in preStop as long as HEALTH_DRAIN_DELAY_MS, within the grace period", () => {
    const drainSeconds = Number(env("HEALTH_DRAIN_DELAY_MS")) / 1000;
    const [sleep, seconds] = container?.lifecycle.preStop.exec.command ?? [];
    expect(sleep).toBe("sleep");
    expect(Number(seconds)).toBe(drainSeconds);
    // preStop + drain + request deadline (10 s) + hooks (10 s): the defaults of @periscope/health.
    expect(pod?.spec.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + drainSeconds + 10 + 10);
  });

  it("listens on 0.0.0.0 and carries the prometheus.io scrape annotations", () => {
    expect(env("HOST")).toBe("0.0.0.0");
    expect(pod?.metadata.annotations).toEqual({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": String(container?.ports[0].containerPort),
      "prometheus.io/path": "/metrics",
    });
  });
});
