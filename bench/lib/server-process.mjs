// Starts http-server.mjs as a child process (pinned to a core when taskset exists) and talks to it over IPC.
import { execFileSync, spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { peakRssBytes } from "./peak-rss.mjs";

const SERVER_SCRIPT = new URL("../http-server.mjs", import.meta.url).pathname;

/** The cores for the load generator and the server, or undefined when they cannot be separated. */
export function coreAssignment() {
  if (availableParallelism() < 2) return undefined;
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return { loadGenerator: 0, server: 1 };
  } catch {
    return undefined;
  }
}

/** Servers not yet exited: if the harness ends first, they are let go on (a paused one could not) and exit. */
const running = new Set();
let exitHooked = false;

function letServersGoOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGCONT");
  });
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.once(signal, () => process.exit(code));
  }
}

/** Pins every thread of the current process to one core. */
export function pinCurrentProcess(core) {
  execFileSync("taskset", ["-a", "-cp", String(core), String(process.pid)], { stdio: "ignore" });
}

/**
 * Starts the server of one variant and resolves once it listens.
 * `nodeArguments` go before the script (`--cpu-prof`, say); `env` is added to the server's environment;
 * `launcher` runs node under another program that keeps its pid (valgrind, say).
 */
export async function startServer(variant, { core, nodeArguments = [], env = {}, launcher = [] } = {}) {
  const command = [...launcher, process.execPath, ...nodeArguments, SERVER_SCRIPT, variant];
  const [file, ...args] = core === undefined ? command : ["taskset", "-c", String(core), ...command];
  // A session of its own: a server paused (SIGSTOP) in the harness's process group would have the kernel send
  // SIGHUP to the whole group, harness and CI included, whenever another member exits and no parent outside
  // the group holds it (the rule for orphaned process groups with stopped members).
  const child = spawn(file, args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env },
    detached: true,
  });
  letServersGoOnExit();
  running.add(child);
  child.once("exit", () => running.delete(child));
  let stopping = false;
  let crash;
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  exited.then(({ code, signal }) => {
    if (stopping) return;
    crash = new Error(`${variant} server exited unexpectedly (code ${code}, signal ${signal})`);
    child.emit("crash", crash);
  });

  /** Sends a message and waits for the reply of the given type; rejects if the server dies first. */
  function request(message, replyType) {
    return new Promise((resolve, reject) => {
      if (crash) return reject(crash);
      const onMessage = (reply) => {
        if (reply.type !== replyType) return;
        child.off("crash", reject);
        child.off("message", onMessage);
        resolve(reply);
      };
      child.on("message", onMessage);
      child.once("crash", reject);
      if (message) child.send(message);
    });
  }

  function signal(name) {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
  }

  const { port } = await request(undefined, "ready");
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    /** Sends a message to the server (or to a module preloaded into it) and resolves with its reply of `replyType`. */
    ask: request,
    /** The server's peak RSS so far, from the OS (taskset execs node, so the pid is the server's). */
    peakRssBytes: () => peakRssBytes(child.pid),
    startCpuWindow: () => request({ type: "cpu-start" }, "cpu-started"),
    /** CPU time (user + system) and wall time of the server since startCpuWindow, in microseconds. */
    stopCpuWindow: async () => {
      const { user, system, wallMicroseconds, stats } = await request({ type: "cpu-stop" }, "cpu");
      return { cpuMicroseconds: user + system, wallMicroseconds, stats };
    },
    /** Freezes the server (SIGSTOP): while others are measured on its core, it takes none of their time. */
    pause: () => signal("SIGSTOP"),
    /** Lets a paused server run again (SIGCONT). */
    resume: () => signal("SIGCONT"),
    /** Asks the server to close and exit (so a --cpu-prof profile gets written); kills it after 10 s. */
    stop: async () => {
      stopping = true;
      signal("SIGCONT");
      if (child.exitCode === null && child.signalCode === null) child.send({ type: "exit" });
      const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const result = await exited;
      clearTimeout(timeout);
      return result;
    },
  };
}
