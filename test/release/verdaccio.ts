import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { freePort } from "./free-port.js";
import { startProcess } from "./process.js";

export interface LocalRegistry {
  /** Ends with a slash, as npm writes registry URLs: http://127.0.0.1:<port>/ */
  readonly url: string;
  /** A token of a user created on this registry, for `//host:port/:_authToken=` in an .npmrc. */
  readonly token: string;
  output(): string;
  stop(): Promise<void>;
}

// @periscope/* lives only here: no uplink, so a name taken on npmjs can never shadow what we publish.
// Everything else has no uplink either: clients fetch it from npmjs directly (the scoped registry in
// their .npmrc sends only @periscope/* here). Anyone may register (htpasswd, no user limit) and
// any registered user may publish; the audit middleware and the web UI are off.
function configuration(directory: string): string {
  return `storage: ${join(directory, "storage")}
auth:
  htpasswd:
    file: ${join(directory, "htpasswd")}
uplinks: {}
packages:
  "@periscope/*":
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  "**":
    access: $all
    publish: $authenticated
web:
  enable: false
middlewares:
  audit:
    enabled: false
log:
  type: stdout
  format: pretty
  level: warn
`;
}

function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("verdaccio/package.json")), "bin", "verdaccio");
}

async function waitUntilAnswering(url: string, isRunning: () => string | undefined, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const exit = isRunning();
    if (exit !== undefined) throw new Error(`Verdaccio ${exit} before answering. Output:\n${output()}`);
    try {
      const response = await fetch(new URL("-/ping", url));
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within 30 s. Output:\n${output()}`);
}

async function createUser(url: string): Promise<string> {
  const name = "release-test";
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "release-test-password" }),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 201 || typeof body.token !== "string") {
    throw new Error(`creating a user on Verdaccio answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.token;
}

/** Starts Verdaccio on 127.0.0.1 with its storage and config under `directory`. */
export async function startVerdaccio(directory: string): Promise<LocalRegistry> {
  await mkdir(directory, { recursive: true });
  const configPath = join(directory, "config.yaml");
  await writeFile(configPath, configuration(directory));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const verdaccio = startProcess(
    process.execPath,
    [verdaccioBin(), "--config", configPath, "--listen", `127.0.0.1:${port}`],
    {
      cwd: directory,
    },
  );
  try {
    await waitUntilAnswering(url, verdaccio.exitStatus, verdaccio.output);
    const token = await createUser(url);
    return { url, token, output: verdaccio.output, stop: verdaccio.stop };
  } catch (error) {
    await verdaccio.stop();
    throw error;
  }
}
