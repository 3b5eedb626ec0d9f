import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { startProcess } from "./process.js";

export interface QuickStartServer {
  /** The address the program printed, without a trailing slash: http://127.0.0.1:<port> */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Saves `code` as `<project>/server.mjs`, runs it with node and a free PORT, waits for `listening on`. */
export async function startQuickStart(project: string, code: string): Promise<QuickStartServer> {
  await writeFile(join(project, "server.mjs"), code);
  const port = await freePort();
  const server = startProcess(process.execPath, ["server.mjs"], { cwd: project, env: { PORT: String(port) } });
  try {
    const match = await server.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 20_000);
    const url = match[1] ?? "";
    if (url !== `http://127.0.0.1:${port}`) {
      throw new Error(`the quick start printed ${url} but was given PORT=${port}. Output:\n${server.output()}`);
    }
    return { url, output: server.output, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
