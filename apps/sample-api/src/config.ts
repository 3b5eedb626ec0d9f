/** The start convention every app in apps/ follows: PORT and HOST, loopback by default. */
export interface ServerConfig {
  port: number;
  host: string;
}

export function readServerConfig(environment: NodeJS.ProcessEnv, defaultPort: number): ServerConfig {
  const port = environment.PORT === undefined || environment.PORT === "" ? defaultPort : Number(environment.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${environment.PORT}"`);
  }
  return { port, host: environment.HOST || "127.0.0.1" };
}
