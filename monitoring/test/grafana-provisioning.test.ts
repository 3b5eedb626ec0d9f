import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROVISIONED_UIDS } from "../dashboards/datasources.js";
import { MONITORING } from "./paths.js";

const provisioning = join(MONITORING, "grafana/provisioning");
const datasources = parse(readFileSync(join(provisioning, "datasources/datasources.yml"), "utf8"))
  .datasources as Array<{
  uid: string;
  type: string;
  jsonData?: Record<string, unknown>;
}>;
const byUid = (uid: string) => datasources.find((datasource) => datasource.uid === uid);

describe("Grafana provisioning", () => {
  it("provides Prometheus, a trace store and Loki under the UIDs the dashboards use", () => {
    expect(byUid(PROVISIONED_UIDS.prometheus)?.type).toBe("prometheus");
    expect(byUid(PROVISIONED_UIDS.traces)?.type).toBe("jaeger");
    expect(byUid(PROVISIONED_UIDS.logs)?.type).toBe("loki");
  });

  it("links Prometheus exemplars (trace_id) and Loki's trace_id field to the trace data source", () => {
    expect(byUid("prometheus")?.jsonData?.exemplarTraceIdDestinations).toEqual([
      { name: "trace_id", datasourceUid: PROVISIONED_UIDS.traces },
    ]);
    const [field] = (byUid("loki")?.jsonData?.derivedFields ?? []) as Array<{
      name: string;
      matcherRegex: string;
      datasourceUid: string;
      url: string;
    }>;
    expect(field?.datasourceUid).toBe(PROVISIONED_UIDS.traces);
    expect(field?.url).toBe("$${__value.raw}");
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const logLine = JSON.stringify({ level: "info", message: "GET /tasks 200", trace_id: traceId });
    expect(new RegExp(field?.matcherRegex ?? "^$").exec(logLine)?.[1]).toBe(traceId);
  });

  it("loads the dashboards from the folder docker-compose mounts", () => {
    const providers = parse(readFileSync(join(provisioning, "dashboards/periscope.yml"), "utf8")).providers;
    expect(providers[0].options.path).toBe("/var/lib/grafana/dashboards/periscope");
    expect(existsSync(join(MONITORING, "grafana/dashboards/service-overview.json"))).toBe(true);
  });
});
