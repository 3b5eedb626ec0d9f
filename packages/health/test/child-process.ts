import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles a TypeScript fixture (with the package's source) into node_modules/.cache, where `express`
 * and the other dependencies still resolve, and returns the path of the runnable .mjs file.
 */
export async function bundleFixture(name: string): Promise<string> {
  const outfile = join(packageDirectory, "node_modules", ".cache", "health-fixtures", `${name}.mjs`);
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(packageDirectory, "test", "fixtures", `${name}.ts`)],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
  });
  return outfile;
}

export interface RunningChild {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node file` and waits for its `listening on <url>` line. */
export async function startChild(file: string, env: Record<string, string> = {}): Promise<RunningChild> {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fixture did not start:\n${output}`)), 15_000);
    const onData = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    void exited.then(() => reject(new Error(`the fixture exited before listening:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}
