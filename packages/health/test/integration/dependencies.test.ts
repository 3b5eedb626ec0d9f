import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { listen } from "../../../metrics/test/http-server.js";
import { createHealth } from "../../src/create-health.js";
import { diskSpaceCheck, heapCheck, httpCheck, tcpCheck } from "../../src/index.js";
import { getJson, listenWithHealth } from "../health-server.js";

describe("built-in checks behind the probes", () => {
  it("follows real dependencies going down: critical fails readiness, non-critical degrades it", async () => {
    const dependency = await listen((_request, response) => response.end("ok"));
    const database = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => database.listen(0, "127.0.0.1", resolve));
    const databasePort = (database.address() as { port: number }).port;

    const health = createHealth({ drainDelayMs: 0 });
    const probes = await listenWithHealth(health);
    try {
      health.markStarted();
      health.addCheck("billing-api", httpCheck({ url: `${dependency.url}/ping` }), {
        critical: false,
        timeoutMs: 1000,
      });
      health.addCheck("database", tcpCheck({ host: "127.0.0.1", port: databasePort }), { timeoutMs: 1000 });
      health.addCheck("disk", diskSpaceCheck({ path: tmpdir(), minFreeRatio: 0 }));
      health.addCheck("heap", heapCheck({ maxRatio: 1 }));
      await health.refresh();
      expect(await getJson(`${probes.url}/health/ready`)).toMatchObject({ status: 200, body: { status: "pass" } });

      await dependency.close();
      await health.refresh();
      const degraded = await getJson(`${probes.url}/health`);
      expect(degraded).toMatchObject({ status: 200, body: { status: "degraded" } });
      expect(degraded.body.checks["billing-api"].message).toMatch(/^fetch failed: /);

      await new Promise((resolve) => database.close(resolve));
      await health.refresh();
      const failed = await getJson(`${probes.url}/health`);
      expect(failed).toMatchObject({ status: 503, body: { status: "fail" } });
      expect(failed.body.checks.database).toMatchObject({ status: "fail", critical: true });
      expect(failed.body.checks.database.message).toMatch(/ECONNREFUSED/);
      expect(failed.body.checks.disk.status).toBe("pass");
    } finally {
      await health.shutdown();
      await probes.close();
    }
  });
});
