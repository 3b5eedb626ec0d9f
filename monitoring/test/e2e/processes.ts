import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Started {
  name: string;
  child: ChildProcess;
  output: () => string;
}

const started: Started[] = [];

/** Spawns a process, keeps its output for error messages, and remembers it for `stopAll`. */
export function startProcess(name: string, command: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (data: Buffer) => {
    output = (output + data.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("error", (error) => keep(Buffer.from(`\n[spawn error] ${error.message}\n`)));
  const handle = { name, child, output: () => output };
  started.push(handle);
  return handle;
}

/**
 * Starts a node script that logs `listening on http://HOST:PORT` (the apps do) and resolves with that URL and
 * the process (to stop it, and start it again on the same port by passing PORT).
 */
export async function startNodeApp(
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; app: Started }> {
  const app = startProcess(name, process.execPath, [script], { PORT: "0", HOST: "127.0.0.1", ...env });
  // The "listening on" line is logged at info: the apps must not run with LOG_LEVEL above info.
  const url = await waitFor(`${name} to listen`, 30_000, async () => {
    if (app.child.exitCode !== null) throw new Error(`${name} exited with ${app.child.exitCode}:\n${app.output()}`);
    return app.output().match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${app.output()}`);
  });
  return { url, app };
}

/** Resolves once `url` answers 200 (Prometheus and Alertmanager: `/-/ready`). */
export async function waitReady(service: Started, url: string): Promise<void> {
  await waitFor(`${service.name} at ${url}`, 30_000, async () => {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with ${service.child.exitCode}:\n${service.output()}`);
    const response = await fetch(url).catch(() => undefined);
    return response?.status === 200 ? true : undefined;
  });
}

/** Polls `check` every 250 ms until it returns a value other than undefined; errors thrown by it end the wait. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A port free on 127.0.0.1 now, for binaries that need one on their command line. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** SIGTERM to one process, SIGKILL after 10 s; resolves when it exited (at once if it had). */
export async function stopProcess({ child }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `stopProcess` for every process this module started; resolves when all exited. */
export async function stopAll(): Promise<void> {
  await Promise.all(started.splice(0).map(stopProcess));
}
