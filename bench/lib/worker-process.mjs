// Starts the built notification worker (apps/notification-worker/dist/main.js, what `pnpm start` runs) the
// way its own tests do (test/app-process.ts): PORT=0, traces off, ready when it logs "listening on <url>".
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { peakRssBytes } from "./peak-rss.mjs";

const APP_DIRECTORY = new URL("../../apps/notification-worker/", import.meta.url).pathname;
const OUTPUT_KEPT = 64 * 1024;

export async function startWorkerProcess({ environment = {}, core } = {}) {
  if (!existsSync(`${APP_DIRECTORY}dist/main.js`)) {
    throw new Error(
      `${APP_DIRECTORY}dist/main.js is missing: build it first (pnpm --filter @periscope/notification-worker build)`,
    );
  }
  const command = [process.execPath, "dist/main.js"];
  const [file, ...args] = core === undefined ? command : ["taskset", "-c", String(core), ...command];
  const child = spawn(file, args, {
    cwd: APP_DIRECTORY,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", OTEL_TRACES_EXPORTER: "none", ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (data) => {
    output = (output + data).slice(-OUTPUT_KEPT);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`notification worker did not start in 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const match = output.match(/listening on (http:\/\/[^\s"]+)/);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve(match[1]);
    };
    child.stdout.on("data", onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`notification worker exited (code ${code}, signal ${signal}):\n${output}`));
    });
  });

  let stopping;
  return {
    url,
    peakRssBytes: () => peakRssBytes(child.pid),
    output: () => output,
    /** SIGTERM (its graceful shutdown), SIGKILL after 15 s. Idempotent. */
    stop() {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      })();
      return stopping;
    },
  };
}
