import { createSampleApi } from "./app.js";
import { readServerConfig } from "./config.js";

const { port, host } = readServerConfig(process.env, 3000);
const { app, metrics } = createSampleApi();

const server = app.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  console.log(`sample-api listening on http://${host}:${actualPort}`);
});

function stop(signal: string) {
  console.log(`sample-api received ${signal}, closing`);
  server.close(() => {
    void metrics.shutdown().then(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
