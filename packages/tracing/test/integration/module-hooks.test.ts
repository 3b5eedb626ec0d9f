import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { ensureBuilt, packageDir } from "../ensure-built.js";
import { SPAN_KIND, startOtlpReceiver } from "../otlp-receiver.js";

const run = promisify(execFile);
const fixtures = join(packageDir, "test/fixtures");

describe("outgoing HTTP client spans in a real process", () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let downstream: { url: string; close: () => Promise<void> };
  const traceparents: Record<string, string | undefined> = {};

  beforeAll(async () => {
    ensureBuilt();
    receiver = await startOtlpReceiver();
    downstream = await listen((request, response) => {
      traceparents[request.url ?? ""] = request.headers.traceparent as string | undefined;
      response.end("ok");
    });
  }, 120_000);

  afterAll(async () => {
    await downstream?.close();
    await receiver?.close();
  });

  function env(serviceName: string) {
    return {
      ...process.env,
      OTEL_SERVICE_NAME: serviceName,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "10",
      DOWNSTREAM_URL: downstream.url,
    };
  }

  it("ESM app with `node --import ./instrument.mjs` (default and named imports of node:http)", async () => {
    await run(process.execPath, ["--import", "./instrument.mjs", "app.mjs"], {
      cwd: fixtures,
      env: env("esm-app"),
      timeout: 30_000,
    });
    const spans = (
      await receiver.waitForSpans((all) => all.filter((s) => s.resource["service.name"] === "esm-app").length >= 2)
    ).filter((span) => span.resource["service.name"] === "esm-app");
    const paths = spans.map((span) => new URL(String(span.attributes["url.full"])).pathname).sort();
    expect(paths).toEqual(["/default-import", "/named-import"]);
    for (const span of spans) {
      expect(span.kind).toBe(SPAN_KIND.client);
      expect(span.attributes["http.response.status_code"]).toBe(200);
    }
    const defaultImport = spans.find((span) => String(span.attributes["url.full"]).endsWith("/default-import"));
    expect(traceparents["/default-import"]).toBe(`00-${defaultImport?.traceId}-${defaultImport?.spanId}-01`);
  });

  it("CommonJS app with `node --require ./instrument.cjs`", async () => {
    await run(process.execPath, ["--require", "./instrument.cjs", "app.cjs"], {
      cwd: fixtures,
      env: env("cjs-app"),
      timeout: 30_000,
    });
    const spans = (
      await receiver.waitForSpans((all) => all.some((s) => s.resource["service.name"] === "cjs-app"))
    ).filter((span) => span.resource["service.name"] === "cjs-app");
    expect(spans).toHaveLength(1);
    expect(spans[0]?.kind).toBe(SPAN_KIND.client);
    expect(String(spans[0]?.attributes["url.full"])).toBe(`${downstream.url}/from-commonjs`);
    expect(traceparents["/from-commonjs"]).toBe(`00-${spans[0]?.traceId}-${spans[0]?.spanId}-01`);
  });
});
