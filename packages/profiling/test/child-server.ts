import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Compiles `test/fixtures/<name>.ts` (with the package's src) into node_modules/.cache, so that a real
 * child process runs today's source and resolves express from this package.
 */
export function bundleFixture(name: string): string {
  const outfile = join(packageDirectory, "node_modules", ".cache", "profiling-test", `${name}.mjs`);
  mkdirSync(dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [join(packageDirectory, "test", "fixtures", `${name}.ts`)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

export interface ChildServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a bundled fixture with node and waits for its `listening on <url>` line. V8 counts a function
 * that it inlined before the profiler started in its caller, which would make "the burner shows up"
 * depend on timing; the fixture runs without inlining so the test is deterministic.
 */
export async function startChildServer(script: string, env: Record<string, string>): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, ["--no-turbo-inlining", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the fixture exited with ${String(code)}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, output: () => output, stop };
}
