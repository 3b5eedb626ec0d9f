// One benchmark server: `node http-server.mjs <variant>`, started by http-overhead.mjs with an IPC channel.
// The variant (variants/<variant>.mjs) is imported before Express, so tracing can patch modules first; its
// install(app) runs before the /hello route, its optional installAfterRoutes(app) (error handlers) after it.
// It reports its port when listening, and its CPU time between "cpu-start" and "cpu-stop" messages.

async function createApp(variant) {
  if (!/^[a-z0-9-]+$/.test(variant ?? "")) throw new Error(`bad variant name "${variant}"`);
  const setup = await import(`./variants/${variant}.mjs`);
  const { default: express } = await import("express");
  const app = express();
  await setup.install(app);
  app.get("/hello", (_request, response) => {
    response.send("hello");
  });
  // Error handlers go after the routes, where an app puts them.
  await setup.installAfterRoutes?.(app);
  return { app, setup };
}

async function main() {
  const variant = process.argv[2];
  if (!process.send) throw new Error("http-server.mjs is started by http-overhead.mjs (it needs an IPC channel)");
  const { app, setup } = await createApp(variant);
  const server = app.listen(0, "127.0.0.1", () => {
    process.send({ type: "ready", port: server.address().port });
  });
  // The harness gone (killed, crashed): nobody will stop this server.
  process.once("disconnect", () => process.exit(0));
  let cpuAtStart = process.cpuUsage();
  let wallAtStart = performance.now();
  process.on("message", async (message) => {
    if (message.type === "cpu-start") {
      cpuAtStart = process.cpuUsage();
      wallAtStart = performance.now();
      process.send({ type: "cpu-started" });
    } else if (message.type === "cpu-stop") {
      const { user, system } = process.cpuUsage(cpuAtStart);
      const wallMicroseconds = (performance.now() - wallAtStart) * 1000;
      process.send({ type: "cpu", user, system, wallMicroseconds, stats: setup.stats?.() ?? {} });
    } else if (message.type === "exit") {
      server.close();
      server.closeAllConnections();
      await setup.shutdown?.();
      process.disconnect();
    }
  });
}

await main();
