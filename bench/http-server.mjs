// One benchmark server: `node http-server.mjs <variant>`, started by http-overhead.mjs with an IPC channel.
// Variants: bare (Express only), periscope (@periscope/metrics), prom-bundle (express-prom-bundle).
// It reports its port when listening, and its CPU time between "cpu-start" and "cpu-stop" messages.
import { createMetrics } from "@periscope/metrics";
import { metricsMiddleware } from "@periscope/metrics/express";
import express from "express";
import promBundle from "express-prom-bundle";
import { Registry } from "prom-client";

function createApp(variant) {
  const app = express();
  if (variant === "periscope") {
    const metrics = createMetrics({ exemplars: false });
    app.use(metricsMiddleware(metrics));
    app.get("/metrics", metrics.handler());
  } else if (variant === "prom-bundle") {
    app.use(promBundle({ includeMethod: true, includePath: true, promRegistry: new Registry() }));
  } else if (variant !== "bare") {
    throw new Error(`unknown variant "${variant}"; expected bare, periscope or prom-bundle`);
  }
  app.get("/hello", (_request, response) => {
    response.send("hello");
  });
  return app;
}

function main() {
  const variant = process.argv[2];
  if (!process.send) throw new Error("http-server.mjs is started by http-overhead.mjs (it needs an IPC channel)");
  const server = createApp(variant).listen(0, "127.0.0.1", () => {
    process.send({ type: "ready", port: server.address().port });
  });
  let cpuAtStart = process.cpuUsage();
  let wallAtStart = performance.now();
  process.on("message", (message) => {
    if (message.type === "cpu-start") {
      cpuAtStart = process.cpuUsage();
      wallAtStart = performance.now();
      process.send({ type: "cpu-started" });
    } else if (message.type === "cpu-stop") {
      const { user, system } = process.cpuUsage(cpuAtStart);
      const wallMicroseconds = (performance.now() - wallAtStart) * 1000;
      process.send({ type: "cpu", user, system, wallMicroseconds });
    } else if (message.type === "exit") {
      server.close();
      server.closeAllConnections();
      process.disconnect();
    }
  });
}

main();
