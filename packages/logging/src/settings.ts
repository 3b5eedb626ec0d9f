/** winston's npm levels, most severe first. */
export const LOG_LEVELS = { error: 0, warn: 1, info: 2, http: 3, verbose: 4, debug: 5, silly: 6 } as const;

export type LogLevel = keyof typeof LOG_LEVELS;
export type LogFormat = "json" | "pretty";

/** The service name OpenTelemetry uses when none is configured; logs and traces then agree. */
export const UNKNOWN_SERVICE = "unknown_service:node";

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && Object.hasOwn(LOG_LEVELS, value);
}

/** `option` wins over the environment variable; an empty variable counts as unset. */
function fromOptionOrEnv(option: string | undefined, envName: string): { value: string | undefined; source: string } {
  if (option !== undefined) return { value: option, source: "option" };
  const fromEnv = process.env[envName];
  return fromEnv === undefined || fromEnv.trim() === ""
    ? { value: undefined, source: "default" }
    : { value: fromEnv.trim(), source: `env ${envName}` };
}

export function resolveLevel(option: string | undefined): LogLevel {
  const { value, source } = fromOptionOrEnv(option, "LOG_LEVEL");
  if (value === undefined) return "info";
  const level = value.toLowerCase();
  if (isLogLevel(level)) return level;
  throw new Error(
    `@periscope/logging: invalid log level ${JSON.stringify(value)} (from ${source}); set the \`level\` option ` +
      `or the LOG_LEVEL environment variable to one of ${Object.keys(LOG_LEVELS).join(", ")}.`,
  );
}

export function resolveFormat(option: string | undefined, destinationIsTty: boolean): LogFormat {
  const { value, source } = fromOptionOrEnv(option, "LOG_FORMAT");
  if (value === undefined) return destinationIsTty ? "pretty" : "json";
  const format = value.toLowerCase();
  if (format === "json" || format === "pretty") return format;
  throw new Error(
    `@periscope/logging: invalid log format ${JSON.stringify(value)} (from ${source}); set the \`format\` option ` +
      `or the LOG_FORMAT environment variable to "json" or "pretty".`,
  );
}

export function resolveService(option: string | undefined): string {
  if (option !== undefined && (typeof option !== "string" || option.trim() === "")) {
    throw new Error(
      "@periscope/logging: the `service` option must be a non-empty string (or leave it out to use OTEL_SERVICE_NAME).",
    );
  }
  return fromOptionOrEnv(option, "OTEL_SERVICE_NAME").value ?? UNKNOWN_SERVICE;
}

export function resolvePositiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`@periscope/logging: the \`${name}\` option must be a positive integer, got ${String(value)}.`);
  }
  return value;
}
